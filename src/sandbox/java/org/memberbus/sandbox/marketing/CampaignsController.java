package org.memberbus.sandbox.marketing;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Triggered campaigns: {@code POST /rest/v1/campaigns/{name}/trigger} with
 * {@code {"input": [{"crmContactId", "email", "tokens": {...}}], "tokens": {...}, "requestId": "..."}}
 * (request-level tokens apply to every input; an input's own win). {@code GET
 * /rest/v1/campaigns/triggered} lists every run, for tests and demos to see what members were sent.
 */
@RestController
class CampaignsController {

    static final int MAX_BATCH = 100;

    record TriggerRequest(List<CampaignTriggers.Input> input, Map<String, Object> tokens, String requestId) {}

    private final CampaignTriggers triggers;

    CampaignsController(CampaignTriggers triggers) {
        this.triggers = triggers;
    }

    @GetMapping("/rest/v1/campaigns")
    MarketoResponse campaigns() {
        return MarketoResponse.ok(Campaigns.ALL);
    }

    @PostMapping({"/rest/v1/campaigns/{name}/trigger", "/rest/v1/campaigns/{name}/trigger.json"})
    MarketoResponse trigger(@PathVariable String name, @RequestBody TriggerRequest request) {
        if (Campaigns.named(name).isEmpty()) {
            throw new MarketoException(404, "1013", "Campaign '" + name + "' not found; known campaigns: "
                    + String.join(", ", Campaigns.names()));
        }
        if (request.input() == null || request.input().isEmpty()) {
            throw new MarketoException(400, "1003", "input is required: [{\"crmContactId\": ..., \"email\": ...}]");
        }
        if (request.input().size() > MAX_BATCH) {
            throw new MarketoException(400, "1003", "At most " + MAX_BATCH + " inputs per trigger");
        }
        var inputs = request.input().stream().map(input -> withSharedTokens(input, request.tokens())).toList();
        return MarketoResponse.ok(triggers.trigger(name, inputs, blankToNull(request.requestId())));
    }

    @GetMapping("/rest/v1/campaigns/triggered")
    MarketoResponse triggered(@RequestParam(required = false) String crmContactId,
                              @RequestParam(required = false) String campaign,
                              @RequestParam(required = false) Instant since) {
        return MarketoResponse.ok(triggers.list(crmContactId, campaign, since));
    }

    private static CampaignTriggers.Input withSharedTokens(CampaignTriggers.Input input, Map<String, Object> shared) {
        if (input == null || shared == null || shared.isEmpty()) {
            return input;
        }
        var tokens = new java.util.LinkedHashMap<>(shared);
        if (input.tokens() != null) {
            tokens.putAll(input.tokens());
        }
        return new CampaignTriggers.Input(input.crmContactId(), input.email(), tokens);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
