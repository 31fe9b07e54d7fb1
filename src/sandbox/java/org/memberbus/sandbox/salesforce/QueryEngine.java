package org.memberbus.sandbox.salesforce;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.memberbus.sandbox.salesforce.SoqlQuery.Condition;
import org.memberbus.sandbox.salesforce.SoqlQuery.Literal;
import org.memberbus.sandbox.salesforce.SoqlQuery.Operator;

/**
 * Runs SOQL against the store: resolves field paths (also through relationships such as
 * {@code Contact__r.Member_Number__c}), checks literals against field types as Salesforce does,
 * filters, sorts, and pages the result. A result larger than one page is kept under a query
 * locator and read on through {@code nextRecordsUrl}, like Salesforce's 2,000-record pages.
 */
final class QueryEngine {

    private static final Duration CURSOR_IDLE = Duration.ofMinutes(15);

    /** A field path resolved against the schema: the reference hops, then the field read. */
    private record Path(String written, List<FieldDef> hops, FieldDef leaf, ObjectDef leafType) {}

    private record Cursor(String objectName, List<Map<String, Object>> records, int pageSize, Instant lastUsed) {}

    private final SObjectStore store;
    private final IntSupplier defaultPageSize;
    private final Map<String, Cursor> cursors = new ConcurrentHashMap<>();
    private final AtomicLong locators = new AtomicLong();

    QueryEngine(SObjectStore store, IntSupplier defaultPageSize) {
        this.store = store;
        this.defaultPageSize = defaultPageSize;
    }

    /** A query checked against the schema, ready to run (also by a Bulk API 2.0 job). */
    static final class Prepared {
        private final SoqlQuery query;
        private final ObjectDef type;
        private final List<Path> selected;
        private final List<Path> groupBy;
        private final Predicate<Map<String, Object>> filter;
        private final Comparator<Map<String, Object>> comparator;

        private Prepared(SoqlQuery query, ObjectDef type, List<Path> selected, List<Path> groupBy,
                         Predicate<Map<String, Object>> filter, Comparator<Map<String, Object>> comparator) {
            this.query = query;
            this.type = type;
            this.selected = selected;
            this.groupBy = groupBy;
            this.filter = filter;
            this.comparator = comparator;
        }

        SoqlQuery query() {
            return query;
        }

        String objectName() {
            return type.name();
        }

        /** The selected fields as the schema spells them ({@code Contact__r.Member_Number__c}). */
        List<String> columns() {
            return selected.stream().map(Path::written).toList();
        }

        /** The selected fields' types, in column order. */
        List<FieldType> columnTypes() {
            return selected.stream().map(p -> p.leaf().type()).toList();
        }
    }

    /** Parses {@code soql} and resolves it against the schema: INVALID_TYPE, INVALID_FIELD, MALFORMED_QUERY. */
    Prepared prepare(String soql) {
        var query = SoqlParser.parse(soql);
        var type = store.schema().find(query.from()).orElseThrow(() -> new ApiException(400, "INVALID_TYPE",
                "sObject type '" + query.from() + "' is not supported. If you are attempting to use a custom object, "
                        + "be sure to append the '__c' after the entity name. Please reference your WSDL or the "
                        + "describe call for the appropriate names."));
        var selected = new ArrayList<Path>();
        var seen = new java.util.HashSet<String>();
        for (String field : query.fields()) {
            var path = resolve(type, field);
            if (!seen.add(path.written().toLowerCase(Locale.ROOT))) {
                throw ApiException.malformedQuery("duplicate field selected: " + field);
            }
            selected.add(path);
        }
        var groupBy = query.groupBy().stream().map(f -> resolve(type, f)).toList();
        Comparator<Map<String, Object>> comparator = null;
        if (query.aggregate()) {
            checkAggregate(type, query, selected, groupBy);
        } else {
            comparator = comparator(type, query.orderBy());
        }
        Predicate<Map<String, Object>> filter = query.where() == null ? r -> true : compile(type, query.where());
        return new Prepared(query, type, List.copyOf(selected), groupBy, filter, comparator);
    }

