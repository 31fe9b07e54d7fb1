package org.memberbus.health;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Seeds the members' signal snapshots from what the bus can read of the partners, for members
 * whose history predates the bus: the CRM's contacts (membership, tenure, CE balance, owner), their
 * active certifications (CE required) and dues payments, and the community's accounts (last
 * sign-in, posts, content views, events attended). The route reads the pages; this bean collects
 * them and writes the snapshots. Members already known keep their snapshot unless forced.
 */
@Component("healthBackfill")
public class HealthBackfill {

    private static final Logger LOG = LoggerFactory.getLogger(HealthBackfill.class);

    private final HealthRepository repository;
    private final HealthSignals signals;
    private final HealthFlowSettings settings;

    public HealthBackfill(HealthRepository repository, HealthSignals signals, HealthFlowSettings settings) {
        this.repository = repository;
        this.signals = signals;
        this.settings = settings;
    }

    /** An empty list to collect a query's records into. */
    public List<JsonNode> newList() {
        return new ArrayList<>();
    }

    /** Adds a SOQL answer's records; answers its nextRecordsUrl, or null on the last page. */
    public String appendQueryPage(List<JsonNode> records, String pageJson) {
        JsonNode page = signals.read(pageJson);
        page.path("records").forEach(records::add);
        return page.path("done").asBoolean(true) ? null : HealthSignals.text(page, "nextRecordsUrl");
    }

    /** Adds a community accounts page ({@code {data, page, size, total}}); answers the next page number, or null. */
    public Integer appendAccountsPage(List<JsonNode> accounts, String pageJson) {
        JsonNode page = signals.read(pageJson);
        page.path("data").forEach(accounts::add);
        int next = page.path("page").asInt() + 1;
        return (long) next * page.path("size").asInt(1) < page.path("total").asLong() && !page.path("data").isEmpty() ? next : null;
    }

    /**
     * Writes the snapshots: every CRM contact with a membership status, with the largest CE
     * requirement of their active certifications, their dues payments (the last one counts as
     * paid on time) and their community account's counters. Answers counts for the job report.
     */
    public Map<String, Object> seed(List<JsonNode> contacts, List<JsonNode> certifications, List<JsonNode> duesPayments,
                                    List<JsonNode> accounts, Boolean forced) {
        boolean force = Boolean.TRUE.equals(forced);
        Instant started = Instant.now();
        LocalDate today = settings.today();
        Map<String, Double> ceRequired = new HashMap<>();
        for (JsonNode cert : certifications) {
            String contact = HealthSignals.text(cert, "Contact__c");
            if (contact != null && cert.hasNonNull("CE_Required__c")) {
                ceRequired.merge(contact, cert.path("CE_Required__c").asDouble(), Math::max);
            }
        }
        Map<String, List<JsonNode>> payments = new HashMap<>();
        for (JsonNode payment : duesPayments) {
            String contact = HealthSignals.text(payment, "Contact__c");
            if (contact != null) {
                payments.computeIfAbsent(contact, c -> new ArrayList<>()).add(payment);
            }
        }
        Map<String, JsonNode> accountByContact = new HashMap<>();
        for (JsonNode account : accounts) {
            String contact = HealthSignals.text(account, "crmContactId");
            if (contact != null) {
                accountByContact.put(contact, account);
            }
        }
        List<MemberRecord> members = new ArrayList<>();
        for (JsonNode contact : contacts) {
            String id = HealthSignals.text(contact, "Id");
            if (id == null || HealthSignals.text(contact, "Membership_Status__c") == null) {
                continue;   // not a member: no health
            }
            members.add(signals.memberFromCrm(contact, ceRequired.get(id), payments.containsKey(id) ? 1 : null,
                    accountByContact.get(id)));
        }
        int[] written = new int[1];
        int[] facts = new int[1];
        repository.transaction.executeWithoutResult(tx -> {
            for (List<MemberRecord> chunk : HealthRepository.chunks(members, 500)) {
                int[] counts = repository.putMembers(chunk, "backfill", force);
                List<HealthRepository.EventRow> events = new ArrayList<>();
                for (int i = 0; i < chunk.size(); i++) {
                    if (counts[i] == 0) {
                        continue;   // known already: the bus has seen its facts since
                    }
                    written[0]++;
                    String id = chunk.get(i).memberId();
                    if (force) {
                        repository.deleteEvents(id);
                    }
                    JsonNode account = accountByContact.get(id);
                    if (account != null) {
                        events.addAll(signals.activityHistory(id, account.path("engagement"), today));
                    }
                    for (JsonNode payment : payments.getOrDefault(id, List.of())) {
                        Instant paid = HealthSignals.instant(HealthSignals.text(payment, "Paid_At__c"), null);
                        if (paid != null) {
                            events.add(new HealthRepository.EventRow("crm:Payment__c:" + payment.path("Id").asText(), id,
                                    "dues_paid", paid, 1));
                        }
                    }
                }
                facts[0] += events.size();
                repository.addEvents(events);
            }
        });
        var report = new LinkedHashMap<String, Object>();
        report.put("contacts", contacts.size());
        report.put("members", members.size());
        report.put("seeded", written[0]);
        report.put("certifications", certifications.size());
        report.put("duesPayments", duesPayments.size());
        report.put("communityAccounts", accounts.size());
        report.put("facts", facts[0]);
        report.put("forced", force);
        report.put("seedMillis", java.time.Duration.between(started, Instant.now()).toMillis());
        LOG.info("Health backfill: {} of {} members seeded from {} CRM contacts and {} community accounts",
                written[0], members.size(), contacts.size(), accounts.size());
        return report;
    }
}
