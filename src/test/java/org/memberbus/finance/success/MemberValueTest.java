package org.memberbus.finance.success;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A member's value worked by hand from CRM records, as a CS manager would add it up. */
class MemberValueTest {

    static final LocalDate TODAY = LocalDate.of(2026, 12, 5);

    static Map<String, Object> payment(String type, Object amount, String status, Object refunded, String paidAt) {
        var p = new LinkedHashMap<String, Object>();
        p.put("Type__c", type);
        p.put("Amount__c", amount);
        p.put("Currency__c", "USD");
        p.put("Status__c", status);
        p.put("Refunded_Amount__c", refunded);
        p.put("Paid_At__c", paidAt);
        return p;
    }

    static Map<String, Object> contact(String status, String since, String end) {
        var c = new LinkedHashMap<String, Object>();
        c.put("Member_Since__c", since);
        c.put("Membership_Status__c", status);
        c.put("Membership_Level__c", "Professional");
        c.put("Membership_Start_Date__c", "2026-03-01");
        c.put("Membership_End_Date__c", end);
        return c;
    }

    @Test
    void paidRefundedAndNetByKindWorkedByHand() {
        var payments = List.of(
                payment("Dues", 295.0, "Succeeded", null, "2024-03-01T10:00:00.000+0000"),
                payment("Dues", 295.0, "Succeeded", null, "2025-03-01T10:00:00.000+0000"),
                payment("Dues", 295.0, "Succeeded", null, "2026-03-01T10:00:00.000+0000"),
                payment("Event", 145.0, "Partially Refunded", 45.5, "2026-05-10T09:00:00.000+0000"),
                payment("Event", 95.0, "Refunded", null, "2026-06-10T09:00:00.000+0000"),          // all back
                payment("Certification", 250.0, "Succeeded", null, "2025-09-01T09:00:00.000+0000"),
                payment("Donation", 20.25, "Succeeded", null, "2026-11-30T09:00:00.000+0000"),
                payment("Donation", 50.0, "Pending", null, null),
                payment("Dues", 295.0, "Failed", null, null));
        Map<String, Object> v = MemberValue.of("003DM0000000001AAA", contact("Active", "2024-03-01", "2027-02-28"),
                payments, "USD", TODAY);

        // dues 3 × 295 = 885.00; events 145 + 95 = 240.00 paid, 45.50 + 95 = 140.50 back, 99.50 net;
        // certification 250.00; donation 20.25; pending 50 and the failed payment are not counted
        assertThat(paid(v, "dues")).isEqualTo(Map.of("count", 3, "paid", 88_500L, "refunded", 0L, "net", 88_500L));
        assertThat(paid(v, "events")).isEqualTo(Map.of("count", 2, "paid", 24_000L, "refunded", 14_050L, "net", 9_950L));
        assertThat(paid(v, "certifications")).isEqualTo(Map.of("count", 1, "paid", 25_000L, "refunded", 0L, "net", 25_000L));
        assertThat(paid(v, "donations")).isEqualTo(Map.of("count", 1, "paid", 2_025L, "refunded", 0L, "net", 2_025L));
        // 885 + 240 + 250 + 20.25 = 1,395.25 paid, 140.50 back: 1,254.75
        assertThat(v.get("lifetimeValue")).isEqualTo(125_475L);
        assertThat(v.get("refunds")).isEqualTo(Map.of("count", 2, "amount", 14_050L));
        assertThat(v.get("pending")).isEqualTo(Map.of("count", 1, "amount", 5_000L));
        assertThat(v.get("failedPayments")).isEqualTo(1);
        assertThat(v.get("firstPaymentDate")).isEqualTo("2024-03-01");
        assertThat(v.get("lastPaymentDate")).isEqualTo("2026-11-30");
        @SuppressWarnings("unchecked")
        var received = (Map<String, Object>) v.get("received");
        // 2024-03-01 to 2026-12-05: 33 whole months
        assertThat(received.get("tenureMonths")).isEqualTo(33L);
        assertThat(received.get("tenureYears").toString()).isEqualTo("2.8");
        assertThat(received.get("membershipTermsPaid")).isEqualTo(3);
        // 1,254.75 × 12 / 33 = 456.27
        assertThat(v.get("valuePerYear")).isEqualTo(45_627L);
    }

    @Test
    void aLapsedMembersTenureStopsWhenTheLastTermEnded() {
        // since 2020-06-15, lapsed: the term ended 2026-10-31 → 76 whole months, not to today
        var v = MemberValue.of("003DM0000000001AAA", contact("Lapsed", "2020-06-15", "2026-10-31"), List.of(), "USD", TODAY);
        @SuppressWarnings("unchecked")
        var received = (Map<String, Object>) v.get("received");
        assertThat(received.get("tenureMonths")).isEqualTo(76L);
        assertThat(v.get("lifetimeValue")).isEqualTo(0L);
        assertThat(v.get("firstPaymentDate")).isNull();
    }

    @Test
    void paymentsInAnotherCurrencyAreListedNotAdded() {
        var eur = payment("Event", 100.0, "Succeeded", null, "2026-05-01T00:00:00.000+0000");
        eur.put("Currency__c", "EUR");
        var v = MemberValue.of("003DM0000000001AAA", contact("Active", "2026-01-01", "2027-01-01"),
                List.of(eur, payment("Event", 10.0, "Succeeded", null, null)), "USD", TODAY);
        assertThat(v.get("lifetimeValue")).isEqualTo(1_000L);
        assertThat(v.get("paymentsInOtherCurrencies")).isEqualTo(1);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> paid(Map<String, Object> value, String kind) {
        return (Map<String, Object>) ((Map<String, Object>) value.get("paid")).get(kind);
    }
}
