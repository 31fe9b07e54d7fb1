package org.memberbus.sandbox.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox's own controls, outside Stripe's API and without its key: the clock that drives
 * subscription renewals, the webhook delivery log, the 3D Secure page of {@code requires_action}
 * intents, and the test cards. (Faults: the shared {@code /__sandbox/faults}.)
 */
@RestController
@RequestMapping("/__sandbox")
class GatewaySandboxController {

    /** {@code POST /__sandbox/advance} body: how far to move the clock; the parts add up. */
    record Advance(Long days, Long hours, Long seconds) {
        Duration duration() {
            return Duration.ofDays(days == null ? 0 : days).plusHours(hours == null ? 0 : hours)
                    .plusSeconds(seconds == null ? 0 : seconds);
        }
    }

    record ClockState(long now, String instant, long offsetSeconds) {}

    record Advanced(ClockState clock, int renewals, int retries, int cancellations, int achSettlements) {}

    /** {@code POST /__sandbox/disputes/{id}/close} body: how the card network decided, won or lost. */
    record DisputeOutcome(String status) {}

    record TestCardInfo(String paymentMethod, String token, String number, String brand, String outcome,
                        String code, String declineCode) {}

    private final GatewayState state;
    private final GatewayClock clock;
    private final Billing billing;
    private final Payments payments;
    private final WebhookDispatcher dispatcher;
    private final Disputes disputes;

    GatewaySandboxController(GatewayState state, GatewayClock clock, Billing billing,
                             Payments payments, WebhookDispatcher dispatcher, Disputes disputes) {
        this.disputes = disputes;
        this.state = state;
        this.clock = clock;
        this.billing = billing;
        this.payments = payments;
        this.dispatcher = dispatcher;
    }

    @GetMapping("/clock")
    ClockState clock() {
        return new ClockState(clock.now(), clock.instant().toString(), clock.offset().toSeconds());
    }

    /** Moves the clock forward and does what fell due: renewals, retries, cancellations at period end. */
    @PostMapping("/advance")
    Advanced advance(@RequestBody Advance advance) {
        return state.locked(() -> {
            clock.advance(advance.duration());
            var progress = billing.catchUp(clock.now());
            int settled = payments.settleDue(clock.now());
            return new Advanced(clock(), progress.renewals(), progress.retries(), progress.cancellations(), settled);
        });
    }

    @GetMapping("/deliveries")
    List<WebhookDispatcher.Attempt> deliveries(@RequestParam(required = false) String event,
                                               @RequestParam(required = false) String endpoint) {
        return dispatcher.attempts().stream()
                .filter(a -> (event == null || event.equals(a.eventId())) && (endpoint == null || endpoint.equals(a.endpointId())))
                .toList();
    }

    /**
     * The {@code next_action.redirect_to_url.url} of an intent waiting for 3D Secure: visiting it
     * passes the challenge, the intent succeeds, and the browser goes on to {@code return_url}.
     */
    @RequestMapping(path = "/authenticate/{id}", method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<PaymentIntent> authenticate(@PathVariable String id) {
        var intent = state.locked(() -> payments.authenticate(id, ApiRequest.AUTOMATIC, clock.now()));
        var waiting = state.events.stream().filter(e -> e.type().equals("payment_intent.requires_action")
                        && e.data().object() instanceof PaymentIntent pi && pi.id().equals(id))
                .map(e -> ((PaymentIntent) e.data().object()).nextAction().redirectToUrl().returnUrl())
                .filter(url -> url != null).findFirst();
        if (waiting.isPresent()) {
            return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(waiting.get())).build();
        }
        return ResponseEntity.ok(intent);
    }

    /** Decides an open dispute as the card network would: {@code {"status":"won"}} or {@code "lost"}. */
    @PostMapping("/disputes/{id}/close")
    Dispute closeDispute(@PathVariable String id, @RequestBody DisputeOutcome outcome) {
        return state.locked(() -> disputes.close(id, outcome.status() == null ? "" : outcome.status(),
                ApiRequest.AUTOMATIC, clock.now()));
    }

    /** The bank answers a processing ACH debit now (success or return, as its test account says). */
    @PostMapping("/ach/{id}/settle")
    PaymentIntent settleAch(@PathVariable String id) {
        return state.locked(() -> payments.settleNow(id, clock.now()));
    }

    @GetMapping("/test-bank-accounts")
    List<Map<String, String>> testBankAccounts() {
        return TestBankAccounts.all().stream().map(a -> Map.of("routingNumber", TestBankAccounts.ROUTING_NUMBER,
                "accountNumber", a.accountNumber(), "outcome", a.succeeds() ? "succeed" : "fail",
                "failureCode", a.succeeds() ? "" : a.failureCode())).toList();
    }

    @GetMapping("/test-cards")
    List<TestCardInfo> testCards() {
        return TestCards.all().stream().map(c -> new TestCardInfo(c.paymentMethodId(), "tok_" + c.name(), c.number(),
                c.brand(), c.outcome().name().toLowerCase(), c.code(), c.declineCode())).toList();
    }

    @GetMapping
    Map<String, Object> summary() {
        return Map.of("customers", state.customers.size(), "paymentIntents", state.paymentIntents.size(),
                "subscriptions", state.subscriptions.size(), "invoices", state.invoices.size(),
                "events", state.events.size(), "webhookEndpoints", state.webhookEndpoints.size(),
                "clock", clock());
    }
}
