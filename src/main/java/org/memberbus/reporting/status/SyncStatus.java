package org.memberbus.reporting.status;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.jms.ConnectionFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.memberbus.sync.SyncEngine;
import org.quartz.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The sync status at a glance ({@code GET /ops/status}, {@code GET /api/v1/status}): one snapshot
 * of the figures, taken at most every {@code memberbus.status.refresh}, that both the page and the
 * {@code memberbus.status.*} gauges read. So a page and a Prometheus scrape of the same snapshot
 * (same {@code asOf}, gauge {@code memberbus_status_as_of_seconds}) show the same numbers, and a
 * page viewed often costs one set of queries per refresh, not one per view.
 */
@Component("syncStatus")
public class SyncStatus {

    private static final Logger LOG = LoggerFactory.getLogger(SyncStatus.class);

    private final StatusQueries queries;
    private final ObjectProvider<ConnectionFactory> connectionFactory;
    private final ObjectProvider<Scheduler> scheduler;
    private final SalesforceAllowance allowance;
    private final SyncEngine sync;
    private final MeterRegistry meters;
    private final List<String> queues;
    private final String managementAddress;
    private final String deadLetterPrefix;
    private final Duration refresh;

    private final Map<Key, Double> gaugeValues = new ConcurrentHashMap<>();
    private volatile Snapshot snapshot;

    record Key(String name, Tags tags) {}

    /** One reading: the answer as the API gives it, and the same figures as gauge values. */
    record Snapshot(Instant asOf, Map<String, Object> view, Map<Key, Double> figures) {}

    SyncStatus(DataSource dataSource, ObjectProvider<ConnectionFactory> connectionFactory, ObjectProvider<Scheduler> scheduler,
               SalesforceAllowance allowance, SyncEngine sync, MeterRegistry meters, Environment environment,
               @Value("${memberbus.artemis.management-address:activemq.management}") String managementAddress,
               @Value("${memberbus.artemis.address-settings.dead-letter-queue-prefix:DLQ.}") String deadLetterPrefix,
               @Value("${memberbus.status.refresh:10s}") Duration refresh) {
        this.queries = new StatusQueries(dataSource);
        this.connectionFactory = connectionFactory;
        this.scheduler = scheduler;
        this.allowance = allowance;
        this.sync = sync;
        this.meters = meters;
        this.queues = List.copyOf(new TreeSet<>(Binder.get(environment)
                .bind("memberbus.queues", Bindable.mapOf(String.class, String.class)).orElse(Map.of()).values()));
        this.managementAddress = managementAddress;
        this.deadLetterPrefix = deadLetterPrefix;
        this.refresh = refresh;
        Gauge.builder("memberbus.status.as.of.seconds", this, s -> s.snapshot().asOf().toEpochMilli() / 1000.0)
                .description("When the status figures were read (epoch seconds): the page shows the same time")
                .register(meters);
    }

    /** The figures as {@code GET /api/v1/status} answers them. */
    public Map<String, Object> current() {
        return snapshot().view();
    }

    /** The status page. */
    public String page() {
        return StatusPage.render(snapshot());
    }

    /** A gauge's value: from the snapshot in force (read afresh when it is older than the refresh period). */
    private double figure(Key key) {
        snapshot();
        return gaugeValues.getOrDefault(key, 0.0);
    }

    Snapshot snapshot() {
        var s = snapshot;
        if (s == null || s.asOf().plus(refresh).isBefore(Instant.now())) {
            s = read();
        }
        return s;
    }

    private synchronized Snapshot read() {
        var s = snapshot;
        if (s != null && !s.asOf().plus(refresh).isBefore(Instant.now())) {
            return s; // another caller read it meanwhile
        }
        s = take();
        gaugeValues.keySet().forEach(key -> gaugeValues.put(key, 0.0)); // a kind gone since reads 0
        gaugeValues.putAll(s.figures());
        for (var key : s.figures().keySet()) {
            if (meters.find(key.name()).tags(key.tags()).gauge() == null) {
                Gauge.builder(key.name(), this, status -> status.figure(key)).tags(key.tags()).strongReference(true).register(meters);
            }
        }
        snapshot = s;
        return s;
    }