    /** The records a prepared query matches, in its order, within LIMIT and OFFSET (of records, not groups). */
    List<Map<String, Object>> matches(Prepared prepared, boolean includeDeleted) {
        var matches = new ArrayList<Map<String, Object>>();
        for (var record : store.records(prepared.type, includeDeleted)) {
            if (prepared.filter.test(record)) {
                matches.add(record);
            }
        }
        matches.sort(prepared.comparator != null ? prepared.comparator : Comparator.comparing(r -> (String) r.get("Id")));
        if (prepared.query.aggregate()) {
            return matches;
        }
        var query = prepared.query;
        int from = Math.min(query.offset() == null ? 0 : query.offset(), matches.size());
        int to = query.limit() == null ? matches.size() : Math.min(matches.size(), from + query.limit());
        return matches.subList(from, to);
    }

    /** One record's selected values, in column order (a Bulk API 2.0 result row). */
    List<Object> values(Prepared prepared, Map<String, Object> record) {
        var values = new ArrayList<Object>(prepared.selected.size());
        for (Path path : prepared.selected) {
            values.add(value(record, path));
        }
        return values;
    }

    /**
     * Runs {@code soql}; {@code includeDeleted} is queryAll. {@code batchSize} comes from the
     * Sforce-Query-Options header (200 to 2,000), or null for the org's page size.
     */
    Map<String, Object> query(String soql, boolean includeDeleted, String version, Integer batchSize) {
        var prepared = prepare(soql);
        var query = prepared.query;
        var type = prepared.type;
        var rows = matches(prepared, includeDeleted);

        if (query.count()) {
            return page(List.of(), rows.size(), true, null);
        }
        if (query.aggregate()) {
            // aggregate results come in one answer: SOQL has no queryMore for them
            var groups = aggregateRows(prepared, rows);
            return page(groups, groups.size(), true, null);
        }
        var rendered = new ArrayList<Map<String, Object>>(rows.size());
        for (var record : rows) {
            rendered.add(render(type, record, prepared.selected, version));
        }
        int pageSize = batchSize != null ? Math.max(200, Math.min(2000, batchSize)) : defaultPageSize.getAsInt();
        if (rendered.size() <= pageSize) {
            return page(rendered, rendered.size(), true, null);
        }
        expireIdleCursors();
        var locator = "01gSB" + String.format("%010d", locators.incrementAndGet()) + "AAA";
        cursors.put(locator, new Cursor(type.name(), rendered, pageSize, Instant.now()));
        return page(rendered.subList(0, pageSize), rendered.size(), false, nextUrl(version, locator, pageSize));
    }

    // ---------------------------------------------------------------- aggregates

    /** SOQL's rules: every plain field grouped, numbers summed, ORDER BY on grouped fields only. */
    private void checkAggregate(ObjectDef type, SoqlQuery query, List<Path> selected, List<Path> groupBy) {
        if (query.count()) {
            throw ApiException.malformedQuery("COUNT() may not be used with GROUP BY");
        }
        var grouped = groupBy.stream().map(p -> p.written().toLowerCase(Locale.ROOT)).toList();
        for (Path path : selected) {
            if (!grouped.contains(path.written().toLowerCase(Locale.ROOT))) {
                throw ApiException.malformedQuery("Field must be grouped or aggregated: " + path.written());
            }
        }
        for (var aggregate : query.aggregates()) {
            var path = resolve(type, aggregate.field());
            boolean numeric = path.leaf().type().isNumber();
            if ((aggregate.function().equals("SUM") || aggregate.function().equals("AVG")) && !numeric) {
                throw ApiException.malformedQuery("field " + path.written() + " does not support aggregate operator "
                        + aggregate.function());
            }
        }
        for (var order : query.orderBy()) {
            var path = resolve(type, order.field());
            if (!grouped.contains(path.written().toLowerCase(Locale.ROOT))) {
                throw ApiException.malformedQuery("Ordered field must be grouped or aggregated: " + path.written());
            }
        }
    }

