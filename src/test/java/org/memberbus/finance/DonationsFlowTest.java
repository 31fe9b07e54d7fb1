package org.memberbus.finance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.memberbus.BusClient;
import org.memberbus.PartnerProbe;
import org.memberbus.SandboxTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Donations and receipts across the whole bus, driven from outside: a donor gives at the gateway
 * as the community's checkout does (a one-off card payment, or a recurring gift as a Stripe
 * subscription whose second charge comes when the gateway's clock moves on); the test looks at
 * what the CRM (Payment__c credited to a Campaign), the accounting system (journal entries) and
 * the marketing automation (the receipt e-mail, its PDF behind the link) end up holding.
 */
@SandboxTest
class DonationsFlowTest {

    static final Duration FLOW = Duration.ofSeconds(60);
    static final String DONATION_INCOME = "4300"; // config/gl-mapping.yaml

    @LocalServerPort int port;
    @Value("${memberbus.gateway.url}") String gatewayUrl;
    @Value("${memberbus.gateway.api-key}") String gatewayKey;
    @Value("${memberbus.accounting.url}") String accounting;
    @Autowired PartnerProbe partners;
    final ObjectMapper json = new ObjectMapper();
    final HttpClient http = HttpClient.newHttpClient();

    GatewayClient gateway() {
        return new GatewayClient(gatewayUrl, gatewayKey);
    }

    BusClient bus() {
        return new BusClient(port);
    }

    /** Staff's fundraising campaign in the CRM. */
    String campaign() {
        return partners.createSObject("Campaign", """
                {"Name":"Gala %s","IsActive":true,"Type":"Fundraising","Status":"In Progress"}"""
                .formatted(UUID.randomUUID().toString().substring(0, 8)));
    }

    String emailOf(String contactId) {
        return partners.contact(contactId).path("Email").asText();
    }

    JsonNode payments(String where) {
        return partners.soql("SELECT Id, Name, Contact__c, Campaign__c, Amount__c, Status__c, Type__c, Payment_Method__c,"
                + " Gateway_Payment_Id__c, Gateway_Subscription_Id__c, Receipt_Sent_At__c FROM Payment__c WHERE " + where);
    }

    List<JsonNode> receiptRuns(String paymentKey) {
        return StreamSupport.stream(partners.campaignRuns("payment-receipt").spliterator(), false)
                .filter(run -> ("receipt:" + paymentKey).equals(run.path("requestId").asText())).toList();
    }

    List<JsonNode> entries(String reference) {
        return StreamSupport.stream(ledger("/api/v1/journal-entries?externalReference="
                + URLEncoder.encode(reference, StandardCharsets.UTF_8)).path("data").spliterator(), false).toList();
    }

    JsonNode ledger(String path) {
        var request = HttpRequest.newBuilder(URI.create(accounting + path)).header("X-Api-Key", "accounting-sandbox-key").GET();
        return call(request).body();
    }

    record Answer(int status, JsonNode body, byte[] bytes) {}

    Answer call(HttpRequest.Builder request) {
        try {
            var answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            var text = new String(answer.body(), StandardCharsets.UTF_8);
            return new Answer(answer.statusCode(), text.isBlank() || text.startsWith("%PDF") ? json.createObjectNode()
                    : json.readTree(text), answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The receipt behind an e-mail's link, fetched as the payer's browser does (no login), as text. */
    String receiptText(JsonNode run) throws IOException {
        String url = run.at("/tokens/receiptUrl").asText();
        assertThat(url).contains("/receipts/");
        var answer = call(HttpRequest.newBuilder(URI.create("http://localhost:" + port + url.substring(url.indexOf("/receipts/")))).GET());
        assertThat(answer.status()).isEqualTo(200);
        try (var reader = new PdfReader(answer.bytes())) {
            return new PdfTextExtractor(reader).getTextFromPage(1);
        }
    }

    /** The gateway's own events about an object, delivered to the bus again, signed, as Stripe does when it retries. */
    void deliverAgain(String type, String field, String value, int times) throws Exception {
        var events = StreamSupport.stream(gateway().get("/v1/events?limit=100&type=" + type).path("data").spliterator(), false)
                .filter(e -> value.equals(e.at("/data/object/" + field).asText())).toList();
        assertThat(events).isNotEmpty();
        for (int i = 0; i < times; i++) {
            for (var event : events) {
                var answer = bus().gatewayWebhook(json.writeValueAsString(event));
                assertThat(answer.statusCode()).isEqualTo(200);
                assertThat(json.readTree(answer.body()).path("status").asText()).isEqualTo("duplicate");
            }
        }
    }

    /** The same events again under new event ids (a replay from the gateway's dashboard): past the bus's de-duplication. */
    void deliverUnderNewIds(String type, String field, String value, int times) throws Exception {
        var events = StreamSupport.stream(gateway().get("/v1/events?limit=100&type=" + type).path("data").spliterator(), false)
                .filter(e -> value.equals(e.at("/data/object/" + field).asText())).toList();
        assertThat(events).isNotEmpty();
        for (int i = 0; i < times; i++) {
            for (var event : events) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) event).put("id", "evt_again_" + UUID.randomUUID());
                assertThat(bus().gatewayWebhook(json.writeValueAsString(event)).statusCode()).isEqualTo(202);
            }
        }
    }

