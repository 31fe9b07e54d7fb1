package org.memberbus.sandbox.gateway;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Stripe's search query language, the part integrations use: clauses {@code field:'value'}
 * (exact; case-insensitive for email) and {@code field~'value'} (contains, 3 characters at least)
 * on a resource's searchable fields and on {@code metadata['key']}, joined by {@code AND} or by
 * {@code OR}; pages are moved with the opaque {@code next_page} token.
 */
final class SearchQuery {

    private static final Pattern CLAUSE = Pattern.compile(
            "\\s*(?:metadata\\[(?:'([^']+)'|\"([^\"]+)\")\\]|([a-z_]+))\\s*([:~])\\s*(?:'([^']*)'|\"([^\"]*)\"|([^\\s'\"]+))\\s*");

    private SearchQuery() {}

    /**
     * Searches {@code store}; {@code field} reads a searchable field of an object (null when it
     * has no value), {@code fields} lists the searchable fields.
     */
    static <T extends ApiObject> StripeList.SearchResult<T> search(ObjectStore<T> store, FormParams params, String url,
                                                                   Set<String> fields,
                                                                   BiFunction<T, String, String> field,
                                                                   Function<T, Map<String, String>> metadata) {
        params.allowOnly("query", "limit", "page");
        String query = params.required("query");
        Predicate<T> matches = parse(query, fields, field, metadata);
        long limit = params.integer("limit") == null ? 10 : params.integer("limit");
        if (limit < 1 || limit > 100) {
            throw StripeException.invalidRequest("parameter_invalid_integer", "limit",
                    "This value must be greater than or equal to 1 and less than or equal to 100.");
        }
        int offset = params.string("page") == null ? 0 : page(params.string("page"));
        var all = store.stream().filter(matches)
                .sorted(Comparator.comparingLong(T::created).reversed().thenComparing(T::id)).toList();
        var page = all.stream().skip(offset).limit(limit).toList();
        boolean more = offset + page.size() < all.size();
        String next = more ? Base64.getUrlEncoder().encodeToString(String.valueOf(offset + page.size())
                .getBytes(StandardCharsets.UTF_8)) : null;
        return new StripeList.SearchResult<>("search_result", page, more, next, url);
    }

    private static int page(String token) {
        try {
            return Integer.parseInt(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw StripeException.invalidRequest(null, "page", "Invalid page token: " + token);
        }
    }

    private static <T> Predicate<T> parse(String query, Set<String> fields, BiFunction<T, String, String> field,
                                          Function<T, Map<String, String>> metadata) {
        boolean and = query.contains(" AND ");
        boolean or = query.contains(" OR ");
        if (and && or) {
            throw invalid(query, "AND and OR cannot be combined in one query.");
        }
        var clauses = new ArrayList<Predicate<T>>();
        for (String clause : query.split(and ? " AND " : " OR ")) {
            var m = CLAUSE.matcher(clause);
            if (!m.matches()) {
                throw invalid(query, "Cannot parse the clause `" + clause.strip() + "`.");
            }
            String key = m.group(1) != null ? m.group(1) : m.group(2);
            String name = m.group(3);
            if (key == null && !fields.contains(name)) {
                throw invalid(query, "Field `" + name + "` is not searchable; use one of " + fields + " or metadata['key'].");
            }
            boolean contains = m.group(4).equals("~");
            String value = m.group(5) != null ? m.group(5) : m.group(6) != null ? m.group(6) : m.group(7);
            if (contains && value.length() < 3) {
                throw invalid(query, "Substring search (~) needs at least 3 characters.");
            }
            clauses.add(object -> {
                String actual = key != null ? metadata.apply(object).get(key) : field.apply(object, name);
                if (actual == null) {
                    return false;
                }
                if (contains) {
                    return actual.toLowerCase().contains(value.toLowerCase());
                }
                return "email".equals(name) ? actual.equalsIgnoreCase(value) : actual.equals(value);
            });
        }
        return clauses.stream().reduce(or ? Predicate::or : Predicate::and).orElse(o -> true);
    }

    private static StripeException invalid(String query, String why) {
        return StripeException.invalidRequest("search_query_invalid", "query",
                "We were unable to parse your search query. " + why + " Try the form `metadata['key']:'value'` "
                        + "or `email:'someone@example.org'`. Query: " + query);
    }
}
