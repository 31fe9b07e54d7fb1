package org.memberbus.sandbox.gateway;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v1/events} and {@code /v1/webhook_endpoints}. */
@RestController
class EventsController {

    private final GatewayState state;
    private final GatewayClock clock;
    private final GatewaySettings settings;
    private final EventLog events;

    EventsController(GatewayState state, GatewayClock clock, GatewaySettings settings, EventLog events) {
        this.state = state;
        this.clock = clock;
        this.settings = settings;
        this.events = events;
    }

    @GetMapping("/v1/events/{id}")
    Event retrieveEvent(@PathVariable String id) {
        return events.current(state.events.require(id, "id"));
    }

    /** {@code type} may end in {@code *} ({@code invoice.*}); {@code types[]} lists several. */
    @GetMapping("/v1/events")
    StripeList<Event> listEvents(HttpServletRequest request) {
        var params = FormParams.of(request).allowOnly(ObjectStore.listParams("type", "types", "delivery_success"));
        String type = params.string("type");
        List<String> types = params.strings("types");
        Predicate<Event> matches = e -> (type == null || typeMatches(type, e.type()))
                && (types == null || types.stream().anyMatch(t -> typeMatches(t, e.type())));
        var page = state.events.list(params, "/v1/events", matches);
        return StripeList.of(page.data().stream().map(events::current).toList(), page.hasMore(), page.url());
    }

    private static boolean typeMatches(String pattern, String type) {
        return pattern.endsWith("*") ? type.startsWith(pattern.substring(0, pattern.length() - 1)) : pattern.equals(type);
    }

    @PostMapping("/v1/webhook_endpoints")
    WebhookEndpoint createEndpoint(HttpServletRequest request) {
        var params = FormParams.of(request).allowOnly("url", "enabled_events", "description", "metadata", "api_version",
                "connect");
        String url = url(params.required("url"));
        var enabled = enabledEvents(params.strings("enabled_events"));
        return state.locked(() -> state.webhookEndpoints.put(new WebhookEndpoint(Ids.next("we"), "webhook_endpoint",
                params.string("api_version"), null, clock.now(), params.string("description"), enabled, false,
                params.metadata(Map.of()), settings.webhookSecret(), "enabled", url)));
    }

    @GetMapping("/v1/webhook_endpoints/{id}")
    WebhookEndpoint retrieveEndpoint(@PathVariable String id) {
        return state.webhookEndpoints.require(id, "webhook_endpoint").withoutSecret();
    }

    @PostMapping("/v1/webhook_endpoints/{id}")
    WebhookEndpoint updateEndpoint(@PathVariable String id, HttpServletRequest request) {
        var params = FormParams.of(request).allowOnly("url", "enabled_events", "description", "metadata", "disabled");
        return state.locked(() -> {
            var endpoint = state.webhookEndpoints.require(id, "webhook_endpoint");
            return state.webhookEndpoints.put(endpoint.update(
                    params.has("description") ? params.string("description") : endpoint.description(),
                    params.has("enabled_events") ? enabledEvents(params.strings("enabled_events")) : endpoint.enabledEvents(),
                    params.metadata(endpoint.metadata()),
                    params.has("disabled") ? (params.flag("disabled") ? "disabled" : "enabled") : endpoint.status(),
                    params.has("url") ? url(params.required("url")) : endpoint.url())).withoutSecret();
        });
    }

    @DeleteMapping("/v1/webhook_endpoints/{id}")
    StripeList.Deleted deleteEndpoint(@PathVariable String id) {
        state.webhookEndpoints.require(id, "webhook_endpoint");
        state.webhookEndpoints.remove(id);
        return new StripeList.Deleted(id, "webhook_endpoint", true);
    }

    @GetMapping("/v1/webhook_endpoints")
    StripeList<WebhookEndpoint> listEndpoints(HttpServletRequest request) {
        var params = FormParams.of(request).allowOnly(ObjectStore.listParams());
        var page = state.webhookEndpoints.list(params, "/v1/webhook_endpoints", e -> true);
        return StripeList.of(page.data().stream().map(WebhookEndpoint::withoutSecret).toList(), page.hasMore(), page.url());
    }

    private static String url(String url) {
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw StripeException.invalidRequest("url_invalid", "url", "Invalid URL: " + url);
        }
        return url;
    }

    private static List<String> enabledEvents(List<String> events) {
        if (events == null || events.isEmpty()) {
            throw StripeException.parameterMissing("enabled_events");
        }
        return List.copyOf(events);
    }
}
