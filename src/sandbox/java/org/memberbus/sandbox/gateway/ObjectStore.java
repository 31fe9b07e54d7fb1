package org.memberbus.sandbox.gateway;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The objects of one Stripe resource, by id, with Stripe's list semantics: newest first, pages of
 * {@code limit} (1 to 100, default 10) moved with {@code starting_after} / {@code ending_before},
 * and the {@code created} filter ({@code created[gte]=...}).
 */
final class ObjectStore<T extends ApiObject> {

    private record Entry<T>(T value, long sequence) {}

    private final String kind;
    private final Map<String, Entry<T>> byId = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();

    ObjectStore(String kind) {
        this.kind = kind;
    }

    T get(String id) {
        var entry = id == null ? null : byId.get(id);
        return entry == null ? null : entry.value();
    }

    /** The object, or Stripe's 404 {@code resource_missing} naming {@code param}. */
    T require(String id, String param) {
        T value = get(id);
        if (value == null) {
            throw StripeException.resourceMissing(kind, id, param);
        }
        return value;
    }

    T put(T value) {
        byId.compute(value.id(), (id, old) -> new Entry<>(value, old == null ? sequence.incrementAndGet() : old.sequence()));
        return value;
    }

    T remove(String id) {
        var entry = byId.remove(id);
        return entry == null ? null : entry.value();
    }

    Stream<T> stream() {
        return byId.values().stream().map(Entry::value);
    }

    int size() {
        return byId.size();
    }

    /** The parameters every list call accepts, plus a resource's own filters. */
    static String[] listParams(String... filters) {
        var all = new ArrayList<>(List.of("limit", "starting_after", "ending_before", "created"));
        all.addAll(List.of(filters));
        return all.toArray(String[]::new);
    }

    StripeList<T> list(FormParams params, String url, Predicate<T> filter) {
        long limit = params.integer("limit") == null ? 10 : params.integer("limit");
        if (limit < 1 || limit > 100) {
            throw StripeException.invalidRequest("parameter_invalid_integer", "limit",
                    "This value must be greater than or equal to 1 and less than or equal to 100.");
        }
        Predicate<T> created = createdFilter(params);
        List<Entry<T>> sorted = byId.values().stream()
                .filter(e -> filter.test(e.value()) && created.test(e.value()))
                .sorted(Comparator.<Entry<T>>comparingLong(e -> e.value().created())
                        .thenComparingLong(Entry::sequence).reversed())
                .toList();
        String after = params.string("starting_after");
        String before = params.string("ending_before");
        int from = 0;
        int to = sorted.size();
        if (after != null) {
            from = indexOf(sorted, after, "starting_after") + 1;
        } else if (before != null) {
            to = indexOf(sorted, before, "ending_before");
            from = (int) Math.max(0, to - limit);
        }
        int end = (int) Math.min(to, from + limit);
        var page = new ArrayList<T>();
        for (int i = from; i < end; i++) {
            page.add(sorted.get(i).value());
        }
        boolean hasMore = before != null && after == null ? from > 0 : end < to;
        return StripeList.of(page, hasMore, url);
    }

    private int indexOf(List<Entry<T>> sorted, String id, String param) {
        for (int i = 0; i < sorted.size(); i++) {
            if (sorted.get(i).value().id().equals(id)) {
                return i;
            }
        }
        if (get(id) == null) {
            throw StripeException.resourceMissing(kind, id, param);
        }
        return sorted.size();
    }

    private Predicate<T> createdFilter(FormParams params) {
        if (!params.has("created")) {
            return t -> true;
        }
        if (!params.isHash("created")) {
            long exact = params.requiredInteger("created");
            return t -> t.created() == exact;
        }
        var range = params.hash("created");
        range.allowOnly("gt", "gte", "lt", "lte");
        Long gt = range.integer("gt");
        Long gte = range.integer("gte");
        Long lt = range.integer("lt");
        Long lte = range.integer("lte");
        return t -> (gt == null || t.created() > gt) && (gte == null || t.created() >= gte)
                && (lt == null || t.created() < lt) && (lte == null || t.created() <= lte);
    }
}
