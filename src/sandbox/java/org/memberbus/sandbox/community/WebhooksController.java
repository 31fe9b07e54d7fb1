package org.memberbus.sandbox.community;

import java.time.Clock;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Webhook subscriptions, registered at run time, and the log of every delivery attempt. */
@RestController
@RequestMapping("/api/v1")
class WebhooksController {

    private final WebhookSubscriptions subscriptions;
    private final WebhookDispatcher dispatcher;
    private final Clock clock;

    WebhooksController(WebhookSubscriptions subscriptions, WebhookDispatcher dispatcher, Clock clock) {
        this.subscriptions = subscriptions;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    /** 201 for a new subscription; 200 with the existing one if the URL is already subscribed. */
    @PostMapping("/webhook-subscriptions")
    ResponseEntity<WebhookSubscriptions.Subscription> subscribe(@RequestBody WebhookSubscriptions.Registration registration) {
        var subscribed = subscriptions.subscribe(registration, clock.instant());
        return ResponseEntity.status(subscribed.created() ? HttpStatus.CREATED : HttpStatus.OK).body(subscribed.subscription());
    }

    @GetMapping("/webhook-subscriptions")
    Listing<WebhookSubscriptions.Subscription> subscriptions() {
        return new Listing<>(subscriptions.all());
    }

    @GetMapping("/webhook-subscriptions/{id}")
    WebhookSubscriptions.Subscription subscription(@PathVariable String id) {
        return subscriptions.find(id).orElseThrow(() -> ApiException.notFound("webhook subscription " + id));
    }

    @DeleteMapping("/webhook-subscriptions/{id}")
    ResponseEntity<Void> unsubscribe(@PathVariable String id) {
        if (!subscriptions.unsubscribe(id)) {
            throw ApiException.notFound("webhook subscription " + id);
        }
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/webhook-deliveries")
    Listing<WebhookDispatcher.Delivery> deliveries(@RequestParam(required = false) String eventId,
                                                    @RequestParam(required = false) String type,
                                                    @RequestParam(required = false) WebhookDispatcher.State state) {
        return new Listing<>(dispatcher.deliveries(eventId, type, state));
    }
}
