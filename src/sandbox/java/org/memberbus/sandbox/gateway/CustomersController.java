package org.memberbus.sandbox.gateway;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v1/customers}: create, retrieve, update, delete, list, search, list payment methods. */
@RestController
@RequestMapping("/v1/customers")
class CustomersController {

    private final GatewayState state;
    private final GatewayClock clock;
    private final Customers customers;
    private final Billing billing;

    CustomersController(GatewayState state, GatewayClock clock, Customers customers, Billing billing) {
        this.state = state;
        this.clock = clock;
        this.customers = customers;
        this.billing = billing;
    }

    @PostMapping
    Customer create(HttpServletRequest request) {
        return state.locked(() -> customers.create(FormParams.of(request), ApiRequest.of(request), clock.now()));
    }

    @GetMapping("/{id}")
    Customer retrieve(@PathVariable String id) {
        return state.customers.require(id, "id");
    }

    @PostMapping("/{id}")
    Customer update(@PathVariable String id, HttpServletRequest request) {
        return state.locked(() -> customers.update(id, FormParams.of(request), ApiRequest.of(request), clock.now()));
    }

    @DeleteMapping("/{id}")
    StripeList.Deleted delete(@PathVariable String id, HttpServletRequest request) {
        return state.locked(() -> customers.delete(id, billing, ApiRequest.of(request), clock.now()));
    }

    @GetMapping
    StripeList<Customer> list(HttpServletRequest request) {
        var params = FormParams.of(request);
        params.allowOnly(ObjectStore.listParams("email"));
        String email = params.string("email");
        return state.customers.list(params, "/v1/customers", c -> email == null || email.equalsIgnoreCase(c.email()));
    }

    @GetMapping("/search")
    StripeList.SearchResult<Customer> search(HttpServletRequest request) {
        return customers.search(FormParams.of(request));
    }

    @GetMapping("/{id}/payment_methods")
    StripeList<PaymentMethod> paymentMethods(@PathVariable String id) {
        return StripeList.of(customers.methodsOf(id), false, "/v1/customers/" + id + "/payment_methods");
    }
}
