package org.memberbus.finance.success;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The forecast's totals and breakdowns worked by hand: the parts add up to the whole to the cent. */
class RenewalForecastTest {

    static final LocalDate FROM = LocalDate.of(2027, 1, 1);
    static final LocalDate TO = LocalDate.of(2027, 3, 31);

    static RenewalForecast.Line line(String id, String level, long price, double p, String risk) {
        return new RenewalForecast.Line(id, level, FROM.plusDays(10), price, p, risk, 50, "watch", "value-review");
    }

    @Test
    void totalsAndBreakdownsWorkedByHand() {
        var lines = List.of(
                line("a", "PROFESSIONAL", 29_500, 0.92, "low"),     // 27,140
                line("b", "PROFESSIONAL", 29_500, 0.51, "high"),    // 15,045
                line("c", "STUDENT", 5_000, 0.675, "medium"),       //  3,375 (0.675 × 5000 exactly)
                line("d", "FELLOW", 39_500, 0.333, "high"));        // 13,153.5 → 13,154 (half up)
        Map<String, Object> f = RenewalForecast.of(FROM, TO, null, "USD", lines);

        assertThat(f.get("members")).isEqualTo(4);
        assertThat(f.get("fullRenewalValue")).isEqualTo(103_500L);
        assertThat(f.get("riskAdjustedTotal")).isEqualTo(27_140L + 15_045 + 3_375 + 13_154);
        assertThat(f.get("atRisk")).isEqualTo(103_500L - 58_714);
        assertThat(sum(f, "byLevel")).isEqualTo(58_714L);
        assertThat(sum(f, "byRisk")).isEqualTo(58_714L);
        assertThat(part(f, "byLevel", "PROFESSIONAL")).containsEntry("members", 2).containsEntry("riskAdjustedTotal", 42_185L)
                .containsEntry("fullRenewalValue", 59_000L);
        assertThat(part(f, "byRisk", "high")).containsEntry("members", 2).containsEntry("riskAdjustedTotal", 28_199L);
        assertThat(part(f, "byRisk", "medium")).containsEntry("riskAdjustedTotal", 3_375L);
        assertThat(f.get("expectedRenewalRate").toString()).isEqualTo("0.5673"); // 58,714 / 103,500
    }

    @Test
    void anEmptyPeriodForecastsNothingWithEveryBandShown() {
        Map<String, Object> f = RenewalForecast.of(FROM, TO, "FELLOW", "USD", List.of());
        assertThat(f.get("riskAdjustedTotal")).isEqualTo(0L);
        assertThat(f.get("expectedRenewalRate")).isNull();
        assertThat(List.copyOf(((Map<?, ?>) f.get("byRisk")).keySet())).isEqualTo(List.of("low", "medium", "high"));
        assertThat(f.get("level")).isEqualTo("FELLOW");
    }

    @SuppressWarnings("unchecked")
    static long sum(Map<String, Object> forecast, String breakdown) {
        return ((Map<String, Map<String, Object>>) forecast.get(breakdown)).values().stream()
                .mapToLong(m -> (Long) m.get("riskAdjustedTotal")).sum();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> part(Map<String, Object> forecast, String breakdown, String key) {
        return ((Map<String, Map<String, Object>>) forecast.get(breakdown)).get(key);
    }
}
