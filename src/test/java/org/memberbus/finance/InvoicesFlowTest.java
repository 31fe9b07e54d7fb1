package org.memberbus.finance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.memberbus.BusClient;
import org.memberbus.PartnerProbe;
import org.memberbus.SandboxTest;
import org.memberbus.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Check and purchase-order invoices across the whole bus, driven from outside: the community asks
 * for an invoice instead of a checkout, staff record the check when it arrives, or the employer pays
 * the purchase order later at the gateway; the test looks at what the CRM (Invoice__c, Payment__c,
 * the membership), the accounting system and the marketing automation (the receipt) end up holding.
 */
@SandboxTest
class InvoicesFlowTest {

    static final Duration FLOW = Duration.ofSeconds(60);

    @LocalServerPort int port;
    @Value("${memberbus.gateway.url}") String gatewayUrl;
    @Value("${memberbus.gateway.api-key}") String gatewayKey;
    @Value("${memberbus.accounting.url}") String accounting;
    @Autowired PartnerProbe partners;
    final ObjectMapper json = new ObjectMapper();
    final HttpClient http = HttpClient.newHttpClient();

    BusClient bus() {
        return new BusClient(port);
    }

    GatewayClient gateway() {
        return new GatewayClient(gatewayUrl, gatewayKey);
    }

    JsonNode call(String user, String path, String body) throws Exception {
        var answer = bus().postAs(user, path, body);
        var node = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(answer.body());
        node.put("httpStatus", answer.statusCode());
        return node;
    }

    JsonNode crmInvoice(String number) {
        return partners.soql("SELECT Id, Status__c, Amount__c, Payment_Method__c, PO_Number__c, Net_Terms_Days__c,"
                + " Due_Date__c, Paid_By__c, Purpose__c FROM Invoice__c WHERE Number__c = '" + number + "'").at("/records/0");
    }

    JsonNode payment(String key) {
        return partners.soql("SELECT Id, Contact__c, Invoice__c, Membership__c, Amount__c, Status__c, Type__c,"
                + " Payment_Method__c, Check_Number__c FROM Payment__c WHERE Gateway_Payment_Id__c = '" + key + "'");
    }

