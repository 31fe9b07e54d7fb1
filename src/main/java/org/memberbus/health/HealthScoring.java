package org.memberbus.health;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Re-scores members from their stored signals and records what changed, in one transaction per
 * batch of members holding their rows' locks: the new current result, a history row when the
 * score, band or trend moved (and the CRM write that is then due), and in the outbox the
 * health.changed fact and whatever the model's triggers decide from the previous result and the
 * new one. A re-score that changes nothing records nothing new and fires nothing, so a fact
 * delivered twice, or the daily job run twice, fires each trigger once.
 *
 * <p>Writes the bus's own tables only; the routes send what the outbox holds.
 */
@Component("healthScoring")
public class HealthScoring {

    private static final Logger LOG = LoggerFactory.getLogger(HealthScoring.class);
    /** Members re-scored per transaction by the daily job. */
    static final int CHUNK = 500;

    /** What re-scoring one member did. */
    public record Outcome(String memberId, Integer score, String band, boolean changed, List<String> triggers,
                          int outboxAdded) {
        static Outcome unknown(String memberId) {
            return new Outcome(memberId, null, null, false, List.of(), 0);
        }
    }

    private record ChunkResult(int scored, int changed, Map<String, Integer> triggers, int outboxAdded,
                               long scoringNanos, List<Outcome> outcomes) {}

    private final MemberHealth health;
    private final HealthRepository repository;
    private final HealthFlowSettings settings;
    private final HealthMessages messages;

    public HealthScoring(MemberHealth health, HealthRepository repository, HealthFlowSettings settings, ObjectMapper json) {
        this.health = health;
        this.repository = repository;
        this.settings = settings;
        this.messages = new HealthMessages(json);
    }

    /** Re-scores one member now (a signal changed); triggers fire. */
    public Outcome rescore(String memberId, String cause) {
        if (memberId == null || !repository.known(memberId)) {
            return Outcome.unknown(memberId);
        }
        ChunkResult r = repository.transaction.execute(tx -> chunk(List.of(memberId), settings.today(), Instant.now(),
                cause, false, true));
        return r.outcomes().isEmpty() ? Outcome.unknown(memberId) : r.outcomes().get(0);
    }

    /**
     * Re-scores every member, in batches: the daily job (time-based signals decay), and the
     * backfill's baseline (no triggers: {@code fireTriggers} false). With {@code force} every
     * member counts as changed: the CRM and Kafka are told again (a re-publication).
     */
    public Map<String, Object> rescoreAll(Boolean forced, Boolean triggersOn, String cause) {
        boolean force = Boolean.TRUE.equals(forced);
        boolean fireTriggers = !Boolean.FALSE.equals(triggersOn);
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        LocalDate asOf = settings.today();
        List<String> ids = repository.allMemberIds();
        int scored = 0;
        int changed = 0;
        int outbox = 0;
        long scoringNanos = 0;
        Map<String, Integer> triggers = new TreeMap<>();
        for (List<String> chunk : HealthRepository.chunks(ids, CHUNK)) {
            Instant now = Instant.now();
            ChunkResult r = repository.transaction.execute(tx -> chunk(chunk, asOf, now, cause, force, fireTriggers));
            scored += r.scored();
            changed += r.changed();
            outbox += r.outboxAdded();
            scoringNanos += r.scoringNanos();
            r.triggers().forEach((k, v) -> triggers.merge(k, v, Integer::sum));
        }
        long processorNanos = System.nanoTime() - t0;
        var report = new LinkedHashMap<String, Object>();
        report.put("job", cause);
        report.put("startedAt", started.toString());
        report.put("asOf", asOf.toString());
        report.put("modelVersion", health.version());
        report.put("members", ids.size());
        report.put("scored", scored);
        report.put("changed", changed);
        report.put("forced", force);
        report.put("triggers", triggers);
        report.put("outboxAdded", outbox);
        report.put("scoringMillis", scoringNanos / 1_000_000);
        report.put("processorMillis", processorNanos / 1_000_000);
        report.put("scoredPerSecondScoring", perSecond(scored, scoringNanos));
        report.put("scoredPerSecondProcessor", perSecond(scored, processorNanos));
        return report;
    }