    /** One AggregateResult per group (one in all without GROUP BY), then ORDER BY, OFFSET and LIMIT on the groups. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> aggregateRows(Prepared prepared, List<Map<String, Object>> matches) {
        var query = prepared.query;
        var groups = new LinkedHashMap<List<Object>, List<Map<String, Object>>>();
        if (prepared.groupBy.isEmpty()) {
            groups.put(List.of(), matches);
        } else {
            for (var record : matches) {
                var key = new ArrayList<Object>();
                for (Path path : prepared.groupBy) {
                    var v = value(record, path);
                    key.add(v instanceof String s ? s.toLowerCase(Locale.ROOT) : v);  // groups ignore case, as SOQL does
                }
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(record);
            }
        }
        var rows = new ArrayList<Map<String, Object>>();
        for (var members : groups.values()) {
            var row = new LinkedHashMap<String, Object>();
            row.put("attributes", Map.of("type", "AggregateResult"));
            var first = members.isEmpty() ? null : members.get(0);
            for (Path path : prepared.groupBy) {
                row.put(path.leaf().name(), first == null ? null : value(first, path));
            }
            int unnamed = 0;
            for (var aggregate : query.aggregates()) {
                var path = resolve(prepared.type, aggregate.field());
                var name = aggregate.alias() != null ? aggregate.alias() : "expr" + unnamed++;
                row.put(name, aggregate(aggregate.function(), path, members));
            }
            rows.add(row);
        }
        if (!query.orderBy().isEmpty()) {
            Comparator<Map<String, Object>> order = null;
            for (var o : query.orderBy()) {
                var name = resolve(prepared.type, o.field()).leaf().name();
                Comparator<Object> values = (a, b) -> a instanceof String x ? x.compareToIgnoreCase((String) b)
                        : ((Comparable<Object>) a).compareTo(b);
                if (o.descending()) {
                    values = values.reversed();
                }
                var withNulls = o.nullsLast() ? Comparator.nullsLast(values) : Comparator.nullsFirst(values);
                Comparator<Map<String, Object>> step = (a, b) -> withNulls.compare(a.get(name), b.get(name));
                order = order == null ? step : order.thenComparing(step);
            }
            rows.sort(order);
        }
        int from = Math.min(query.offset() == null ? 0 : query.offset(), rows.size());
        int to = query.limit() == null ? rows.size() : Math.min(rows.size(), from + query.limit());
        return new ArrayList<>(rows.subList(from, to));
    }

    @SuppressWarnings("unchecked")
    private Object aggregate(String function, Path path, List<Map<String, Object>> records) {
        var values = new ArrayList<Object>();
        for (var record : records) {
            var v = value(record, path);
            if (v != null) {
                values.add(v);
            }
        }
        switch (function) {
            case "COUNT":
                return values.size();
            case "COUNT_DISTINCT":
                return (int) values.stream().map(v -> v instanceof String s ? s.toLowerCase(Locale.ROOT) : v).distinct().count();
            case "SUM":
                return values.isEmpty() ? null : values.stream().mapToDouble(v -> (Double) v).sum();
            case "AVG":
                return values.isEmpty() ? null : values.stream().mapToDouble(v -> (Double) v).average().orElse(0);
            default:
                Comparator<Object> order = (a, b) -> a instanceof String x ? x.compareToIgnoreCase((String) b)
                        : ((Comparable<Object>) a).compareTo(b);
                return values.stream().reduce((a, b) -> (function.equals("MIN") ? order.compare(a, b) <= 0
                        : order.compare(a, b) >= 0) ? a : b).orElse(null);
        }
    }

    /** The page {@code locatorAndOffset} ("01g...AAA-2000") names, as {@code nextRecordsUrl} gave it. */
    Map<String, Object> next(String locatorAndOffset, String version) {
        int dash = locatorAndOffset.lastIndexOf('-');
        var cursor = dash < 0 ? null : cursors.get(locatorAndOffset.substring(0, dash));
        int offset;
        try {
            offset = dash < 0 ? -1 : Integer.parseInt(locatorAndOffset.substring(dash + 1));
        } catch (NumberFormatException e) {
            offset = -1;
        }
        if (cursor == null || offset < 0 || offset > cursor.records().size()) {
            throw new ApiException(400, "INVALID_QUERY_LOCATOR", "invalid query locator");
        }
        var locator = locatorAndOffset.substring(0, dash);
        cursors.put(locator, new Cursor(cursor.objectName(), cursor.records(), cursor.pageSize(), Instant.now()));
        int end = Math.min(cursor.records().size(), offset + cursor.pageSize());
        boolean done = end >= cursor.records().size();
        if (done) {
            cursors.remove(locator);
        }
        return page(cursor.records().subList(offset, end), cursor.records().size(), done,
                done ? null : nextUrl(version, locator, end));
    }

