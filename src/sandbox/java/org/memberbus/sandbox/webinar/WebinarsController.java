package org.memberbus.sandbox.webinar;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Zoom's webinar API under /v2: webinars, registrants, and the past webinar's participants report. */
@RestController
class WebinarsController {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    /** Zoom: a next_page_token expires after 15 minutes. */
    private static final long PAGE_TOKEN_MILLIS = 15 * 60 * 1000L;

    private final WebinarPlatform platform;
    private final Clock clock;

    WebinarsController(WebinarPlatform platform, Clock webinarClock) {
        this.platform = platform;
        this.clock = webinarClock;
    }

    @PostMapping("/v2/users/{userId}/webinars")
    ResponseEntity<Map<String, Object>> create(@PathVariable String userId, @RequestBody JsonNode body) {
        var topic = body.path("topic").asText("");
        if (topic.isBlank()) {
            throw validation("topic", "Webinar topic is required.");
        }
        Instant start = null;
        if (body.hasNonNull("start_time")) {
            try {
                start = Instant.parse(body.path("start_time").asText());
            } catch (DateTimeParseException e) {
                throw validation("start_time", "Invalid start_time: yyyy-MM-ddTHH:mm:ssZ expected.");
            }
        }
        int duration = body.path("duration").asInt(60);
        if (duration <= 0) {
            throw validation("duration", "Invalid duration.");
        }
        return ResponseEntity.status(201).body(platform.create("me".equals(userId) ? "sandbox-host" : userId, topic, start, duration));
    }

    @GetMapping("/v2/webinars/{webinarId}")
    Map<String, Object> webinar(@PathVariable String webinarId) {
        return platform.get(webinarId);
    }

    @PostMapping("/v2/webinars/{webinarId}/registrants")
    ResponseEntity<Map<String, Object>> register(@PathVariable String webinarId, @RequestBody JsonNode body) {
        var email = body.path("email").asText("");
        if (!EMAIL.matcher(email).matches() || email.length() > 128) {
            throw validation("email", "Invalid field.");
        }
        var first = body.path("first_name").asText("");
        if (first.isBlank() || first.length() > 64) {
            throw validation("first_name", "Invalid field.");
        }
        return ResponseEntity.status(201).body(platform.register(webinarId, email, first, body.path("last_name").asText(null)));
    }

    @GetMapping("/v2/webinars/{webinarId}/registrants")
    Map<String, Object> registrants(@PathVariable String webinarId,
                                    @RequestParam(name = "status", defaultValue = "approved") String status,
                                    @RequestParam(name = "page_size", defaultValue = "30") int pageSize,
                                    @RequestParam(name = "next_page_token", defaultValue = "") String token) {
        if (!List.of("approved", "pending", "denied").contains(status)) {
            throw validation("status", "must be one of approved, pending, denied.");
        }
        return page("registrants", webinarId, platform.registrants(webinarId, status), pageSize, token);
    }

    /** Zoom's "update registrant's status": {"action": "approve|cancel|deny", "registrants": [{"id", "email"?}]} (at most 30); 204. */
    @PutMapping("/v2/webinars/{webinarId}/registrants/status")
    ResponseEntity<Void> updateStatus(@PathVariable String webinarId, @RequestBody JsonNode body) {
        var action = body.path("action").asText("");
        if (action.isBlank()) {
            throw validation("action", "is required.");
        }
        var registrants = body.path("registrants");
        if (!registrants.isArray() || registrants.isEmpty() || registrants.size() > 30) {
            throw validation("registrants", "1 to 30 registrants are required.");
        }
        var named = new java.util.ArrayList<Map<String, String>>();
        for (var r : registrants) {
            var one = new LinkedHashMap<String, String>();
            if (r.hasNonNull("id")) {
                one.put("id", r.get("id").asText());
            }
            if (r.hasNonNull("email")) {
                one.put("email", r.get("email").asText());
            }
            if (one.isEmpty()) {
                throw validation("registrants", "each registrant needs an id or an email.");
            }
            named.add(one);
        }
        platform.updateStatus(webinarId, action, named);
        return ResponseEntity.noContent().build();
    }

    /** Zoom's webinar details report: the past webinar's times (404, code 3001, until it ended). */
    @GetMapping("/v2/report/webinars/{webinarId}")
    Map<String, Object> report(@PathVariable String webinarId) {
        return platform.report(webinarId);
    }

    @GetMapping("/v2/report/webinars/{webinarId}/participants")
    Map<String, Object> participants(@PathVariable String webinarId,
                                     @RequestParam(name = "page_size", defaultValue = "30") int pageSize,
                                     @RequestParam(name = "next_page_token", defaultValue = "") String token) {
        return page("participants", webinarId, platform.participants(webinarId), pageSize, token);
    }

    private Map<String, Object> page(String name, String webinarId, List<Map<String, Object>> all, int pageSize, String token) {
        int size = Math.max(1, Math.min(300, pageSize));
        int from = token.isEmpty() ? 0 : offset(webinarId, token);
        int to = Math.min(all.size(), from + size);
        var answer = new LinkedHashMap<String, Object>();
        answer.put("page_count", (all.size() + size - 1) / size);
        answer.put("page_size", size);
        answer.put("total_records", all.size());
        answer.put("next_page_token", to < all.size() ? token(webinarId, to) : "");
        answer.put(name, from >= all.size() ? List.of() : all.subList(from, to));
        return answer;
    }

    private String token(String webinarId, int offset) {
        var raw = webinarId + ":" + offset + ":" + clock.millis();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private int offset(String webinarId, String token) {
        try {
            var parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":");
            if (parts.length == 3 && parts[0].equals(webinarId)
                    && clock.millis() - Long.parseLong(parts[2]) <= PAGE_TOKEN_MILLIS) {
                return Integer.parseInt(parts[1]);
            }
        } catch (IllegalArgumentException e) {
            // not one of ours: refused below
        }
        throw new ZoomException(400, 300, "The next page token is invalid or expired.");
    }

    private static ZoomException validation(String field, String message) {
        return new ZoomException(400, 300, "Validation Failed. " + field + ": " + message);
    }
}
