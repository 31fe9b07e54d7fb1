package org.memberbus.member.join;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.memberbus.infra.PoisonMessageException;
import org.memberbus.member.MembershipLevel;

/** The join's rules, without Spring: reading the events, checking the payment, what a join writes. */
class MemberJoinRulesTest {

    final MemberJoin join = new MemberJoin(new MembershipPricing("config/pricing.yaml"));
    final ObjectMapper json = new ObjectMapper();

    Map<String, Object> read(String text) throws Exception {
        return json.readValue(text, new TypeReference<LinkedHashMap<String, Object>>() {});
    }

    static final String APPLICATION = """
            {"id":"evt_1","type":"membership.application_submitted","created":"2026-11-23T10:00:00Z",
             "account":{"id":"cm_009001","crmContactId":null},
             "data":{"applicationId":"app_000001","firstName":"Ada","lastName":"Lovelace","email":"ada@example.org",
                     "level":"PROFESSIONAL","employer":"Analytical Engines","phone":"+1-555-0101","city":"Boston",
                     "country":"US"}}""";

    static String paymentEvent(String type, long amount, String level) {
        return """
                {"id":"evt_pay","type":"%s","created":1795428000,
                 "data":{"object":{"id":"pi_1","object":"payment_intent","amount":%d,"currency":"usd","customer":null,
                   "metadata":{"purpose":"membership_join","application_id":"app_000001","community_account_id":"cm_009001",
                               "level":"%s","email":"ada@example.org"},
                   "last_payment_error":{"code":"card_declined","decline_code":"generic_decline","message":"Your card was declined."}}}}"""
                .formatted(type, amount, level);
    }

    @Test
    void readsTheApplicationFromTheCommunityWebhook() throws Exception {
        var application = join.application(read(APPLICATION));
        assertThat(application.applicationId()).isEqualTo("app_000001");
        assertThat(application.accountId()).isEqualTo("cm_009001");
        assertThat(application.level()).isEqualTo(MembershipLevel.PROFESSIONAL);
        assertThat(application.email()).isEqualTo("ada@example.org");
        assertThat(application.submittedAt()).isEqualTo(Instant.parse("2026-11-23T10:00:00Z"));
    }

    @Test
    void anApplicationWithoutItsIdOrLevelIsPoison() throws Exception {
        var event = read(APPLICATION.replace("\"applicationId\":\"app_000001\",", "").replace("PROFESSIONAL", "GOLD"));
        assertThatThrownBy(() -> join.application(event))
                .isInstanceOf(PoisonMessageException.class)
                .hasMessageContaining("data.applicationId: missing")
                .hasMessageContaining("data.level: 'GOLD' is not a membership level");
    }

    @Test
    void readsTheJoinPaymentFromTheGatewayEvent() throws Exception {
        var event = read(paymentEvent("payment_intent.succeeded", 29500, "PROFESSIONAL"));
        assertThat(join.isJoinPayment(event)).isTrue();
        var payment = join.payment(event);
        assertThat(payment.succeeded()).isTrue();
        assertThat(payment.applicationId()).isEqualTo("app_000001");
        assertThat(payment.amount()).isEqualTo(29500);
        assertThat(payment.currency()).isEqualTo("USD");
        assertThat(payment.at()).isEqualTo(Instant.ofEpochSecond(1795428000));
        assertThat(payment.failure()).isNull();

        var declined = join.payment(read(paymentEvent("payment_intent.payment_failed", 29500, "PROFESSIONAL")));
        assertThat(declined.succeeded()).isFalse();
        assertThat(declined.failure()).isEqualTo("Your card was declined. (generic_decline)");
    }