    private static String nextUrl(String version, String locator, int offset) {
        return "/services/data/" + version + "/query/" + locator + "-" + offset;
    }

    private static Map<String, Object> page(List<Map<String, Object>> records, int total, boolean done, String next) {
        var page = new LinkedHashMap<String, Object>();
        page.put("totalSize", total);
        page.put("done", done);
        if (next != null) {
            page.put("nextRecordsUrl", next);
        }
        page.put("records", List.copyOf(records));
        return page;
    }

    private void expireIdleCursors() {
        var idle = Instant.now().minus(CURSOR_IDLE);
        cursors.values().removeIf(c -> c.lastUsed().isBefore(idle));
    }

    // ---------------------------------------------------------------- paths and values

    private Path resolve(ObjectDef type, String written) {
        var segments = written.split("\\.");
        var hops = new ArrayList<FieldDef>();
        var current = type;
        var canonical = new StringBuilder();
        for (int i = 0; i < segments.length - 1; i++) {
            var segment = segments[i];
            var hop = current.relationship(segment).orElseThrow(() -> ApiException.invalidField(
                    "Didn't understand relationship '" + segment + "' in field path. If you are attempting to use a "
                            + "custom relationship, be sure to append the '__r' after the custom relationship name. "
                            + "Please reference your WSDL or the describe call for the appropriate names."));
            hops.add(hop);
            canonical.append(hop.relationshipName()).append('.');
            current = store.schema().find(hop.referenceTo()).orElseThrow();
        }
        var last = segments[segments.length - 1];
        var leafType = current;
        var leaf = current.field(last).orElseThrow(() -> ApiException.invalidField("No such column '" + last
                + "' on entity '" + leafType.name() + "'. If you are attempting to use a custom field, be sure to "
                + "append the '__c' after the custom field name. Please reference your WSDL or the describe call for "
                + "the appropriate names."));
        canonical.append(leaf.name());
        return new Path(canonical.toString(), List.copyOf(hops), leaf, leafType);
    }

    private Object value(Map<String, Object> record, Path path) {
        var current = record;
        for (FieldDef hop : path.hops()) {
            var id = (String) current.get(hop.name());
            if (id == null) {
                return null;
            }
            current = store.find(id).orElse(null);
            if (current == null) {
                return null;
            }
        }
        return current.get(path.leaf().name());
    }

    private Map<String, Object> render(ObjectDef type, Map<String, Object> record, List<Path> selected,
                                       String version) {
        var row = new LinkedHashMap<String, Object>();
        row.put("attributes", RecordViews.attributes(type, (String) record.get("Id"), version));
        for (Path path : selected) {
            if (path.hops().isEmpty()) {
                row.put(path.leaf().name(), record.get(path.leaf().name()));
            } else {
                putNested(row, record, path, 0, version);
            }
        }
        return row;
    }

