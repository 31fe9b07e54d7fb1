package org.memberbus.sandbox.salesforce;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A parsed SOQL query, the subset the bus uses:
 * {@code SELECT f1, f2, COUNT(f) alias, SUM(f) ... | COUNT() FROM Obj [WHERE ...] [GROUP BY f, ...]
 * [ORDER BY f [ASC|DESC] [NULLS FIRST|LAST], ...] [LIMIT n] [OFFSET n]}. Field names are kept as
 * written (possibly {@code Rel__r.Field}) and resolved against the schema when the query runs.
 * {@code fields} are the plain fields, {@code aggregates} the aggregate functions, in the order written.
 */
record SoqlQuery(boolean count, List<String> fields, List<Aggregate> aggregates, List<String> groupBy,
                 String from, Condition where, List<Order> orderBy, Integer limit, Integer offset) {

    /** The aggregate functions SOQL has (beside COUNT() without a field). */
    static final List<String> FUNCTIONS = List.of("COUNT", "COUNT_DISTINCT", "SUM", "AVG", "MIN", "MAX");

    /** {@code SUM(Amount__c) total}: the alias is null when none was written (then it is expr0, expr1, ...). */
    record Aggregate(String function, String field, String alias) {}

    /** An aggregate query: its rows are AggregateResult, one per group (or one without GROUP BY). */
    boolean aggregate() {
        return !aggregates.isEmpty() || !groupBy.isEmpty();
    }

    sealed interface Condition permits And, Or, Not, Comparison, InList {}

    record And(List<Condition> terms) implements Condition {}

    record Or(List<Condition> terms) implements Condition {}

    record Not(Condition term) implements Condition {}

    record Comparison(String field, Operator operator, Literal value) implements Condition {}

    record InList(String field, boolean negated, List<Literal> values) implements Condition {}

    enum Operator { EQ, NE, LT, LE, GT, GE, LIKE }

    record Order(String field, boolean descending, boolean nullsLast) {}

    sealed interface Literal permits Text, Number, Bool, Null, DateValue, DateTimeValue, RelativeDate {}

    record Text(String value) implements Literal {}

    record Number(BigDecimal value) implements Literal {}

    record Bool(boolean value) implements Literal {}

    record Null() implements Literal {}

    record DateValue(LocalDate value) implements Literal {}

    record DateTimeValue(Instant value) implements Literal {}

    /**
     * A date literal such as TODAY or LAST_N_DAYS:30: a range of whole days, [start, end),
     * reckoned in UTC when the query runs.
     */
    record RelativeDate(String name, int n) implements Literal {

        LocalDate start(LocalDate today) {
            return switch (name) {
                case "TODAY" -> today;
                case "YESTERDAY" -> today.minusDays(1);
                case "TOMORROW" -> today.plusDays(1);
                case "LAST_N_DAYS" -> today.minusDays(n);
                case "NEXT_N_DAYS" -> today.plusDays(1);
                case "N_DAYS_AGO" -> today.minusDays(n);
                case "THIS_MONTH" -> today.withDayOfMonth(1);
                case "LAST_MONTH" -> today.withDayOfMonth(1).minusMonths(1);
                case "NEXT_MONTH" -> today.withDayOfMonth(1).plusMonths(1);
                case "THIS_YEAR" -> today.withDayOfYear(1);
                case "LAST_YEAR" -> today.withDayOfYear(1).minusYears(1);
                case "NEXT_YEAR" -> today.withDayOfYear(1).plusYears(1);
                default -> throw new IllegalStateException(name);
            };
        }

        LocalDate endExclusive(LocalDate today) {
            return switch (name) {
                case "TODAY" -> today.plusDays(1);
                case "YESTERDAY" -> today;
                case "TOMORROW" -> today.plusDays(2);
                case "LAST_N_DAYS" -> today.plusDays(1);
                case "NEXT_N_DAYS" -> today.plusDays(1 + n);
                case "N_DAYS_AGO" -> today.minusDays(n - 1L);
                case "THIS_MONTH", "LAST_MONTH", "NEXT_MONTH" -> start(today).plusMonths(1);
                case "THIS_YEAR", "LAST_YEAR", "NEXT_YEAR" -> start(today).plusYears(1);
                default -> throw new IllegalStateException(name);
            };
        }

        static boolean isKnown(String name) {
            return List.of("TODAY", "YESTERDAY", "TOMORROW", "THIS_MONTH", "LAST_MONTH", "NEXT_MONTH", "THIS_YEAR",
                    "LAST_YEAR", "NEXT_YEAR", "LAST_90_DAYS", "NEXT_90_DAYS").contains(name);
        }

        static boolean takesNumber(String name) {
            return List.of("LAST_N_DAYS", "NEXT_N_DAYS", "N_DAYS_AGO").contains(name);
        }
    }
}
