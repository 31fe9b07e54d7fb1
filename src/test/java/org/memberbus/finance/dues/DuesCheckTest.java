package org.memberbus.finance.dues;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.memberbus.member.join.MembershipPricing;
import org.memberbus.member.renewal.RenewalPayment;

/** Payments against their quotes, on a fixed day (2026-06-15), with the shipped prices. */
class DuesCheckTest {

    static final LocalDate DAY = LocalDate.of(2026, 6, 15);
    final DuesPricing pricing = new DuesPricing(new MembershipPricing("config/pricing.yaml"),
            Clock.fixed(DAY.atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC));
    final DuesCheck check = new DuesCheck(pricing);

    static Map<String, Object> membership(String level, String status, String start, String end) {
        return Map.of("records", List.of(Map.of("Id", "a01X", "Level__c", level, "Status__c", status,
                "Start_Date__c", start, "End_Date__c", end)));
    }

    static RenewalPayment renewal(long amount, String level, String termStart) {
        return new RenewalPayment("pi_1", "evt_1", "003DM0000000017AAA", amount, "usd", level, termStart, null);
    }

    @Test
    void aRenewalOfTheQuotedAmountBuysTheNextTerm() {
        var result = check.renewal(renewal(29500, null, null), membership("Professional", "Active", "2025-09-01", "2026-08-31"));
        assertThat(result.held()).isFalse();
        assertThat(result.quote().termStart()).isEqualTo(LocalDate.of(2026, 9, 1));
        assertThat(result.quote().termEnd()).isEqualTo(LocalDate.of(2027, 8, 31));
    }

    @Test
    void aRenewalThatIsNotItsQuoteIsHeldWithTheReason() {
        var active = membership("Professional", "Active", "2025-09-01", "2026-08-31");
        assertThat(check.renewal(renewal(15000, null, null), active).problem())
                .isEqualTo("the payment pi_1 of 150 USD is not the 295 USD quoted for renewing PROFESSIONAL on 2026-06-15 "
                        + "(renewal of an anniversary term: the full PROFESSIONAL dues of 295 USD)");
        assertThat(check.renewal(renewal(39500, "FELLOW", null), active).problem())
                .contains("renews FELLOW but the membership is PROFESSIONAL");
        assertThat(check.renewal(renewal(29500, null, "2026-06-15"), active).problem())
                .contains("says it buys 2026-06-15 to null but renewing on 2026-06-15 buys 2026-09-01 to 2027-08-31");
        assertThat(check.renewal(new RenewalPayment("pi_1", "evt_1", "003DM0000000017AAA", 29500, "eur"), active).problem())
                .contains("is in eur, dues are charged in USD");
    }

    @Test
    void aLevelChangeMustBeThePricedUpgradeOfAnActiveMembership() {
        var active = membership("Professional", "Active", "2026-01-01", "2026-12-31");
        var upgrade = new ChangePayment("pi_2", "evt_2", "003DM0000000017AAA", "FELLOW", 5833, "USD", null);
        assertThat(check.change(upgrade, active).held()).isFalse();
        var short_ = new ChangePayment("pi_2", "evt_2", "003DM0000000017AAA", "FELLOW", 5000, "USD", null);
        assertThat(check.change(short_, active).problem()).contains("of 50 USD is not the 58.33 USD quoted");
        var lapsed = membership("Professional", "Lapsed", "2025-01-01", "2025-12-31");
        assertThat(check.change(upgrade, lapsed).problem()).contains("does not apply to the Lapsed PROFESSIONAL membership");
        var same = new ChangePayment("pi_2", "evt_2", "003DM0000000017AAA", "PROFESSIONAL", 29500, "USD", null);
        assertThat(check.change(same, active).problem()).contains("(the bus quotes a renewal)");
    }

    @Test
    void aLevelChangeWithoutContactOrLevelIsHeldNotDropped() {
        var event = Map.<String, Object>of("id", "evt_3", "type", "payment_intent.succeeded", "data", Map.of("object",
                Map.of("id", "pi_3", "amount", 100, "currency", "usd", "metadata", Map.of("purpose", "membership_change"))));
        var payment = ChangePayment.of(event);
        assertThat(payment).isNotNull();
        assertThat(check.change(payment, null).problem()).isEqualTo("the level change pi_3 names no CRM contact (metadata crm_contact_id)");
        assertThat(ChangePayment.of(Map.of("id", "evt_4", "type", "payment_intent.succeeded", "data", Map.of("object",
                Map.of("id", "pi_4", "metadata", Map.of("purpose", "donation")))))).isNull();
    }
}
