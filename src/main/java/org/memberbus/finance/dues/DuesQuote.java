package org.memberbus.finance.dues;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.memberbus.member.MembershipLevel;

/**
 * What the bus says a person owes for a level on a day, and what it buys: the amount in the
 * currency's minor units (cents; negative for a credit), the rule that applied in words, the term.
 *
 * @param kind join, renewal, upgrade or downgrade
 */
public record DuesQuote(String kind, MembershipLevel level, long amount, String currency, String rule,
                        LocalDate termStart, LocalDate termEnd) {

    public static final String JOIN = "join";
    public static final String RENEWAL = "renewal";
    public static final String UPGRADE = "upgrade";
    public static final String DOWNGRADE = "downgrade";

    /** The API's answer (GET /api/v1/pricing/dues). */
    public Map<String, Object> answer() {
        var answer = new LinkedHashMap<String, Object>();
        answer.put("amount", amount);
        answer.put("currency", currency);
        answer.put("rule", rule);
        answer.put("termStart", termStart.toString());
        answer.put("termEnd", termEnd.toString());
        answer.put("kind", kind);
        answer.put("level", level.name());
        return answer;
    }

    DuesQuote as(String otherKind, String otherRule) {
        return new DuesQuote(otherKind, level, amount, currency, otherRule, termStart, termEnd);
    }
}
