package org.memberbus.member.join;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memberbus.member.MembershipLevel;

class MembershipPricingTest {

    static final String PRICES = """
            membership:
              currency: usd
              term: P1Y
              dues:
                STUDENT: 50
                ASSOCIATE: 150
                PROFESSIONAL: 295
                FELLOW: 395.50
            """;

    @Test
    void readsDuesPerLevelCurrencyAndTerm() {
        var prices = MembershipPricing.parse(PRICES, "test");
        assertThat(prices.currency()).isEqualTo("USD");
        assertThat(prices.duesFor(MembershipLevel.PROFESSIONAL)).isEqualByComparingTo("295");
        assertThat(prices.duesFor(MembershipLevel.FELLOW)).isEqualByComparingTo(new BigDecimal("395.50"));
    }

    @Test
    void aMembershipEndsTheDayBeforeTheTermsAnniversary() {
        var prices = MembershipPricing.parse(PRICES, "test");
        assertThat(prices.endOf(LocalDate.of(2026, 3, 15))).isEqualTo(LocalDate.of(2027, 3, 14));
        assertThat(prices.endOf(LocalDate.of(2028, 2, 29))).isEqualTo(LocalDate.of(2029, 2, 27));
        var halfYear = MembershipPricing.parse(PRICES.replace("P1Y", "P6M"), "test");
        assertThat(halfYear.endOf(LocalDate.of(2026, 1, 1))).isEqualTo(LocalDate.of(2026, 6, 30));
    }

    @Test
    void everyMistakeIsNamedInOneMessage() {
        var bad = """
                membership:
                  currency: dollars
                  term: one year
                  dues:
                    STUDENT: fifty
                    ASSOCIATE: -1
                    PROFESSIONAL: 295
                    GOLD: 10
                """;
        assertThatThrownBy(() -> MembershipPricing.parse(bad, "pricing.yaml"))
                .hasMessageStartingWith("pricing.yaml: ")
                .hasMessageContaining("membership.currency: 'dollars' is not an ISO 4217 currency code")
                .hasMessageContaining("membership.term: 'one year' is not an ISO-8601 period")
                .hasMessageContaining("membership.dues.STUDENT: 'fifty' is not an amount")
                .hasMessageContaining("membership.dues.ASSOCIATE: -1 must be zero or more")
                .hasMessageContaining("membership.dues.GOLD: not a membership level")
                .hasMessageContaining("membership.dues.FELLOW: missing");
    }

    @Test
    void aChangedFileAppliesWithoutRestartAndABadEditKeepsThePricesInForce(@TempDir Path dir) throws Exception {
        var file = dir.resolve("pricing.yaml");
        Files.writeString(file, PRICES);
        var pricing = new MembershipPricing(file.toString());
        assertThat(pricing.current().duesFor(MembershipLevel.STUDENT)).isEqualByComparingTo("50");

        Files.writeString(file, PRICES.replace("STUDENT: 50", "STUDENT: 65"));
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(pricing.current().duesFor(MembershipLevel.STUDENT)).isEqualByComparingTo("65");

        Files.writeString(file, "membership: [broken");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(10)));
        assertThat(pricing.current().duesFor(MembershipLevel.STUDENT)).isEqualByComparingTo("65");
    }

    @Test
    void theShippedPricesAreValid() {
        var pricing = new MembershipPricing("config/pricing.yaml");
        for (var level : MembershipLevel.values()) {
            assertThat(pricing.current().duesFor(level)).isPositive();
        }
    }
}
