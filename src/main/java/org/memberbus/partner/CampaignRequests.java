package org.memberbus.partner;

import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Turns the bus's campaign command into the marketing system's trigger request (Marketo's
 * campaign trigger shape). The request id goes along for the partner's log only: Marketo does not
 * de-duplicate by it, the bus does ({@link PartnerEffects}).
 */
@Component("campaignRequests")
public class CampaignRequests {

    public Map<String, Object> trigger(Map<String, Object> command, String requestId) {
        var input = new java.util.LinkedHashMap<String, Object>();
        input.put("crmContactId", command.get("crmContactId"));
        if (command.get("email") != null) {
            input.put("email", command.get("email"));
        }
        input.put("tokens", command.getOrDefault("tokens", Map.of()));
        return Map.of("input", List.of(input), "requestId", requestId);
    }
}