    /**
     * Completes a job's report with what the route did after scoring (CRM calls, outbox sent),
     * logs it and keeps it in health_job_run.
     */
    public Map<String, Object> finishJob(Map<String, Object> report, Tally crm, Tally outbox) {
        return finishJob(report, crm, outbox, null);
    }

    /** {@link #finishJob(Map, Tally, Tally)} with the backfill's seeding counts. */
    public Map<String, Object> finishJob(Map<String, Object> report, Tally crm, Tally outbox, Map<String, Object> seed) {
        if (seed != null) {
            report.put("seed", seed);
        }
        Integer crmCalls = crm == null ? 0 : crm.getCalls();
        Integer crmRecords = crm == null ? 0 : crm.getRecords();
        Integer outboxSent = outbox == null ? 0 : outbox.getSent();
        Instant started = Instant.parse((String) report.get("startedAt"));
        long millis = java.time.Duration.between(started, Instant.now()).toMillis();
        report.put("crmCalls", crmCalls == null ? 0 : crmCalls);
        report.put("crmRecordsWritten", crmRecords == null ? 0 : crmRecords);
        report.put("outboxSent", outboxSent == null ? 0 : outboxSent);
        report.put("outboxMillis", outbox == null ? 0 : outbox.getMillis());
        report.put("crmMillis", crm == null ? 0 : crm.getMillis());
        report.put("totalMillis", millis);
        report.put("scoredPerSecondEndToEnd", perSecond((Integer) report.get("scored"), millis * 1_000_000));
        report.put("finishedAt", Instant.now().toString());
        repository.addJobRun((String) report.get("job"), started, messages.write(report));
        LOG.info("Health job {}: {} members scored, {} changed, triggers {}, {} CRM calls for {} records, {} messages sent, {} ms (scoring {} ms, processor {} ms, sending {} ms, CRM {} ms)",
                report.get("job"), report.get("scored"), report.get("changed"), report.get("triggers"), report.get("crmCalls"),
                report.get("crmRecordsWritten"), report.get("outboxSent"), millis, report.get("scoringMillis"), report.get("processorMillis"),
                report.get("outboxMillis"), report.get("crmMillis"));
        return report;
    }

    /** The daily job's housekeeping: sent outbox entries and facts past every window are removed. */
    public int prune() {
        int removed = repository.prune(settings.keepSentDays());
        if (removed > 0) {
            LOG.info("Health: {} sent messages and old facts removed", removed);
        }
        return removed;
    }

    private static double perSecond(int count, long nanos) {
        return nanos <= 0 ? 0 : Math.round(count * 1e9 / nanos * 10) / 10.0;
    }