    @Test
    void aOneOffDonationIsCreditedToItsCampaignBookedOnceAndReceiptedOnce() throws Exception {
        String donor = "003DM0000001481AAA";
        String campaign = campaign();
        var intent = gateway().payByCard("pm_card_visa", 5000, Map.of("purpose", "donation", "crm_contact_id", donor,
                "campaign_id", campaign));
        String pi = intent.path("id").asText();

        await().atMost(FLOW).untilAsserted(() -> {
            var payment = payments("Gateway_Payment_Id__c = '" + pi + "'");
            assertThat(payment.path("totalSize").asInt()).isEqualTo(1);
            var p = payment.at("/records/0");
            assertThat(p.path("Type__c").asText()).isEqualTo("Donation");
            assertThat(p.path("Status__c").asText()).isEqualTo("Succeeded");
            assertThat(p.path("Contact__c").asText()).isEqualTo(donor);
            assertThat(p.path("Campaign__c").asText()).isEqualTo(campaign);
            assertThat(p.path("Amount__c").decimalValue()).isEqualByComparingTo("50");
            assertThat(p.path("Payment_Method__c").asText()).isEqualTo("Card");
        });
        await().atMost(FLOW).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            var entry = entries(pi + ":payment");
            assertThat(entry).hasSize(1);
            assertThat(credit(entry.get(0), DONATION_INCOME)).isEqualByComparingTo("50.00");
        });

        // the receipt: one e-mail to the donor, its link a PDF that says what was given and to what
        await().atMost(FLOW).untilAsserted(() -> assertThat(receiptRuns(pi)).hasSize(1));
        var run = receiptRuns(pi).get(0);
        assertThat(run.path("email").asText()).isEqualToIgnoringCase(emailOf(donor));
        var receiptNumber = payments("Gateway_Payment_Id__c = '" + pi + "'").at("/records/0/Name").asText();
        assertThat(run.at("/tokens/receiptNumber").asText()).isEqualTo(receiptNumber);
        var text = receiptText(run);
        assertThat(text).contains("Receipt " + receiptNumber, "USD 50.00", "Donation to Gala",
                "No goods or services were provided");
        await().atMost(FLOW).untilAsserted(() -> assertThat(payments("Gateway_Payment_Id__c = '" + pi + "'")
                .at("/records/0/Receipt_Sent_At__c").asText()).isNotBlank());
        // a link nobody was given is not a receipt
        var guessed = call(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/receipts/0123456789abcdef")).GET());
        assertThat(guessed.status()).isEqualTo(404);

        // the gateway's events delivered two and three more times change nothing
        deliverAgain("payment_intent.succeeded", "id", pi, 2);
        deliverAgain("payment_intent.succeeded", "id", pi, 3);
        assertThat(payments("Gateway_Payment_Id__c = '" + pi + "'").path("totalSize").asInt()).isEqualTo(1);
        assertThat(entries(pi + ":payment")).hasSize(1);
        assertThat(receiptRuns(pi)).hasSize(1);
    }

    @Test
    void aGiftNamingACampaignTheCrmDoesNotHaveIsStillRecordedWithoutOne() {
        var intent = gateway().payByCard("pm_card_visa", 1500, Map.of("purpose", "donation",
                "crm_contact_id", "003DM0000001482AAA", "campaign_id", "701000000000000AAA"));
        String pi = intent.path("id").asText();
        await().atMost(FLOW).untilAsserted(() -> {
            var payment = payments("Gateway_Payment_Id__c = '" + pi + "'");
            assertThat(payment.path("totalSize").asInt()).isEqualTo(1);
            assertThat(payment.at("/records/0/Type__c").asText()).isEqualTo("Donation");
            assertThat(payment.at("/records/0/Campaign__c").isNull() || payment.at("/records/0/Campaign__c").isMissingNode()).isTrue();
        });
    }

    @Test
    void aRecurringDonationsSecondChargeIsASecondPaymentToTheCampaignWithItsOwnEntryAndReceipt() throws Exception {
        String donor = "003DM0000001483AAA";
        String campaign = campaign();
        var subscription = gateway().subscribe("gift-" + UUID.randomUUID() + "@example.org", 2500, "day",
                Map.of("purpose", "donation", "crm_contact_id", donor, "campaign_id", campaign));
        assertThat(subscription.path("status").asText()).isEqualTo("active");
        String sub = subscription.path("id").asText();
        String firstInvoice = subscription.path("latest_invoice").asText();

        // the first charge is in the CRM before the gateway's clock moves on (webhooks come in any order)
        await().atMost(FLOW).until(() -> payments("Gateway_Payment_Id__c = '" + firstInvoice + "'").path("totalSize").asInt() == 1);
        gateway().advanceSeconds(86_400 + 60);
        var invoices = gateway().get("/v1/invoices?subscription=" + sub + "&status=paid").path("data");
        assertThat(invoices).hasSize(2);
        String secondInvoice = StreamSupport.stream(invoices.spliterator(), false).map(i -> i.path("id").asText())
                .filter(id -> !id.equals(firstInvoice)).findFirst().orElseThrow();

        await().atMost(FLOW).untilAsserted(() -> {
            var both = payments("Gateway_Subscription_Id__c = '" + sub + "'");
            assertThat(both.path("totalSize").asInt()).isEqualTo(2);
            for (var p : both.path("records")) {
                assertThat(p.path("Type__c").asText()).isEqualTo("Donation");
                assertThat(p.path("Campaign__c").asText()).isEqualTo(campaign);
                assertThat(p.path("Contact__c").asText()).isEqualTo(donor);
                assertThat(p.path("Amount__c").decimalValue()).isEqualByComparingTo("25");
            }
            assertThat(both.path("records")).extracting(p -> p.path("Gateway_Payment_Id__c").asText())
                    .containsExactlyInAnyOrder(firstInvoice, secondInvoice);
        });
        // each charge booked once to donation income, by its invoice; the invoices' payment intents book nothing
        await().atMost(FLOW).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (var invoice : List.of(firstInvoice, secondInvoice)) {
                var entry = entries(invoice + ":payment");
                assertThat(entry).hasSize(1);
                assertThat(credit(entry.get(0), DONATION_INCOME)).isEqualByComparingTo("25.00");
            }
        });
        for (var invoice : invoices) {
            var paidBy = gateway().get("/v1/invoice_payments?invoice=" + invoice.path("id").asText())
                    .at("/data/0/payment/payment_intent").asText();
            assertThat(entries(paidBy + ":payment")).isEmpty();
        }
        await().atMost(FLOW).untilAsserted(() -> {
            assertThat(receiptRuns(firstInvoice)).hasSize(1);
            assertThat(receiptRuns(secondInvoice)).hasSize(1);
        });

        deliverAgain("invoice.paid", "id", secondInvoice, 2);
        deliverAgain("invoice.paid", "id", secondInvoice, 3);
        // and replayed under new ids, two and three times: each flow keys its effect by the invoice
        deliverUnderNewIds("invoice.paid", "id", secondInvoice, 2);
        deliverUnderNewIds("invoice.paid", "id", secondInvoice, 3);
        // (the replays are processed: a later gift by the same donor is recorded after them, in order)
        String later = gateway().payByCard("pm_card_visa", 700, Map.of("purpose", "donation", "crm_contact_id", donor))
                .path("id").asText();
        await().atMost(FLOW).until(() -> payments("Gateway_Payment_Id__c = '" + later + "'").path("totalSize").asInt() == 1);
        await().atMost(FLOW).pollInterval(Duration.ofMillis(500)).until(() -> entries(later + ":payment").size() == 1);
        assertThat(payments("Gateway_Subscription_Id__c = '" + sub + "'").path("totalSize").asInt()).isEqualTo(2);
        assertThat(entries(secondInvoice + ":payment")).hasSize(1);
        assertThat(receiptRuns(secondInvoice)).hasSize(1);
        var trial = ledger("/api/v1/trial-balance?asOf=2099-12-31");
        assertThat(trial.path("totalDebit").decimalValue()).isEqualByComparingTo(trial.path("totalCredit").decimalValue());
    }

    static BigDecimal credit(JsonNode entry, String account) {
        return StreamSupport.stream(entry.path("lines").spliterator(), false)
                .filter(l -> l.path("account").asText().equals(account))
                .map(l -> l.path("credit").decimalValue()).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
