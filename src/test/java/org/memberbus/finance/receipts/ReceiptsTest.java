package org.memberbus.finance.receipts;

import static org.assertj.core.api.Assertions.assertThat;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.memberbus.finance.donations.Donations;

/** Which gateway events are donations and owe receipts, and what a receipt says, without the bus. */
class ReceiptsTest {

    final Receipts receipts = new Receipts("Test Association", "https://bus.example.org/");
    final Donations donations = new Donations();

    static Map<String, Object> event(String type, Map<String, Object> object) {
        return Map.of("id", "evt_1", "type", type, "created", 1_790_000_000L, "data", Map.of("object", object));
    }

    @Test
    void aOneOffGiftAndEachChargeOfARecurringOneAreDonations() {
        var once = donations.of(event("payment_intent.succeeded", Map.of("id", "pi_1", "amount", 5000,
                "amount_received", 5000, "currency", "usd", "payment_method_types", List.of("card"),
                "metadata", Map.of("purpose", "donation", "crm_contact_id", "003DM0000000001AAA",
                        "campaign_id", "701DM0000000001AAA"))));
        assertThat(once.paymentId()).isEqualTo("pi_1");
        assertThat(once.amount()).isEqualTo(5000);
        assertThat(once.campaignId()).isEqualTo("701DM0000000001AAA");
        var record = donations.paymentRecord(once, true);
        assertThat(record).containsEntry("Type__c", "Donation").containsEntry("Campaign__c", "701DM0000000001AAA")
                .containsEntry("Contact__c", "003DM0000000001AAA").containsEntry("Payment_Method__c", "Card");
        assertThat(donations.paymentRecord(once, false)).doesNotContainKey("Campaign__c");

        var charge = donations.of(event("invoice.paid", Map.of("id", "in_2", "amount_paid", 2500, "currency", "usd",
                "parent", Map.of("subscription_details", Map.of("subscription", "sub_1",
                        "metadata", Map.of("purpose", "donation", "campaign_id", "not-a-campaign"))))));
        assertThat(charge.paymentId()).isEqualTo("in_2");
        assertThat(charge.subscriptionId()).isEqualTo("sub_1");
        assertThat(charge.campaignId()).isNull();
        assertThat(charge.contactId()).isNull();

        assertThat(donations.of(event("payment_intent.succeeded", Map.of("id", "pi_3", "amount", 100,
                "metadata", Map.of("purpose", "event_fee"))))).isNull();
    }

    @Test
    void aPaymentThatSaysWhatItPaysForOwesAReceiptAndAnInvoicesIntentDoesNot() {
        var asked = receipts.request(event("payment_intent.succeeded", Map.of("id", "pi_1",
                "metadata", Map.of("purpose", "membership_renewal", "email", "ada@example.org"))));
        assertThat(asked.paymentKey()).isEqualTo("pi_1");
        assertThat(asked.email()).isEqualTo("ada@example.org");
        assertThat(asked.token()).hasSize(40);
        assertThat(receipts.request(event("payment_intent.succeeded", Map.of("id", "pi_2", "metadata", Map.of())))).isNull();
        assertThat(receipts.request(event("invoice.paid", Map.of("id", "in_1", "parent", Map.of("subscription_details",
                Map.of("metadata", Map.of("type", "dues"))))))).isNotNull();
    }

    @Test
    void onlyASucceededPaymentIsReceiptedAndThePdfSaysWhatWasPaid() throws Exception {
        var waiting = List.<Map<String, Object>>of(Map.of("payment_key", "pi_1", "token", "t1"),
                Map.of("payment_key", "pi_2", "token", "t2"));
        var crm = Map.<String, Object>of("records", List.of(
                Map.ofEntries(Map.entry("Id", "a09A"), Map.entry("Name", "PM-000123"),
                        Map.entry("Gateway_Payment_Id__c", "pi_1"), Map.entry("Amount__c", 50.0),
                        Map.entry("Currency__c", "USD"), Map.entry("Status__c", "Succeeded"), Map.entry("Type__c", "Donation"),
                        Map.entry("Payment_Method__c", "Card"), Map.entry("Paid_At__c", "2026-12-05T10:00:00.000+0000"),
                        Map.entry("Contact__c", "003DM0000000001AAA"),
                        Map.entry("Contact__r", Map.of("Email", "ada@example.org", "FirstName", "Ada", "LastName", "Lovelace")),
                        Map.entry("Campaign__r", Map.of("Name", "Annual Fund"))),
                Map.of("Id", "a09B", "Name", "PM-000124", "Gateway_Payment_Id__c", "pi_2", "Amount__c", 295.0,
                        "Status__c", "Pending", "Type__c", "Dues")));
        var due = receipts.due(waiting, crm);
        assertThat(due).singleElement().satisfies(r -> {
            assertThat(r.paymentKey()).isEqualTo("pi_1");
            assertThat(r.email()).isEqualTo("ada@example.org");
        });
        var email = receipts.email(due.get(0));
        assertThat(email.requestId()).isEqualTo("receipt:pi_1");
        assertThat(email.body()).containsEntry("campaign", "payment-receipt");
        assertThat(((Map<?, ?>) email.body().get("tokens")).get("receiptUrl")).isEqualTo("https://bus.example.org/receipts/t1");
        try (var reader = new PdfReader(receipts.pdf(due.get(0)))) {
            var text = new PdfTextExtractor(reader).getTextFromPage(1);
            assertThat(text).contains("Test Association", "Receipt PM-000123", "Ada Lovelace", "USD 50.00",
                    "Donation to Annual Fund", "No goods or services");
        }
        assertThat(receipts.crmQuery(waiting)).endsWith("IN ('pi_1','pi_2')");
    }
}
