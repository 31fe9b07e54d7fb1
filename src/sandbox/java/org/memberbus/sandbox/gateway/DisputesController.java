package org.memberbus.sandbox.gateway;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v1/disputes}: retrieve, list ({@code charge}, {@code payment_intent}), update with evidence, close. */
@RestController
class DisputesController {

    private final GatewayState state;
    private final GatewayClock clock;
    private final Disputes disputes;

    DisputesController(GatewayState state, GatewayClock clock, Disputes disputes) {
        this.state = state;
        this.clock = clock;
        this.disputes = disputes;
    }

    @GetMapping("/v1/disputes/{id}")
    Dispute retrieve(@PathVariable String id) {
        return state.disputes.require(id, "dispute");
    }

    @GetMapping("/v1/disputes")
    StripeList<Dispute> list(HttpServletRequest request) {
        var params = FormParams.of(request).allowOnly(ObjectStore.listParams("charge", "payment_intent"));
        String charge = params.string("charge");
        String intent = params.string("payment_intent");
        return state.disputes.list(params, "/v1/disputes", d -> (charge == null || charge.equals(d.charge()))
                && (intent == null || intent.equals(d.paymentIntent())));
    }

    @PostMapping("/v1/disputes/{id}")
    Dispute update(@PathVariable String id, HttpServletRequest request) {
        return state.locked(() -> disputes.update(id, FormParams.of(request), ApiRequest.of(request), clock.now()));
    }

    /** Accepting a dispute: the business gives up, the dispute is lost. */
    @PostMapping("/v1/disputes/{id}/close")
    Dispute close(@PathVariable String id, HttpServletRequest request) {
        FormParams.of(request).allowOnly();
        return state.locked(() -> disputes.close(id, "lost", ApiRequest.of(request), clock.now()));
    }
}
