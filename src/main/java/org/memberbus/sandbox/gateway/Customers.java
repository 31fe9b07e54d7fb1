package org.memberbus.sandbox.gateway;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Customers: create, update, delete, and Stripe's search query language (a useful subset). */
final class Customers {

    private static final Pattern CLAUSE = Pattern.compile(
            "\\s*(email|name|phone|description|metadata\\['([^']+)'\\]|metadata\\[\"([^\"]+)\"\\])\\s*([:~])\\s*(?:'([^']*)'|\"([^\"]*)\")\\s*");

    private final GatewayState state;
    private final Payments payments;
    private final EventLog events;

    Customers(GatewayState state, Payments payments, EventLog events) {
        this.state = state;
        this.payments = payments;
        this.events = events;
    }

    Customer create(FormParams params, ApiRequest request, long at) {
        params.allowOnly("email", "name", "phone", "description", "metadata", "payment_method", "invoice_settings");
        String defaultMethod = defaultPaymentMethod(params, null);
        var customer = state.customers.put(Customer.create(Ids.next("cus"), at, params.string("email"),
                params.string("name"), params.string("phone"), params.string("description"),
                params.metadata(Map.of()), defaultMethod));
        events.publish("customer.created", customer, request, at);
        if (params.string("payment_method") != null) {
            var attached = payments.attach(params.string("payment_method"), customer.id(), request, at);
            if (params.string("payment_method").equals(defaultMethod)) {
                var before = customer;
                customer = state.customers.put(customer.update(customer.email(), customer.name(), customer.phone(),
                        customer.description(), customer.metadata(), attached.id()));
                events.publish("customer.updated", customer, before, request, at);
            }
        }
        return customer;
    }

    private String defaultPaymentMethod(FormParams params, String current) {
        var settings = params.hash("invoice_settings");
        if (settings == null) {
            return current;
        }
        settings.allowOnly("default_payment_method", "custom_fields", "footer", "rendering_options");
        if (!settings.has("default_payment_method")) {
            return current;
        }
        String method = settings.string("default_payment_method");
        return method == null ? null : payments.method(method, "invoice_settings[default_payment_method]").id();
    }

    Customer update(String id, FormParams params, ApiRequest request, long at) {
        params.allowOnly("email", "name", "phone", "description", "metadata", "invoice_settings");
        var before = state.customers.require(id, "id");
        var updated = state.customers.put(before.update(
                params.has("email") ? params.string("email") : before.email(),
                params.has("name") ? params.string("name") : before.name(),
                params.has("phone") ? params.string("phone") : before.phone(),
                params.has("description") ? params.string("description") : before.description(),
                params.metadata(before.metadata()),
                defaultPaymentMethod(params, before.invoiceSettings().defaultPaymentMethod())));
        if (!updated.equals(before)) {
            events.publish("customer.updated", updated, before, request, at);
        }
        return updated;
    }

    /** Deleting a customer cancels its subscriptions at once, as Stripe does. */
    StripeList.Deleted delete(String id, Billing billing, ApiRequest request, long at) {
        var customer = state.customers.require(id, "id");
        state.subscriptions.stream().filter(s -> s.customer().equals(id) && !s.status().equals("canceled")).toList()
                .forEach(s -> billing.cancel(s.id(), FormParams.parse(Map.of()), request, at));
        state.customers.remove(id);
        events.publish("customer.deleted", customer, request, at);
        return new StripeList.Deleted(id, "customer", true);
    }

    /**
     * {@code GET /v1/customers/search?query=}: clauses {@code field:'value'} (exact) or
     * {@code field~'value'} (contains) on email, name, phone, description and
     * {@code metadata['key']}, joined by {@code AND} or by {@code OR}.
     */
    StripeList.SearchResult<Customer> search(FormParams params) {
        params.allowOnly("query", "limit", "page");
        String query = params.required("query");
        Predicate<Customer> matches = parse(query);
        long limit = params.integer("limit") == null ? 10 : params.integer("limit");
        if (limit < 1 || limit > 100) {
            throw StripeException.invalidRequest("parameter_invalid_integer", "limit",
                    "This value must be greater than or equal to 1 and less than or equal to 100.");
        }
        int offset = params.string("page") == null ? 0 : page(params.string("page"));
        var all = state.customers.stream().filter(matches)
                .sorted(Comparator.comparingLong(Customer::created).reversed().thenComparing(Customer::id)).toList();
        var page = all.stream().skip(offset).limit(limit).toList();
        boolean more = offset + page.size() < all.size();
        String next = more ? Base64.getUrlEncoder().encodeToString(String.valueOf(offset + page.size())
                .getBytes(StandardCharsets.UTF_8)) : null;
        return new StripeList.SearchResult<>("search_result", page, more, next, "/v1/customers/search");
    }

    private static int page(String token) {
        try {
            return Integer.parseInt(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw StripeException.invalidRequest(null, "page", "Invalid page token: " + token);
        }
    }

    private static Predicate<Customer> parse(String query) {
        boolean and = query.contains(" AND ");
        boolean or = query.contains(" OR ");
        if (and && or) {
            throw badQuery(query, "AND and OR cannot be combined in one query.");
        }
        var clauses = new ArrayList<Predicate<Customer>>();
        for (String clause : query.split(and ? " AND " : " OR ")) {
            var m = CLAUSE.matcher(clause);
            if (!m.matches()) {
                throw badQuery(query, "Cannot parse the clause `" + clause.trim() + "`.");
            }
            String key = m.group(2) != null ? m.group(2) : m.group(3);
            String field = key != null ? "metadata" : m.group(1);
            boolean contains = m.group(4).equals("~");
            String value = m.group(5) != null ? m.group(5) : m.group(6);
            if (contains && value.length() < 3) {
                throw badQuery(query, "Substring search (~) needs at least 3 characters.");
            }
            clauses.add(c -> {
                String actual = switch (field) {
                    case "email" -> c.email();
                    case "name" -> c.name();
                    case "phone" -> c.phone();
                    case "description" -> c.description();
                    default -> c.metadata().get(key);
                };
                if (actual == null) {
                    return false;
                }
                return contains ? actual.toLowerCase().contains(value.toLowerCase())
                        : field.equals("email") ? actual.equalsIgnoreCase(value) : actual.equals(value);
            });
        }
        return clauses.stream().reduce(or ? Predicate::or : Predicate::and).orElse(c -> true);
    }

    private static StripeException badQuery(String query, String why) {
        return StripeException.invalidRequest("search_query_invalid", "query",
                "We were unable to parse your search query. " + why + " Try using the format `metadata['key']:'value'` "
                        + "or `email:'someone@example.org'`. Query: " + query);
    }

    List<PaymentMethod> methodsOf(String customerId) {
        state.customers.require(customerId, "customer");
        return state.paymentMethods.stream().filter(m -> customerId.equals(m.customer())).toList();
    }
}