    /** Writes {@code "Contact__r": {"attributes": {...}, "Member_Number__c": ...}} (or null). */
    @SuppressWarnings("unchecked")
    private void putNested(Map<String, Object> row, Map<String, Object> record, Path path, int hopIndex,
                           String version) {
        if (hopIndex == path.hops().size()) {
            row.put(path.leaf().name(), record.get(path.leaf().name()));
            return;
        }
        var hop = path.hops().get(hopIndex);
        var id = (String) record.get(hop.name());
        var related = id == null ? null : store.find(id).orElse(null);
        if (related == null) {
            if (!row.containsKey(hop.relationshipName())) {
                row.put(hop.relationshipName(), null);
            }
            return;
        }
        var relatedType = store.schema().byId(id).orElseThrow();
        var nested = (Map<String, Object>) row.get(hop.relationshipName());
        if (nested == null) {
            nested = new LinkedHashMap<>();
            nested.put("attributes", RecordViews.attributes(relatedType, id, version));
            row.put(hop.relationshipName(), nested);
        }
        putNested(nested, related, path, hopIndex + 1, version);
    }

    // ---------------------------------------------------------------- WHERE

    private Predicate<Map<String, Object>> compile(ObjectDef type, Condition condition) {
        if (condition instanceof SoqlQuery.And and) {
            var terms = and.terms().stream().map(t -> compile(type, t)).toList();
            return r -> terms.stream().allMatch(t -> t.test(r));
        }
        if (condition instanceof SoqlQuery.Or or) {
            var terms = or.terms().stream().map(t -> compile(type, t)).toList();
            return r -> terms.stream().anyMatch(t -> t.test(r));
        }
        if (condition instanceof SoqlQuery.Not not) {
            var term = compile(type, not.term());
            return term.negate();
        }
        if (condition instanceof SoqlQuery.InList in) {
            var path = resolve(type, in.field());
            var tests = in.values().stream().map(v -> comparison(path, Operator.EQ, v)).toList();
            Predicate<Map<String, Object>> any = r -> {
                var value = value(r, path);
                return tests.stream().anyMatch(t -> t.test(value));
            };
            return in.negated() ? any.negate() : any;
        }
        var comparison = (SoqlQuery.Comparison) condition;
        var path = resolve(type, comparison.field());
        var test = comparison(path, comparison.operator(), comparison.value());
        return r -> test.test(value(r, path));
    }

    /** A test of one stored value against a literal; a literal of the wrong type is INVALID_FIELD. */
    private Predicate<Object> comparison(Path path, Operator op, Literal literal) {
        var field = path.leaf();
        var type = field.type();
        if (literal instanceof SoqlQuery.Null) {
            return switch (op) {
                case EQ -> Objects::isNull;
                case NE -> Objects::nonNull;
                default -> throw ApiException.malformedQuery("null may only be compared with = or !=");
            };
        }
        if (op == Operator.LIKE) {
            if (!type.isText()) {
                throw ApiException.invalidField("invalid operator on field '" + field.name()
                        + "': LIKE is only valid on text fields");
            }
            var regex = likePattern(((SoqlQuery.Text) literal).value());
            return v -> v != null && regex.matcher((String) v).matches();
        }
        Comparator<Object> order;
        Object operand;
        if (type.isText()) {
            var text = expect(literal, SoqlQuery.Text.class, field, "string", true).value();
            operand = type.isId() ? SalesforceIds.normalize(text) : text;
            order = (a, b) -> ((String) a).compareToIgnoreCase((String) b);
        } else if (type.isNumber()) {
            operand = expect(literal, SoqlQuery.Number.class, field, "double", false).value();
            order = (a, b) -> BigDecimal.valueOf((Double) a).compareTo((BigDecimal) b);
        } else if (type == FieldType.BOOLEAN) {
            operand = expect(literal, SoqlQuery.Bool.class, field, "boolean", false).value();
            order = (a, b) -> Boolean.compare((Boolean) a, (Boolean) b);
        } else if (literal instanceof SoqlQuery.RelativeDate relative) {
            return relativeTest(type, op, relative);
        } else if (type == FieldType.DATE) {
            operand = expect(literal, SoqlQuery.DateValue.class, field, "date", false).value();
            order = (a, b) -> LocalDate.parse((String) a).compareTo((LocalDate) b);
        } else {
            operand = expect(literal, SoqlQuery.DateTimeValue.class, field, "dateTime", false).value();
            order = (a, b) -> SalesforceTime.parseDateTime((String) a).compareTo((Instant) b);
        }
        return v -> {
            if (v == null) {
                return op == Operator.NE;
            }
            int c = order.compare(v, operand);
            return switch (op) {
                case EQ -> c == 0;
                case NE -> c != 0;
                case LT -> c < 0;
                case LE -> c <= 0;
                case GT -> c > 0;
                case GE -> c >= 0;
                case LIKE -> throw new IllegalStateException();
            };
        };
    }

