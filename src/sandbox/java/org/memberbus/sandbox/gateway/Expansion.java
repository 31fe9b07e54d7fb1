package org.memberbus.sandbox.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Stripe's {@code expand[]} on every answer: an expandable field named in {@code expand[]} holds the
 * object instead of its id ({@code expand[]=latest_charge}), nested with dots
 * ({@code latest_charge.balance_transaction}) up to four levels; on a list each path starts with
 * {@code data.} ({@code expand[]=data.customer}). A field that cannot be expanded is refused with
 * 400, as Stripe does.
 */
@RestControllerAdvice
class Expansion implements ResponseBodyAdvice<Object> {

    private static final int MAX_LEVELS = 4;

    /** Per object type, the fields Stripe lets expand (those the sandbox's objects hold as ids). */
    private static final Map<String, Set<String>> EXPANDABLE = Map.of(
            "payment_intent", Set.of("customer", "latest_charge", "payment_method"),
            "charge", Set.of("customer", "payment_intent", "balance_transaction"),
            "refund", Set.of("charge", "payment_intent", "balance_transaction"),
            "dispute", Set.of("charge", "payment_intent"),
            "payment_method", Set.of("customer"),
            "subscription", Set.of("customer", "latest_invoice", "default_payment_method"),
            "invoice", Set.of("customer"),
            "balance_transaction", Set.of("source"));

    private final GatewayState state;
    private final ObjectMapper json;

    Expansion(GatewayState state, ObjectMapper json) {
        this.state = state;
        this.json = json;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                                  ServerHttpResponse response) {
        boolean list = body instanceof StripeList<?> || body instanceof StripeList.SearchResult<?>;
        if (!(body instanceof ApiObject) && !list || !(request instanceof ServletServerHttpRequest servlet)) {
            return body;
        }
        var paths = FormParams.parse(servlet.getServletRequest().getParameterMap()).strings("expand");
        if (paths == null || paths.isEmpty()) {
            return body;
        }
        JsonNode tree = json.valueToTree(body);
        for (String path : paths) {
            var segments = Arrays.asList(path.split("\\."));
            if (list) {
                if (!segments.get(0).equals("data") || segments.size() < 2) {
                    throw cannotExpand(path);
                }
                for (JsonNode item : tree.path("data")) {
                    expand((ObjectNode) item, segments.subList(1, segments.size()), path);
                }
            } else {
                expand((ObjectNode) tree, segments, path);
            }
        }
        return tree;
    }

    private void expand(ObjectNode node, List<String> segments, String path) {
        if (segments.size() > MAX_LEVELS) {
            throw StripeException.invalidRequest("parameter_invalid_string", "expand",
                    "You cannot expand more than 4 levels of a property. Property: " + path);
        }
        String field = segments.get(0);
        var allowed = EXPANDABLE.getOrDefault(node.path("object").asText(), Set.of());
        if (!allowed.contains(field)) {
            throw cannotExpand(field);
        }
        JsonNode value = node.get(field);
        if (value != null && value.isTextual()) {
            Object found = find(value.asText());
            if (found == null) {
                return;
            }
            value = json.valueToTree(found);
            node.set(field, value);
        }
        if (segments.size() > 1 && value instanceof ObjectNode child) {
            expand(child, segments.subList(1, segments.size()), path);
        }
    }

    private Object find(String id) {
        return Stream.of(state.customers, state.paymentIntents, state.charges, state.refunds, state.disputes,
                        state.balanceTransactions, state.paymentMethods, state.invoices, state.subscriptions)
                .map(store -> (Object) store.get(id)).filter(o -> o != null).findFirst().orElse(null);
    }

    private static StripeException cannotExpand(String field) {
        return StripeException.invalidRequest("parameter_invalid_string", "expand",
                "This property cannot be expanded (" + field + ").");
    }
}
