package org.memberbus.sandbox.community;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The association's permission service, asked where a real community asks it (Higher Logic's
 * "check permissions" integration with the AMS): before it serves a content item or lets a member
 * post in a forum (a request to join a group goes to the association as a webhook and is answered
 * there). The association's system is called with the community's own
 * key ({@code X-Api-Key}) at {@code POST <url>} with {@code {"memberId", "requests": [{"action",
 * "resource"}]}} and its decision is enforced: refused, the member gets 403 with the reason and what
 * would grant it. Configured by {@code sandbox.community.access-decisions.url} and {@code .api-key}
 * (or at run time by the sandbox, which knows the bus's port only once it listens:
 * {@code PUT /__sandbox/access-decisions}); not configured, the platform enforces its own access
 * levels, as before. A member with no CRM id yet is not the association's to decide: own rules.
 * The service not answering is a refusal (503): gated content is not served on a guess.
 */
class PermissionCheck {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json;
    private volatile String url;
    private volatile String apiKey;

    PermissionCheck(ObjectMapper json, String url, String apiKey) {
        this.json = json;
        configure(url, apiKey);
    }

    synchronized void configure(String url, String apiKey) {
        if (url != null && !url.isBlank() && !url.startsWith("http://") && !url.startsWith("https://")) {
            throw ApiException.badRequest("url", "must be an http(s) URL");
        }
        this.url = url == null || url.isBlank() ? null : url;
        this.apiKey = apiKey;
    }

    Map<String, Object> settings() {
        return url == null ? Map.of("configured", false) : Map.of("configured", true, "url", url);
    }

    /** True when the association decides for this account (the service is configured and knows the member). */
    boolean decides(Account account) {
        return url != null && account.crmContactId() != null && !account.crmContactId().isBlank();
    }

    /** Asks; a refusal is thrown as 403 with the association's reason and what would grant it. */
    void require(Account account, String action, String resource) {
        var decision = ask(account, action, resource);
        if (!decision.path("allowed").asBoolean(false)) {
            throw new ApiException(403, refusal(decision), null);
        }
    }

    private JsonNode ask(Account account, String action, String resource) {
        HttpResponse<String> answer;
        try {
            var body = json.writeValueAsString(Map.of("memberId", account.crmContactId(),
                    "requests", List.of(Map.of("action", action, "resource", resource))));
            var request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3))
                    .header("Content-Type", "application/json").header("X-Api-Key", apiKey == null ? "" : apiKey)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw unavailable("no answer");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted");
        }
        if (answer.statusCode() != 200) {
            throw unavailable("status " + answer.statusCode());
        }
        try {
            var decision = json.readTree(answer.body()).path("decisions").path(0);
            if (!decision.has("allowed")) {
                throw unavailable("an answer without a decision");
            }
            return decision;
        } catch (IOException e) {
            throw unavailable("an answer that is not JSON");
        }
    }

    private static ApiException unavailable(String why) {
        return new ApiException(503, "the association's permission service did not decide (" + why + "); try again", null);
    }

    /** "Premium content needs ...; to get it: upgrade PROFESSIONAL (USD 120.00)", as a member reads it. */
    static String refusal(JsonNode decision) {
        var text = new StringBuilder(decision.path("reason").asText("not allowed"));
        var grant = decision.path("grant");
        if (grant.isObject()) {
            text.append("; to get it: ").append(grant.path("kind").asText());
            if (grant.hasNonNull("level")) {
                text.append(' ').append(grant.get("level").asText());
            }
            if (grant.hasNonNull("amount") && grant.hasNonNull("currency")) {
                text.append(" (").append(grant.get("currency").asText()).append(' ')
                        .append(java.math.BigDecimal.valueOf(grant.get("amount").asLong(), 2).toPlainString()).append(')');
            }
            if (grant.hasNonNull("program")) {
                text.append(' ').append(grant.get("program").asText());
            }
        }
        text.append(" [rule ").append(decision.path("rule").asText("?")).append(']');
        return text.toString();
    }
}
