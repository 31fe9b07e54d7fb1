package org.memberbus.finance.success;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renewal revenue for a period: each membership due in it at its renewal price, weighted by the
 * chance it renews. Each member's expected amount is rounded to the cent once, and every total is
 * a sum of those, so the breakdowns (by level, by risk band) add up to the risk-adjusted total to
 * the cent.
 */
final class RenewalForecast {

    /** One membership due: its renewal price (minor units) and the probability that it renews. */
    record Line(String memberId, String level, LocalDate renewalDate, long price, double probability, String risk,
                int healthScore, String band, String playbook) {

        long expected() {
            return BigDecimal.valueOf(price).multiply(BigDecimal.valueOf(probability))
                    .setScale(0, RoundingMode.HALF_UP).longValueExact();
        }
    }

    /** The bands in the order staff read them; GET /api/v1/cs-sales/renewal/risk names them the same. */
    private static final List<String> RISKS = List.of("low", "medium", "high");

    private RenewalForecast() {}

    static Map<String, Object> of(LocalDate from, LocalDate to, String levelFilter, String currency, List<Line> lines) {
        Sum total = new Sum();
        Map<String, Sum> byLevel = new TreeMap<>();
        Map<String, Sum> byRisk = new LinkedHashMap<>();
        RISKS.forEach(r -> byRisk.put(r, new Sum()));
        List<Map<String, Object>> members = new ArrayList<>(lines.size());
        for (Line line : lines) {
            total.add(line);
            byLevel.computeIfAbsent(line.level(), l -> new Sum()).add(line);
            byRisk.computeIfAbsent(line.risk(), r -> new Sum()).add(line);
            var m = new LinkedHashMap<String, Object>();
            m.put("memberId", line.memberId());
            m.put("level", line.level());
            m.put("renewalDate", line.renewalDate().toString());
            m.put("renewalPrice", line.price());
            m.put("probability", line.probability());
            m.put("expected", line.expected());
            m.put("risk", line.risk());
            m.put("healthScore", line.healthScore());
            m.put("band", line.band());
            m.put("playbook", line.playbook());
            members.add(m);
        }
        var body = new LinkedHashMap<String, Object>();
        var period = new LinkedHashMap<String, Object>();
        period.put("from", from.toString());
        period.put("to", to.toString());
        body.put("period", period);
        body.put("level", levelFilter);
        body.put("currency", currency);
        body.putAll(total.answer());
        var levels = new LinkedHashMap<String, Object>();
        byLevel.forEach((level, sum) -> levels.put(level, sum.answer()));
        var risks = new LinkedHashMap<String, Object>();
        byRisk.forEach((risk, sum) -> risks.put(risk, sum.answer()));
        body.put("byLevel", levels);
        body.put("byRisk", risks);
        body.put("renewals", members);
        return body;
    }

    private static final class Sum {
        int members;
        long full;
        long riskAdjusted;

        void add(Line line) {
            members++;
            full += line.price();
            riskAdjusted += line.expected();
        }

        Map<String, Object> answer() {
            var a = new LinkedHashMap<String, Object>();
            a.put("members", members);
            // what the period brings if every membership due renews
            a.put("fullRenewalValue", full);
            a.put("riskAdjustedTotal", riskAdjusted);
            a.put("atRisk", full - riskAdjusted);
            a.put("expectedRenewalRate", full == 0 ? null
                    : BigDecimal.valueOf(riskAdjusted).divide(BigDecimal.valueOf(full), 4, RoundingMode.HALF_UP));
            return a;
        }
    }
}