    List<JsonNode> entries(String reference) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(accounting + "/api/v1/journal-entries?externalReference="
                + URLEncoder.encode(reference, StandardCharsets.UTF_8))).header("X-Api-Key", "accounting-sandbox-key").GET();
        var body = json.readTree(http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body());
        return StreamSupport.stream(body.path("data").spliterator(), false).toList();
    }

    JsonNode trialBalance() throws Exception {
        var request = HttpRequest.newBuilder(URI.create(accounting + "/api/v1/trial-balance?asOf=2099-12-31"))
                .header("X-Api-Key", "accounting-sandbox-key").GET();
        return json.readTree(http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    long receiptRuns(String paymentKey) {
        return StreamSupport.stream(partners.campaignRuns("payment-receipt").spliterator(), false)
                .filter(run -> ("receipt:" + paymentKey).equals(run.path("requestId").asText())).count();
    }

    static BigDecimal amount(JsonNode entry, String account, String side) {
        return StreamSupport.stream(entry.path("lines").spliterator(), false)
                .filter(l -> l.path("account").asText().equals(account))
                .map(l -> l.path(side).decimalValue()).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @Test
    void aCheckPaidLateRenewsTheMembershipOnlyOnceStaffRecordIt() throws Exception {
        var member = ActiveMember.find(partners, "M00141");
        String request = """
                {"crmContactId":"%s","purpose":"membership_renewal","level":"%s","method":"check","requestId":"%s"}"""
                .formatted(member.id(), member.level(), "inv-" + UUID.randomUUID());
        var invoice = call(BusClient.OPS, "/api/v1/finance/invoices", request);
        assertThat(invoice.path("httpStatus").asInt()).isEqualTo(201);
        String number = invoice.path("number").asText();
        assertThat(number).startsWith("INV-");
        assertThat(invoice.path("status").asText()).isEqualTo("open");
        assertThat(invoice.path("dueDate").asText()).isEqualTo(LocalDate.now().plusDays(30).toString());
        long dues = invoice.path("amount").asLong();
        var quote = json.readTree(bus().get("/api/v1/pricing/dues?level=" + member.level() + "&member=" + member.id(),
                BusClient.OPS).body());
        assertThat(dues).isEqualTo(quote.path("amount").asLong());
        // asked again (the community retrying): the same invoice
        assertThat(call(TestUsers.OPERATOR, "/api/v1/finance/invoices", request).path("number").asText()).isEqualTo(number);
        assertThat(bus().postAs(TestUsers.VIEWER, "/api/v1/finance/invoices", request).statusCode()).isEqualTo(403);
        var crm = crmInvoice(number);
        assertThat(crm.path("Status__c").asText()).isEqualTo("Open");
        assertThat(crm.path("Payment_Method__c").asText()).isEqualTo("Check");
        assertThat(crm.path("Amount__c").decimalValue()).isEqualByComparingTo(BigDecimal.valueOf(dues, 2));
        // the invoice buys nothing by itself
        assertThat(partners.contact(member.id()).path("Membership_End_Date__c").asText()).isEqualTo(member.end().toString());

        // weeks later the check arrives; staff record it (and, unsure, once more)
        String check = """
                {"method":"check","checkNumber":"1042","amount":%d}""".formatted(dues);
        var recorded = call(BusClient.OPS, "/api/v1/finance/invoices/" + number + "/payments", check);
        assertThat(recorded.path("httpStatus").asInt()).isEqualTo(202);
        assertThat(recorded.path("status").asText()).isEqualTo("paid");
        String key = recorded.path("paidBy").asText();
        assertThat(key).isEqualTo("check_" + number + "_1042");
        assertThat(call(BusClient.OPS, "/api/v1/finance/invoices/" + number + "/payments", check).path("httpStatus").asInt())
                .isEqualTo(202);
        var another = call(BusClient.OPS, "/api/v1/finance/invoices/" + number + "/payments", check.replace("1042", "1043"));
        assertThat(another.path("httpStatus").asInt()).isEqualTo(409);

        await().atMost(FLOW).untilAsserted(() -> {
            assertThat(partners.contact(member.id()).path("Membership_End_Date__c").asText())
                    .isEqualTo(member.end().plusYears(1).toString());
            var p = payment(key);
            assertThat(p.path("totalSize").asInt()).isEqualTo(1);
            assertThat(p.at("/records/0/Payment_Method__c").asText()).isEqualTo("Check");
            assertThat(p.at("/records/0/Check_Number__c").asText()).isEqualTo("1042");
            assertThat(p.at("/records/0/Type__c").asText()).isEqualTo("Dues");
            assertThat(p.at("/records/0/Status__c").asText()).isEqualTo("Succeeded");
            assertThat(p.at("/records/0/Contact__c").asText()).isEqualTo(member.id());
            assertThat(p.at("/records/0/Invoice__c").asText()).isEqualTo(crm.path("Id").asText());
            // and the membership it renewed
            assertThat(p.at("/records/0/Membership__c").asText()).startsWith("a01");
            assertThat(crmInvoice(number).path("Status__c").asText()).isEqualTo("Paid");
            assertThat(crmInvoice(number).path("Paid_By__c").asText()).isEqualTo(key);
        });
        // the deposit: the bank to deferred dues; and the payer's receipt
        await().atMost(FLOW).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            var entry = entries(key + ":payment");
            assertThat(entry).hasSize(1);
            assertThat(amount(entry.get(0), "1000", "debit")).isEqualByComparingTo(BigDecimal.valueOf(dues, 2));
            assertThat(amount(entry.get(0), "2100", "credit")).isEqualByComparingTo(BigDecimal.valueOf(dues, 2));
        });
        await().atMost(FLOW).untilAsserted(() -> assertThat(receiptRuns(key)).isEqualTo(1));
        var trial = trialBalance();
        assertThat(trial.path("totalDebit").decimalValue()).isEqualByComparingTo(trial.path("totalCredit").decimalValue());
        var read = json.readTree(bus().get("/api/v1/finance/invoices/" + number, TestUsers.VIEWER).body());
        assertThat(read.path("status").asText()).isEqualTo("paid");
        assertThat(read.path("paidMethod").asText()).isEqualTo("Check");
    }

    @Test
    void aPurchaseOrderInvoiceWithNetTermsIsPaidLaterAtTheGatewayAndRenewsOnce() throws Exception {
        var member = ActiveMember.find(partners, "M00142");
        var invoice = call(TestUsers.OPERATOR, "/api/v1/finance/invoices", """
                {"crmContactId":"%s","purpose":"membership_renewal","level":"%s","method":"purchase_order",
                 "poNumber":"PO-7781","netTermsDays":45,"requestId":"%s"}"""
                .formatted(member.id(), member.level(), "inv-" + UUID.randomUUID()));
        assertThat(invoice.path("httpStatus").asInt()).isEqualTo(201);
        String number = invoice.path("number").asText();
        assertThat(invoice.path("dueDate").asText()).isEqualTo(LocalDate.now().plusDays(45).toString());
        var crm = crmInvoice(number);
        assertThat(crm.path("PO_Number__c").asText()).isEqualTo("PO-7781");
        assertThat(crm.path("Net_Terms_Days__c").asInt()).isEqualTo(45);
        assertThat(crm.path("Payment_Method__c").asText()).isEqualTo("Purchase Order");

        // the employer's accounts payable pays it later, by card, naming the invoice
        var paid = gateway().payByCard("pm_card_visa", invoice.path("amount").asLong(), Map.of(
                "purpose", "membership_renewal", "crm_contact_id", member.id(), "level", member.level().toLowerCase(Locale.ROOT),
                "invoice_number", number));
        String pi = paid.path("id").asText();
        await().atMost(FLOW).untilAsserted(() -> {
            assertThat(crmInvoice(number).path("Status__c").asText()).isEqualTo("Paid");
            assertThat(crmInvoice(number).path("Paid_By__c").asText()).isEqualTo(pi);
            assertThat(partners.contact(member.id()).path("Membership_End_Date__c").asText())
                    .isEqualTo(member.end().plusYears(1).toString());
            assertThat(payment(pi).at("/records/0/Status__c").asText()).isEqualTo("Succeeded");
        });
        await().atMost(FLOW).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertThat(entries(pi + ":payment")).hasSize(1));
        var read = json.readTree(bus().get("/api/v1/finance/invoices/" + number, TestUsers.VIEWER).body());
        assertThat(read.path("paidBy").asText()).isEqualTo(pi);
        assertThat(read.path("paidMethod").asText()).isEqualTo("Card");
    }

    @Test
    void aBadInvoiceRequestIsRefusedWithEveryReason() throws Exception {
        var bad = call(BusClient.OPS, "/api/v1/finance/invoices", """
                {"crmContactId":"nobody","purpose":"membership_renewal","method":"purchase_order","requestId":"x"}""");
        assertThat(bad.path("httpStatus").asInt()).isEqualTo(400);
        assertThat(bad.path("error").asText()).contains("crmContactId", "poNumber", "level");
        assertThat(call(BusClient.OPS, "/api/v1/finance/invoices", "not json").path("httpStatus").asInt()).isEqualTo(400);
        assertThat(bus().get("/api/v1/finance/invoices/INV-999999", BusClient.OPS).statusCode()).isEqualTo(404);
        var unknown = call(BusClient.OPS, "/api/v1/finance/invoices/INV-999999/payments",
                "{\"method\":\"check\",\"checkNumber\":\"1\",\"amount\":100}");
        assertThat(unknown.path("httpStatus").asInt()).isEqualTo(404);
        var description = json.readTree(bus().get("/api/v1/openapi.json", BusClient.OPS).body());
        assertThat(description.at("/paths/~1api~1v1~1finance~1invoices/post/responses").fieldNames()).toIterable()
                .contains("201", "400", "422");
        assertThat(description.at("/paths/~1api~1v1~1finance~1invoices~1{number}~1payments/post").isMissingNode()).isFalse();
    }
}
