package org.memberbus.member.renewal;

import java.util.Map;

/**
 * A campaign to trigger at the marketing system for one member: the {@code marketing.trigger}
 * command body and its request id (the marketing system's idempotency key: deterministic, so a
 * repeat is a no-op there).
 */
public record CampaignCommand(String requestId, String crmContactId, Map<String, Object> body) {}
