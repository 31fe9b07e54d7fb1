package org.memberbus.finance.dues;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memberbus.member.MembershipLevel;
import org.memberbus.member.join.MembershipPricing;

/** The dues quotes: proration by month joined, renewals, level changes, and the file's checks. */
class DuesPricingTest {

    static final String PRICES = """
            membership:
              currency: USD
              term: P1Y
              dues:
                STUDENT: 50
                ASSOCIATE: 150
                PROFESSIONAL: 295
                FELLOW: 395
              terms:
                STUDENT: calendar-year
                ASSOCIATE: calendar-year
                PROFESSIONAL: anniversary
              proration:
                - {months: JAN-MAR, share: 100}
                - {months: APR-JUN, share: 75}
                - {months: JUL-SEP, share: 50}
                - {months: OCT-DEC, share: 125, plus-next-term: true}
              changes:
                downgrade-credit: %d
            """;

    static DuesPricing pricing(Path dir, int downgradeCredit) throws Exception {
        var file = dir.resolve("pricing.yaml");
        Files.writeString(file, PRICES.formatted(downgradeCredit));
        return new DuesPricing(new MembershipPricing(file.toString()), ZoneOffset.UTC);
    }

    static LocalDate d(String iso) {
        return LocalDate.parse(iso);
    }

    @Test
    void aCalendarYearJoinPaysTheShareOfItsMonthForTheRestOfTheYear(@TempDir Path dir) throws Exception {
        var dues = pricing(dir, 0);
        var february = dues.join(MembershipLevel.ASSOCIATE, d("2026-02-10"));
        assertThat(february.amount()).isEqualTo(15000);
        assertThat(february.termStart()).isEqualTo(d("2026-02-10"));
        assertThat(february.termEnd()).isEqualTo(d("2026-12-31"));
        assertThat(february.kind()).isEqualTo("join");

        var may = dues.join(MembershipLevel.ASSOCIATE, d("2026-05-31"));
        assertThat(may.amount()).isEqualTo(11250);
        assertThat(may.rule()).isEqualTo("calendar-year term, joined April-June: 75 % of the ASSOCIATE dues of 150 USD");
        assertThat(dues.join(MembershipLevel.ASSOCIATE, d("2026-07-01")).amount()).isEqualTo(7500);
        assertThat(dues.join(MembershipLevel.ASSOCIATE, d("2026-09-30")).termEnd()).isEqualTo(d("2026-12-31"));
    }

    @Test
    void lateInTheYearAJoinBuysTheRestOfThisTermPlusTheNext(@TempDir Path dir) throws Exception {
        var dues = pricing(dir, 0);
        var december = dues.join(MembershipLevel.STUDENT, d("2026-12-05"));
        assertThat(december.amount()).isEqualTo(6250);
        assertThat(december.termEnd()).isEqualTo(d("2027-12-31"));
        assertThat(december.rule()).contains("125 %").contains("rest of this term plus the next");
    }

    @Test
    void anAnniversaryJoinPaysTheFullDuesForOneTermFromTheDay(@TempDir Path dir) throws Exception {
        var dues = pricing(dir, 0);
        var quote = dues.join(MembershipLevel.PROFESSIONAL, d("2026-08-20"));
        assertThat(quote.amount()).isEqualTo(29500);
        assertThat(quote.termEnd()).isEqualTo(d("2027-08-19"));
        // a level the file does not name in terms: anniversary, as before proration existed
        assertThat(dues.join(MembershipLevel.FELLOW, d("2026-08-20")).amount()).isEqualTo(39500);
    }

    @Test
    void renewalsContinueTheTermAndALapsedMemberStartsAgainPricedAsAJoin(@TempDir Path dir) throws Exception {
        var dues = pricing(dir, 0);
        var anniversary = new MemberTerm(MembershipLevel.PROFESSIONAL, "Active", d("2026-03-15"), d("2027-03-14"));
        var renewal = dues.quote(MembershipLevel.PROFESSIONAL, anniversary, d("2027-02-20"));
        assertThat(renewal.kind()).isEqualTo("renewal");
        assertThat(renewal.amount()).isEqualTo(29500);
        assertThat(renewal.termStart()).isEqualTo(d("2027-03-15"));
        assertThat(renewal.termEnd()).isEqualTo(d("2028-03-14"));

        var calendar = new MemberTerm(MembershipLevel.ASSOCIATE, "Active", d("2026-01-01"), d("2026-12-31"));
        var next = dues.quote(MembershipLevel.ASSOCIATE, calendar, d("2026-12-05"));
        assertThat(next.amount()).isEqualTo(15000);
        assertThat(next.termStart()).isEqualTo(d("2027-01-01"));
        assertThat(next.termEnd()).isEqualTo(d("2027-12-31"));

        // a calendar-year level whose term ends mid-year: the rest of that year, by the table
        var misaligned = new MemberTerm(MembershipLevel.ASSOCIATE, "Active", d("2025-05-01"), d("2026-04-30"));
        var realigned = dues.quote(MembershipLevel.ASSOCIATE, misaligned, d("2026-04-10"));
        assertThat(realigned.amount()).isEqualTo(11250);
        assertThat(realigned.termEnd()).isEqualTo(d("2026-12-31"));

        var lapsed = new MemberTerm(MembershipLevel.ASSOCIATE, "Lapsed", d("2025-01-01"), d("2025-12-31"));
        var back = dues.quote(MembershipLevel.ASSOCIATE, lapsed, d("2026-08-03"));
        assertThat(back.kind()).isEqualTo("renewal");
        assertThat(back.amount()).isEqualTo(7500);
        assertThat(back.termStart()).isEqualTo(d("2026-08-03"));
        assertThat(back.rule()).startsWith("reactivation from 2026-08-03");
    }