    @Test
    void otherPaymentsAreNotJoinsAndAJoinPaymentWithoutApplicationOrLevelIsPoison() throws Exception {
        assertThat(join.isJoinPayment(read(paymentEvent("payment_intent.succeeded", 1, "X").replace("membership_join", "event_fee")))).isFalse();
        assertThat(join.isJoinPayment(read("{\"id\":\"evt\",\"data\":{\"object\":{\"id\":\"ch_1\"}}}"))).isFalse();
        var event = read(paymentEvent("payment_intent.succeeded", 29500, "")
                .replace("\"application_id\":\"app_000001\",", ""));
        assertThatThrownBy(() -> join.payment(event))
                .isInstanceOf(PoisonMessageException.class)
                .hasMessageContaining("metadata.application_id: missing")
                .hasMessageContaining("metadata.level: missing");
    }

    JoinRequest joinOf(long amount, String currency, String paymentLevel) {
        return new JoinRequest("app_000001", "cm_009001", "PROFESSIONAL", "ada@example.org",
                Map.of("firstName", "Ada", "lastName", "Lovelace", "city", "Boston", "country", "US"),
                "pi_1", amount, currency, paymentLevel, "cus_1", Instant.parse("2026-11-23T10:05:00Z"), null, 0, null,
                "completing", "M002001", LocalDate.of(2026, 11, 23), null, null, true);
    }

    @Test
    void aPaidJoinBecomesAnActiveContactForOneYear() {
        var plan = join.plan(joinOf(29500, "USD", "PROFESSIONAL"));
        assertThat(plan.refused()).isFalse();
        assertThat(plan.endDate()).isEqualTo(LocalDate.of(2027, 11, 22));
        assertThat(plan.contactFields())
                .containsEntry("FirstName", "Ada").containsEntry("LastName", "Lovelace")
                .containsEntry("Email", "ada@example.org").containsEntry("MailingCity", "Boston")
                .containsEntry("Community_Id__c", "cm_009001").containsEntry("Gateway_Customer_Id__c", "cus_1")
                .containsEntry("Membership_Status__c", "Active").containsEntry("Membership_Level__c", "Professional")
                .containsEntry("Membership_Start_Date__c", "2026-11-23").containsEntry("Membership_End_Date__c", "2027-11-22")
                .containsEntry("Member_Since__c", "2026-11-23")
                .doesNotContainKeys("Phone", "Member_Number__c");
        assertThat(plan.contactFields().get("Membership_Dues__c")).hasToString("295");

        assertThat(join.membership(plan, "003X")).containsEntry("Contact__c", "003X").containsEntry("Status__c", "Active")
                .containsEntry("Level__c", "Professional").containsEntry("End_Date__c", "2027-11-22");
        assertThat(join.membershipQuery(plan, "003X")).isEqualTo(
                "SELECT Id FROM Membership__c WHERE Contact__c = '003X' AND Start_Date__c = 2026-11-23 AND Level__c = 'Professional'");
        assertThat(join.paymentRecord(joinOf(29500, "USD", "PROFESSIONAL"), plan, "003X"))
                .containsEntry("Status__c", "Succeeded").containsEntry("Type__c", "Dues")
                .containsEntry("Paid_At__c", "2026-11-23T10:05:00Z");
    }

    @Test
    void theCommunityGetsTheLinkTheMembershipAndAccessFromTheCrmStatus() {
        var commands = join.communityCommands(join.plan(joinOf(29500, "USD", "PROFESSIONAL")), "003X");
        assertThat(commands).hasSize(2);
        assertThat(commands.get(0).operation()).isEqualTo("PATCH");
        assertThat(commands.get(0).path()).isEqualTo("/api/v1/accounts/cm_009001");
        assertThat(commands.get(0).body()).containsEntry("crmContactId", "003X").containsEntry("memberNumber", "M002001")
                .containsEntry("membershipStatus", "ACTIVE").containsEntry("level", "PROFESSIONAL")
                .containsEntry("membershipEndDate", "2027-11-22");
        assertThat(commands.get(1).path()).isEqualTo("/api/v1/accounts/cm_009001/access");
        assertThat(commands.get(1).body()).containsEntry("accessLevel", "MEMBER");

        var fellow = new JoinRequest("app_2", "cm_2", "FELLOW", "f@example.org", Map.of("lastName", "F"), "pi_2", 39500L,
                "usd", "FELLOW", null, null, null, 0, null, "completing", "M002002", LocalDate.of(2026, 1, 1), null, null, true);
        assertThat(join.communityCommands(join.plan(fellow), "003Y").get(1).body()).containsEntry("accessLevel", "PREMIUM");
    }

