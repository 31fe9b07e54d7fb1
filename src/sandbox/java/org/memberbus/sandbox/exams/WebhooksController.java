package org.memberbus.sandbox.exams;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Webhook endpoints, registered at run time by whoever wants the {@code exam.result} events. */
@RestController
@RequestMapping("/api/v1/webhooks")
class WebhooksController {

    private final WebhookDispatcher dispatcher;

    WebhooksController(WebhookDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /** 201 with the new endpoint; 200 with the existing one when the URL is registered already. */
    @PostMapping
    ResponseEntity<WebhookDispatcher.Subscription> register(@RequestBody(required = false) JsonNode body) {
        var url = body == null ? null : body.path("url").asText(null);
        if (url == null || url.isBlank()) {
            throw ApiException.invalid("url", "is required");
        }
        try {
            var uri = URI.create(url);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw ApiException.invalid("url", "must be an absolute http or https URL");
            }
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("url", "must be an absolute http or https URL");
        }
        var existing = dispatcher.existing(url);
        return existing.map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.status(HttpStatus.CREATED).body(dispatcher.subscribe(url)));
    }

    @GetMapping
    Map<String, List<WebhookDispatcher.Subscription>> list() {
        return Map.of("data", dispatcher.subscriptions());
    }

    @DeleteMapping("/{id}")
    Map<String, Object> delete(@PathVariable String id) {
        dispatcher.unsubscribe(id).orElseThrow(() -> ApiException.notFound("webhook", id));
        return Map.of("id", id, "deleted", true);
    }
}