    @Test
    void anUpgradePaysTheDifferenceForTheMonthsLeftAndADowngradeCreditsTheConfiguredShare(@TempDir Path dir) throws Exception {
        var term = new MemberTerm(MembershipLevel.PROFESSIONAL, "Active", d("2026-01-01"), d("2026-12-31"));
        var none = pricing(dir, 0);
        var upgrade = none.quote(MembershipLevel.FELLOW, term, d("2026-06-15"));
        assertThat(upgrade.kind()).isEqualTo("upgrade");
        assertThat(upgrade.amount()).isEqualTo(5833); // 7/12 of 100.00, to the cent
        assertThat(upgrade.rule()).isEqualTo("upgrade from PROFESSIONAL to FELLOW: 7 of 12 months left x the difference of 100 USD");
        assertThat(upgrade.termStart()).isEqualTo(d("2026-06-15"));
        assertThat(upgrade.termEnd()).isEqualTo(d("2026-12-31"));

        var downgrade = none.quote(MembershipLevel.ASSOCIATE, term, d("2026-10-01"));
        assertThat(downgrade.kind()).isEqualTo("downgrade");
        assertThat(downgrade.amount()).isZero();
        assertThat(downgrade.rule()).endsWith("0 % of it credited");

        var half = pricing(dir, 50).quote(MembershipLevel.ASSOCIATE, term, d("2026-10-01"));
        assertThat(half.amount()).isEqualTo(-1813); // 3/12 of 145.00 = 36.25, half of it 18.125 -> 18.13 back
    }

    @Test
    void theApiChecksItsParametersAndNamesEveryProblem(@TempDir Path dir) throws Exception {
        var dues = pricing(dir, 0);
        assertThatThrownBy(() -> dues.request(null, "2026-13-01", "bob"))
                .isInstanceOf(DuesApiException.class)
                .hasMessageContaining("level: missing")
                .hasMessageContaining("date: '2026-13-01' is not an ISO date")
                .hasMessageContaining("member: 'bob' is not a CRM contact id")
                .satisfies(e -> assertThat(((DuesApiException) e).status()).isEqualTo(400));
        assertThatThrownBy(() -> dues.request("GOLD", null, null)).hasMessageContaining("level: 'GOLD' is not one of");
        var request = dues.request("professional", null, null);
        assertThat(request.get("date")).isEqualTo(dues.today());

        var member = dues.request("FELLOW", "2026-06-15", "003DM0000000017AAA");
        assertThatThrownBy(() -> dues.answer(member, Map.of("totalSize", 0, "records", List.of())))
                .satisfies(e -> assertThat(((DuesApiException) e).status()).isEqualTo(404));
        var answer = dues.answer(member, Map.of("records", List.of(Map.of("Membership_Level__c", "Professional",
                "Membership_Status__c", "Active", "Membership_Start_Date__c", "2026-01-01",
                "Membership_End_Date__c", "2026-12-31"))));
        assertThat(answer).containsEntry("kind", "upgrade").containsEntry("amount", 5833L)
                .containsEntry("currency", "USD").containsEntry("termEnd", "2026-12-31");
    }

    @Test
    void aBadProrationTableIsRefusedWithEveryReason() {
        var bad = PRICES.formatted(0)
                .replace("{months: JUL-SEP, share: 50}", "{months: JUL-AUG, share: half}")
                .replace("STUDENT: calendar-year", "STUDENT: fiscal");
        assertThatThrownBy(() -> MembershipPricing.parse(bad, "pricing.yaml"))
                .hasMessageContaining("membership.terms.STUDENT: 'fiscal' is not a term kind")
                .hasMessageContaining("membership.proration[2]: share 'half' is not a whole percent");
        var gap = PRICES.formatted(0).replace("{months: JUL-SEP, share: 50}", "{months: JUL-AUG, share: 50}");
        assertThatThrownBy(() -> MembershipPricing.parse(gap, "pricing.yaml"))
                .hasMessageContaining("SEPTEMBER is covered 0 times");
        var sixMonths = PRICES.formatted(0).replace("term: P1Y", "term: P6M");
        assertThatThrownBy(() -> MembershipPricing.parse(sixMonths, "pricing.yaml"))
                .hasMessageContaining("calendar-year terms need term: P1Y");
    }

    @Test
    void theShippedFileProratesAndKeepsTodaysJoins() {
        var prices = MembershipPricing.parse(readShipped(), "config/pricing.yaml");
        assertThat(prices.rules().proration()).hasSize(4);
        for (var level : MembershipLevel.values()) {
            assertThat(prices.rules().termOf(level)).isEqualTo(TermKind.ANNIVERSARY);
        }
    }

    private static String readShipped() {
        try {
            return Files.readString(Path.of("config/pricing.yaml"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