    @Test
    void aFormerMemberComingBackKeepsTheirContactNumberAndMemberSince() throws Exception {
        var application = join.application(read(APPLICATION.replace("\"crmContactId\":null", "\"crmContactId\":\"003DM0000000055AAA\"")));
        assertThat(application.crmContactId()).isEqualTo("003DM0000000055AAA");

        var comingBack = new JoinRequest("app_000001", "cm_000055", "PROFESSIONAL", "ada@example.org", Map.of("lastName", "L"),
                "pi_1", 29500L, "USD", "PROFESSIONAL", null, null, null, 0, null, "completing", null,
                LocalDate.of(2026, 11, 23), "003DM0000000055AAA", null, true);
        var plan = join.plan(comingBack);
        assertThat(plan.returning()).isTrue();
        assertThat(plan.existingContactId()).isEqualTo("003DM0000000055AAA");
        assertThat(plan.contactFields()).containsEntry("Membership_Status__c", "Active").doesNotContainKey("Member_Since__c");
        assertThat(join.communityCommands(plan, "003DM0000000055AAA").get(0).body()).doesNotContainKey("memberNumber");
        assertThat(join.welcomeRequestId(plan, "003DM0000000055AAA")).isEqualTo("welcome:003DM0000000055AAA:app_000001");
        assertThat(join.welcomeRequestId(join.plan(joinOf(29500, "USD", "PROFESSIONAL")), "003X")).isEqualTo("welcome:003X");
    }

    @Test
    void aPaymentThatIsNotTheLevelsDuesIsRefusedWithItsReason() {
        assertThat(join.plan(joinOf(29400, "USD", "PROFESSIONAL")).problem())
                .isEqualTo("the payment pi_1 of 294.00 USD is not the PROFESSIONAL dues of 295 USD");
        assertThat(join.plan(joinOf(29500, "EUR", "PROFESSIONAL")).problem())
                .isEqualTo("the payment pi_1 is in EUR, dues are charged in USD");
        assertThat(join.plan(joinOf(39500, "USD", "FELLOW")).problem())
                .isEqualTo("the payment pi_1 was for FELLOW but the application is for PROFESSIONAL");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theWelcomeAndThePaymentFailedNotice() throws Exception {
        var welcome = join.welcome(join.plan(joinOf(29500, "USD", "PROFESSIONAL")), "003X");
        assertThat(welcome).containsEntry("campaign", "welcome").containsEntry("crmContactId", "003X")
                .containsEntry("email", "ada@example.org");
        assertThat((Map<String, Object>) welcome.get("tokens")).containsEntry("memberNumber", "M002001").containsEntry("firstName", "Ada");

        var declined = join.payment(read(paymentEvent("payment_intent.payment_failed", 29500, "PROFESSIONAL")));
        var onlyPaymentSoFar = new JoinRequest("app_000001", "cm_009001", null, null, null, null, null, null, null, null,
                null, "ada@example.org", 1, "declined", "open", null, null, null, null, false);
        var notice = join.paymentFailedNotice(onlyPaymentSoFar, declined);
        assertThat(notice).containsEntry("campaign", "payment-failed").containsEntry("crmContactId", null)
                .containsEntry("email", "ada@example.org");
        assertThat((Map<String, Object>) notice.get("tokens")).containsEntry("amount", "295.00 USD")
                .containsEntry("reason", "Your card was declined. (generic_decline)");
    }

    @Test
    void memberNumbersAreMAndAtLeastSixDigits() {
        assertThat(JoinRequests.memberNumber(2001)).isEqualTo("M002001");
        assertThat(JoinRequests.memberNumber(1234567)).isEqualTo("M1234567");
    }
}
