package org.memberbus.health;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.salesforce.api.dto.RestError;
import org.apache.camel.support.DefaultMessage;
import org.apache.camel.component.salesforce.api.dto.SaveSObjectResult;
import org.memberbus.crm.dto.Contact;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What the routes send after a re-score, handed out in claims so that several senders (the live
 * path, the daily job, the periodic sweep, other instances) never send one thing twice at once and
 * a sender that died leaves it to the next: the outbox entries (facts and commands), and the
 * current scores the CRM contacts do not hold yet, as Contact DTOs for one sObject Collections
 * call of up to 200.
 */
@Component("healthDelivery")
public class HealthDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(HealthDelivery.class);
    /** How long a claim holds: a sender that has not finished by then is taken for dead. */
    private static final int CLAIM_SECONDS = 120;
    private static final int OUTBOX_BATCH = 500;

    private final HealthRepository repository;
    private final HealthFlowSettings settings;
    /** Jobs delivering on this instance: the periodic sweep leaves their batches to them meanwhile. */
    private final java.util.concurrent.atomic.AtomicInteger jobs = new java.util.concurrent.atomic.AtomicInteger();

    public HealthDelivery(HealthRepository repository, HealthFlowSettings settings) {
        this.repository = repository;
        this.settings = settings;
    }

    /**
     * Claims unsent outbox entries: one member's (the live path, right after its re-score), or
     * everyone's ({@code memberId} null) that waited at least {@code olderThanSeconds}.
     */
    public List<HealthRepository.OutboxEntry> claimOutbox(String memberId, Integer olderThanSeconds) {
        return repository.claimOutbox(memberId, OUTBOX_BATCH, CLAIM_SECONDS, olderThanSeconds == null ? 0 : olderThanSeconds);
    }

    /**
     * The Kafka facts of one kind in a claimed batch ({@code health-changed}, {@code renewal-risk}), as
     * messages keyed by member with the idempotency key as header eventId: one Kafka send of the
     * whole list (the Kafka component sends an iterable body record by record, batched).
     */
    public List<Message> kafkaFacts(Exchange exchange, List<HealthRepository.OutboxEntry> batch, String kind) {
        List<Message> facts = new ArrayList<>();
        for (HealthRepository.OutboxEntry e : batch) {
            if (e.kind().equals(kind)) {
                Message m = new DefaultMessage(exchange.getContext());
                m.setHeader(KafkaConstants.KEY, e.memberId());
                m.setHeader("eventId", e.key());
                m.setBody(e.payload());
                facts.add(m);
            }
        }
        return facts;
    }

    /** The commands (campaigns, CRM tasks) in a claimed batch, sent one by one to their queues. */
    public List<HealthRepository.OutboxEntry> commands(List<HealthRepository.OutboxEntry> batch) {
        return batch.stream().filter(e -> e.kind().equals(HealthMessages.CAMPAIGN) || e.kind().equals(HealthMessages.TASK))
                .toList();
    }

    /**
     * The batch went out: marked sent. A crash before this line leaves the batch claimed but unsent,
     * and the next sender sends it again once the claim runs out; that resend is harmless because
     * every entry's key travels with it to a partner that honours it: the CRM Task is upserted by
     * {@code Bus_Key__c}, the campaign's {@code requestId} is checked by the marketing sink
     * ({@code partner_effect}), and facts carry it as {@code eventId} for their idempotent consumers.
     */
    public void sent(Tally tally, List<HealthRepository.OutboxEntry> batch) {
        repository.outboxSent(batch.stream().map(HealthRepository.OutboxEntry::id).toList());
        batch.forEach(e -> tally.sent());
    }

    public Tally tally() {
        return new Tally();
    }

    /** Claims the next batch of scores to write to the CRM (at most 200, the sObject Collections limit). */
    public List<HealthRepository.CrmPending> claimCrmWrites() {
        return repository.claimCrmWrites(settings.crmBatchSize(), CLAIM_SECONDS, settings.crmMaxAttempts());
    }

    /** The claimed scores as Contact DTOs holding only the Id and the four health fields. */
    public List<Contact> contacts(List<HealthRepository.CrmPending> claimed) {
        List<Contact> contacts = new ArrayList<>(claimed.size());
        for (HealthRepository.CrmPending p : claimed) {
            Contact c = new Contact();
            c.setId(p.memberId());
            c.setHealth_Score__c((double) p.score());
            c.setHealth_Band__c(HealthMessages.crmBand(p.band()));
            c.setHealth_Trend__c(HealthMessages.crmTrend(p.trend()));
            c.setHealth_Scored_At__c(p.scoredAt().atZone(ZoneOffset.UTC));
            contacts.add(c);
        }
        return contacts;
    }

    /**
     * Records the outcome of one sObject Collections call, record by record (results come in the
     * order sent): written, or refused with the CRM's reason (tried again at a later flush until
     * the attempts run out). Answers how many were written.
     */
    public int crmWritten(Tally tally, List<HealthRepository.CrmPending> claimed, List<?> results) {
        List<HealthRepository.CrmPending> written = new ArrayList<>();
        for (int i = 0; i < claimed.size(); i++) {
            Object r = results != null && i < results.size() ? results.get(i) : null;
            if (r instanceof SaveSObjectResult s && Boolean.TRUE.equals(s.getSuccess())) {
                written.add(claimed.get(i));
            } else {
                String error = r instanceof SaveSObjectResult s && s.getErrors() != null && !s.getErrors().isEmpty()
                        ? describe(s.getErrors().get(0)) : "no result for this record";
                LOG.warn("CRM refused the health of {}: {}", claimed.get(i).memberId(), error);
                repository.crmFailed(claimed.get(i).memberId(), error);
            }
        }
        repository.crmWritten(written);
        tally.call(written.size());
        return written.size();
    }

    /** The whole call failed (CRM unreachable, limits): the claims are given back for the next flush. */
    public void crmCallFailed(Tally tally, List<HealthRepository.CrmPending> claimed, String error) {
        tally.call(0);
        LOG.warn("Health write of {} contacts to the CRM failed, retried at the next flush: {}", claimed.size(), error);
        repository.crmUnclaim(claimed.stream().map(HealthRepository.CrmPending::memberId).toList());
    }

    public void jobStarted() {
        jobs.incrementAndGet();
    }

    public void jobFinished() {
        jobs.decrementAndGet();
    }

    /** Whether the periodic sweep may run now: not while a job of this instance delivers its own batches. */
    public boolean sweepAllowed() {
        return jobs.get() == 0;
    }

    /** Every current score is written to the CRM again at the next flush (after a CRM sandbox refresh, say). */
    public Map<String, Object> republishToCrm() {
        return Map.of("pending", repository.markAllCrmPending());
    }

    private static String describe(RestError e) {
        return e.getErrorCode() + ": " + e.getMessage();
    }
}
