package org.memberbus.sandbox.gateway;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Customers: create, update, delete, search. */
final class Customers {

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

    /** {@code GET /v1/customers/search?query=}: on email, name, phone, description and metadata. */
    StripeList.SearchResult<Customer> search(FormParams params) {
        return SearchQuery.search(state.customers, params, "/v1/customers/search",
                Set.of("email", "name", "phone", "description"), (c, field) -> switch (field) {
                    case "email" -> c.email();
                    case "name" -> c.name();
                    case "phone" -> c.phone();
                    default -> c.description();
                }, Customer::metadata);
    }

    List<PaymentMethod> methodsOf(String customerId) {
        state.customers.require(customerId, "customer");
        return state.paymentMethods.stream().filter(m -> customerId.equals(m.customer())).toList();
    }
}
