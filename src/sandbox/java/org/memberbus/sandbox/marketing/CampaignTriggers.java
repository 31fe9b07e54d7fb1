package org.memberbus.sandbox.marketing;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every campaign run the marketing system was asked for, per contact. Like Marketo, it does not
 * de-duplicate: a repeated trigger (the same {@code requestId} included) runs the campaign again and
 * mails the member again. The caller's key is only kept with the run, for the caller to look at.
 */
class CampaignTriggers {

    /** One person a trigger names, with the personalisation tokens for the emails. */
    record Input(String crmContactId, String email, Map<String, Object> tokens) {}

    record Triggered(String id, Instant time, String campaign, int contactId, String crmContactId, String email,
                     Map<String, Object> tokens, String requestId) {}

    /** One input's outcome: {@code triggered} or {@code skipped}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Outcome(Integer id, String crmContactId, String email, String status, String triggerId,
                   List<Contacts.Reason> reasons) {}

    private final Contacts contacts;
    private final Activities activities;
    private final Clock clock;
    private final List<Triggered> log = new CopyOnWriteArrayList<>();
    private final AtomicInteger sequence = new AtomicInteger();

    CampaignTriggers(Contacts contacts, Activities activities, Clock clock) {
        this.contacts = contacts;
        this.activities = activities;
        this.clock = clock;
    }

    synchronized List<Outcome> trigger(String campaign, List<Input> inputs, String requestId) {
        var outcomes = new ArrayList<Outcome>();
        for (var input : inputs) {
            outcomes.add(triggerOne(campaign, input, requestId));
        }
        return outcomes;
    }

    private Outcome triggerOne(String campaign, Input input, String requestId) {
        if (input == null || (blank(input.crmContactId()) && blank(input.email()))) {
            return new Outcome(null, null, null, "skipped", null,
                    List.of(new Contacts.Reason("1003", "crmContactId or email is required")));
        }
        var contact = blank(input.crmContactId()) ? null : contacts.byCrmContactId(input.crmContactId()).orElse(null);
        if (contact == null && !blank(input.email())) {
            contact = contacts.byEmail(input.email()).orElse(null);
        }
        if (contact == null && !blank(input.email())) {
            // a person the marketing database does not hold yet is added, as a form fill would
            var created = contacts.add(input.crmContactId(), input.email());
            if (created.id() == null) {
                return new Outcome(null, input.crmContactId(), input.email(), "skipped", null, created.reasons());
            }
            contact = contacts.byEmail(input.email()).orElseThrow();
        }
        if (contact == null) {
            return new Outcome(null, input.crmContactId(), null, "skipped", null,
                    List.of(new Contacts.Reason("1004", "Lead not found")));
        }
        int contactId = contact.get("id").asInt();
        var crmContactId = contact.hasNonNull("crmContactId") ? contact.get("crmContactId").asText() : null;
        var email = contact.hasNonNull("email") ? contact.get("email").asText() : null;
        var triggered = new Triggered("trg_" + String.format("%06d", sequence.incrementAndGet()), clock.instant(),
                campaign, contactId, crmContactId, email,
                input.tokens() == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(input.tokens())),
                requestId);
        log.add(triggered);
        activities.campaignRequested(contactId, triggered.time(), Campaigns.named(campaign).orElseThrow());
        return new Outcome(contactId, crmContactId, email, "triggered", triggered.id(), null);
    }

    List<Triggered> list(String crmContactId, String campaign, Instant since) {
        return log.stream()
                .filter(t -> crmContactId == null || crmContactId.equals(t.crmContactId()))
                .filter(t -> campaign == null || campaign.equals(t.campaign()))
                .filter(t -> since == null || !t.time().isBefore(since))
                .toList();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