    /** TODAY, LAST_N_DAYS:n ... are ranges of whole days: = means within, > after, < before. */
    private static Predicate<Object> relativeTest(FieldType type, Operator op, SoqlQuery.RelativeDate relative) {
        return v -> {
            if (v == null) {
                return op == Operator.NE;
            }
            var today = SalesforceTime.today();
            Instant start = SalesforceTime.startOf(relative.start(today));
            Instant end = SalesforceTime.startOf(relative.endExclusive(today));
            Instant value = type == FieldType.DATE ? SalesforceTime.startOf(LocalDate.parse((String) v))
                    : SalesforceTime.parseDateTime((String) v);
            boolean within = !value.isBefore(start) && value.isBefore(end);
            return switch (op) {
                case EQ -> within;
                case NE -> !within;
                case LT -> value.isBefore(start);
                case LE -> value.isBefore(end);
                case GT -> !value.isBefore(end);
                case GE -> !value.isBefore(start);
                case LIKE -> false;
            };
        };
    }

    private static <T extends Literal> T expect(Literal literal, Class<T> kind, FieldDef field, String typeName,
                                                boolean quoted) {
        if (kind.isInstance(literal)) {
            return kind.cast(literal);
        }
        throw ApiException.invalidField("value of filter criterion for field '" + field.name() + "' must be of type "
                + typeName + " and should " + (quoted ? "" : "not ") + "be enclosed in quotes");
    }

    /** SOQL LIKE: % any run, _ one character, without regard to case; \% and \_ are literal. */
    private static Pattern likePattern(String like) {
        var regex = new StringBuilder();
        for (int i = 0; i < like.length(); i++) {
            char c = like.charAt(i);
            if (c == '\\' && i + 1 < like.length()) {
                regex.append(Pattern.quote(String.valueOf(like.charAt(++i))));
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    }

    // ---------------------------------------------------------------- ORDER BY

    private Comparator<Map<String, Object>> comparator(ObjectDef type, List<SoqlQuery.Order> orderBy) {
        Comparator<Map<String, Object>> result = null;
        for (var order : orderBy) {
            var path = resolve(type, order.field());
            Comparator<Object> values = switch (path.leaf().type()) {
                case BOOLEAN -> Comparator.comparing(v -> (Boolean) v);
                case DOUBLE, CURRENCY, PERCENT -> Comparator.comparing(v -> (Double) v);
                default -> (a, b) -> ((String) a).compareToIgnoreCase((String) b);
            };
            if (order.descending()) {
                values = values.reversed();
            }
            var withNulls = order.nullsLast() ? Comparator.nullsLast(values) : Comparator.nullsFirst(values);
            Comparator<Map<String, Object>> step = (a, b) -> withNulls.compare(value(a, path), value(b, path));
            result = result == null ? step : result.thenComparing(step);
        }
        return result == null ? null : result.thenComparing(r -> (String) r.get("Id"));
    }
}