    private Snapshot take() {
        var asOf = Instant.now();
        var view = new LinkedHashMap<String, Object>();
        var figures = new LinkedHashMap<Key, Double>();
        view.put("asOf", asOf.toString());

        view.put("changes", section(() -> {
            var rows = new ArrayList<Map<String, Object>>();
            for (var c : queries.changes()) {
                var to = String.join("+", sync.systems().stream().filter(s -> !s.equals(c.from())).toList());
                rows.add(row("object", c.object(), "from", c.from(), "to", to, "lastHour", c.lastHour(), "lastDay", c.lastDay()));
                var tags = Tags.of("object", c.object(), "from", c.from(), "to", to);
                figures.put(new Key("memberbus.status.changes", tags.and("window", "1h")), (double) c.lastHour());
                figures.put(new Key("memberbus.status.changes", tags.and("window", "1d")), (double) c.lastDay());
            }
            return rows;
        }));

        view.put("eventsProcessed", section(() -> {
            var rows = new ArrayList<Map<String, Object>>();
            for (var p : queries.processed()) {
                rows.add(row("flow", p.flow(), "lastHour", p.lastHour(), "lastDay", p.lastDay()));
                figures.put(new Key("memberbus.status.events.processed", Tags.of("flow", p.flow(), "window", "1h")), (double) p.lastHour());
                figures.put(new Key("memberbus.status.events.processed", Tags.of("flow", p.flow(), "window", "1d")), (double) p.lastDay());
            }
            return rows;
        }));

        var errors = new ArrayList<Map<String, Object>>();
        var broker = section(() -> new BrokerQueues(connectionFactory.getObject(), managementAddress, deadLetterPrefix).read(queues));
        var deadLetters = new LinkedHashMap<String, Object>();
        var backlog = new LinkedHashMap<String, Object>();
        addErrors(errors, figures, section(queries::deadLetterErrors));
        if (broker instanceof BrokerQueues.Reading reading) {
            long total = 0;
            Long oldest = null;
            var perQueue = new ArrayList<Map<String, Object>>();
            for (var q : reading.queues()) {
                total += q.messages();
                Long ageSeconds = q.oldestAgeMillis() == null ? null : q.oldestAgeMillis() / 1000;
                if (ageSeconds != null && (oldest == null || ageSeconds > oldest)) {
                    oldest = ageSeconds;
                }
                perQueue.add(row("queue", q.queue(), "messages", q.messages(), "oldestAgeSeconds", ageSeconds));
                figures.put(new Key("memberbus.status.backlog.messages", Tags.of("queue", q.queue())), (double) q.messages());
            }
            backlog.put("messages", total);
            backlog.put("oldestAgeSeconds", oldest);
            backlog.put("queues", perQueue);
            figures.put(new Key("memberbus.status.backlog.oldest.seconds", Tags.empty()), oldest == null ? 0.0 : oldest);
            for (var d : reading.deadLetterQueues()) {
                deadLetters.put(d.queue(), d.messages());
                figures.put(new Key("memberbus.status.dead.letters", Tags.of("store", d.queue())), (double) d.messages());
                d.byAnswer().forEach((answer, count) -> {
                    errors.add(row("kind", answer, "source", d.queue(), "count", count, "records", d.members()));
                    figures.put(new Key("memberbus.status.errors", Tags.of("kind", answer, "source", d.queue())), (double) count);
                });
            }
        } else {
            backlog.put("unavailable", broker);
        }
        var open = section(queries::openDeadLetters);
        deadLetters.put("bus", open);
        if (open instanceof Long n) {
            figures.put(new Key("memberbus.status.dead.letters", Tags.of("store", "bus")), (double) n);
        }
        addErrors(errors, figures, section(queries::refusedCalls));
        addErrors(errors, figures, section(queries::syncConflicts));
        addErrors(errors, figures, section(queries::dataQuality));
        view.put("errors", errors);
        view.put("backlog", backlog);
        view.put("deadLetters", deadLetters);

        view.put("quarantine", section(() -> {
            var rows = new LinkedHashMap<String, Object>();
            for (var q : queries.quarantineBySource()) {
                rows.put(q.flow(), q.lastDay());
                figures.put(new Key("memberbus.status.quarantine", Tags.of("source", q.flow())), (double) q.lastDay());
            }
            return rows;
        }));

        var reading = allowance.last();
        var salesforce = new LinkedHashMap<String, Object>();
        if (reading == null) {
            salesforce.put("unavailable", "Salesforce's /limits not read yet");
        } else {
            salesforce.put("used", reading.used());
            salesforce.put("max", reading.max());
            salesforce.put("remaining", reading.remaining());
            salesforce.put("usedPercent", reading.max() == 0 ? null : Math.round(1000.0 * reading.used() / reading.max()) / 10.0);
            salesforce.put("readAt", reading.readAt().toString());
            figures.put(new Key("memberbus.status.salesforce.api.requests", Tags.of("kind", "used")), (double) reading.used());
            figures.put(new Key("memberbus.status.salesforce.api.requests", Tags.of("kind", "max")), (double) reading.max());
        }
        view.put("salesforceApi", salesforce);

        view.put("jobs", section(() -> {
            var rows = new ArrayList<Map<String, Object>>();
            for (var job : new JobSchedule(scheduler.getObject()).jobs()) {
                rows.add(row("job", job.name(), "lastRun", text(job.lastRun()), "nextRun", text(job.nextRun()), "state", job.state()));
                if (job.lastRun() != null) {
                    figures.put(new Key("memberbus.status.job.last.run.seconds", Tags.of("job", job.name())),
                            (double) job.lastRun().getEpochSecond());
                }
                if (job.nextRun() != null) {
                    figures.put(new Key("memberbus.status.job.next.run.seconds", Tags.of("job", job.name())),
                            (double) job.nextRun().getEpochSecond());
                }
            }
            return rows;
        }));
        return new Snapshot(asOf, view, figures);
    }

    @SuppressWarnings("unchecked")
    private static void addErrors(List<Map<String, Object>> errors, Map<Key, Double> figures, Object kinds) {
        if (!(kinds instanceof List<?> list)) {
            errors.add(row("kind", "unavailable", "source", String.valueOf(kinds), "count", null, "records", List.of()));
            return;
        }
        for (var k : (List<StatusQueries.ErrorKind>) list) {
            errors.add(row("kind", k.kind(), "source", k.source(), "count", k.count(), "records", k.records()));
            figures.put(new Key("memberbus.status.errors", Tags.of("kind", k.kind(), "source", k.source())), (double) k.count());
        }
    }

    /** A part of the page that could not be read says why, and the rest of the page still shows. */
    private static Object section(Reader<?> reader) {
        try {
            return reader.read();
        } catch (Exception e) {
            LOG.warn("Status page: a figure could not be read: {}", e.toString());
            return "unavailable: " + e.getClass().getSimpleName();
        }
    }

    @FunctionalInterface
    interface Reader<T> {
        T read() throws Exception;
    }

    private static Map<String, Object> row(Object... pairs) {
        var row = new LinkedHashMap<String, Object>();
        for (int i = 0; i < pairs.length; i += 2) {
            row.put((String) pairs[i], pairs[i + 1]);
        }
        return row;
    }

    private static String text(Instant time) {
        return time == null ? null : time.toString();
    }
}