    private ChunkResult chunk(List<String> ids, LocalDate asOf, Instant now, String cause, boolean force,
                              boolean fireTriggers) {
        repository.lock(ids);
        Map<String, SignalInputs> inputs = repository.inputs(ids, asOf);
        Map<String, HealthRepository.Current> current = repository.current(ids);
        Map<String, Integer> windowAgo = repository.scoresOnOrBefore(ids, asOf.minusDays(health.trendWindowDays()));

        List<HealthRepository.CurrentWrite> writes = new ArrayList<>(inputs.size());
        List<HealthRepository.HistoryRow> history = new ArrayList<>();
        List<HealthRepository.OutboxRow> outbox = new ArrayList<>();
        List<Outcome> outcomes = new ArrayList<>(inputs.size());
        Map<String, Integer> fired = new TreeMap<>();
        List<PendingCampaign> campaigns = new ArrayList<>();
        long scoringNanos = 0;
        int changedCount = 0;

        for (SignalInputs in : inputs.values()) {
            long t = System.nanoTime();
            HealthResult result = health.score(in.snapshot(asOf, settings.zone()), windowAgo.get(in.memberId()));
            scoringNanos += System.nanoTime() - t;
            HealthRepository.Current cur = current.get(in.memberId());
            HealthResult previous = cur == null ? null : messages.readResult(cur.resultJson());
            String direction = result.trend().direction().label();
            boolean changed = force || cur == null || cur.score() != result.score()
                    || !cur.band().equals(result.band().label())
                    || !HealthMessages.crmTrend(cur.trend()).equals(HealthMessages.crmTrend(direction));
            String resultJson = messages.write(result);
            writes.add(new HealthRepository.CurrentWrite(in.memberId(), result.score(), result.band().label(), direction,
                    result.trend().delta(), resultJson, result.modelVersion(), asOf, now, changed));
            List<String> names = new ArrayList<>();
            int added = 0;
            if (changed) {
                changedCount++;
                history.add(new HealthRepository.HistoryRow(in.memberId(), asOf, now, result.score(), result.band().label(),
                        direction, result.modelVersion(), messages.write(result.contributions()), cause));
                long revision = cur == null ? 1 : cur.revision() + 1;
                outbox.add(new HealthRepository.OutboxRow("health:" + in.memberId() + ":" + revision, in.memberId(),
                        HealthMessages.HEALTH_CHANGED, messages.healthChanged(result, previous, now, cause)));
                added++;
            }
            if (fireTriggers && settings.triggersFor(in.membershipStatus()) && !settings.inGrace(in.memberSince(), asOf)) {
                // a score from the new member's first days is no "before": the first one after them decides
                HealthResult before = previous != null && settings.inGrace(in.memberSince(), previous.asOf()) ? null : previous;
                List<Trigger> triggers = health.triggers(before, result, in.renewalDate(), in.level());
                if (!triggers.isEmpty()) {
                    RenewalRisk risk = triggers.stream().anyMatch(x -> x.action() == Trigger.Action.EVENT)
                            ? health.renewalRisk(result, in.renewalDate(), in.priorRenewals(), in.priorLapses()) : null;
                    List<HealthRepository.OutboxRow> rows = messages.triggers(triggers, result, before, in, risk);
                    outbox.addAll(rows);
                    added += rows.size();
                    for (Trigger x : triggers) {
                        String name = x.rule().label() + "/" + x.action().label();
                        names.add(name);
                        fired.merge(name, 1, Integer::sum);
                        if (x.action() == Trigger.Action.CAMPAIGN) {
                            campaigns.add(new PendingCampaign(x, result, in));
                        }
                    }
                }
            }
            outcomes.add(new Outcome(in.memberId(), result.score(), result.band().label(), changed, names, added));
        }
        repository.writeCurrent(writes);
        repository.addHistory(history);
        int outboxAdded = repository.addOutbox(outbox);
        for (PendingCampaign c : campaigns) {
            recordTriggeredCampaign(c);
        }
        if (ids.size() == 1 && !outcomes.isEmpty() && !outcomes.get(0).triggers().isEmpty()) {
            LOG.info("Health of {} is {} ({}): triggers {}", ids.get(0), outcomes.get(0).score(), outcomes.get(0).band(),
                    outcomes.get(0).triggers());
        }
        return new ChunkResult(inputs.size(), changedCount, fired, outboxAdded, scoringNanos, outcomes);
    }

    private record PendingCampaign(Trigger trigger, HealthResult result, SignalInputs member) {}

    /** A health-triggered campaign is recorded for attribution like one asked for through the API. */
    private void recordTriggeredCampaign(PendingCampaign c) {
        String key = HealthMessages.campaignKey(c.trigger().name(), c.member().memberId(), c.result().asOf());
        repository.addCampaignRequest(key, c.trigger().name(), "health-trigger", c.member().memberId(), null, null,
                c.trigger().reason(), 1).ifPresent(id -> repository.addAttributions(id, c.trigger().name(),
                List.of(new HealthRepository.Attribution(c.member().memberId(), key, c.result().score(),
                        c.result().band().label(), c.result().modelVersion()))));
    }
}
