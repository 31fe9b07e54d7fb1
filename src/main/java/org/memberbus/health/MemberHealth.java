package org.memberbus.health;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.memberbus.member.MembershipLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Member health as the routes call it: holds the model from health-model.yaml and offers the pure
 * functions built on it (score, triggers, expansion readiness, renewal risk). The model is read at
 * start-up, which fails on an invalid one, and again on {@link #reload()}, which refuses an invalid
 * one and keeps the model in force. Each call uses one model throughout; results carry its version.
 *
 * <p>The file is {@code memberbus.health.model-path} (default {@code config/health-model.yaml});
 * when that default file is absent (the jar run from another folder) the copy packed in the jar
 * under {@code config/} is used. A path set explicitly must exist.
 */
@Component
public class MemberHealth {

    static final String DEFAULT_PATH = "config/health-model.yaml";
    private static final Logger LOG = LoggerFactory.getLogger(MemberHealth.class);

    /** What a reload did: APPLIED a new model, REFUSED it (errors say why), or found it UNCHANGED. */
    public record ReloadOutcome(Status status, String version, String source, List<String> errors) {
        public enum Status { APPLIED, REFUSED, UNCHANGED }
    }

    private record Source(String name, String text) {}

    private final String path;
    private volatile HealthEngine engine;
    private String lastText; // guarded by this

    public MemberHealth(@Value("${memberbus.health.model-path:" + DEFAULT_PATH + "}") String path) {
        this.path = path;
        Source source = read();
        HealthModelLoader.Loaded loaded = HealthModelLoader.parse(source.text());
        if (!loaded.valid()) {
            throw new IllegalStateException("Invalid health model " + source.name() + ": " + String.join("; ", loaded.errors()));
        }
        engine = HealthEngine.of(loaded.model());
        lastText = source.text();
        LOG.info("Health model {} loaded from {}", version(), source.name());
    }

    /**
     * Scores one member: {@code scoreWindowAgo} is the member's score of {@link #trendWindowDays()}
     * days before the snapshot, or null when there is none.
     */
    public HealthResult score(SignalSnapshot snapshot, Integer scoreWindowAgo) {
        return engine.scorer().score(snapshot, scoreWindowAgo);
    }

    /**
     * The triggers the change from {@code previous} (the member's last result, null for a first
     * score) to {@code current} fires; empty when nothing changed that matters.
     */
    public List<Trigger> triggers(HealthResult previous, HealthResult current, LocalDate renewalDate, MembershipLevel level) {
        return engine.triggers().decide(previous, current, renewalDate, level);
    }

    public ExpansionReadiness expansionReadiness(HealthResult health, MembershipLevel level) {
        return engine.expansion().assess(health, level);
    }

    public RenewalRisk renewalRisk(HealthResult health, LocalDate renewalDate, int priorRenewals, int priorLapses) {
        return engine.renewal().assess(health, renewalDate, priorRenewals, priorLapses);
    }

    /** The version of the model in force. */
    public String version() {
        return engine.model().version();
    }

    /** The campaign a rule of the model starts (retention, expansion), or null when the rule is switched off. */
    public String campaign(Trigger.Rule rule) {
        HealthModel.Triggers t = engine.model().triggers();
        if (t == null) {
            return null;
        }
        return switch (rule) {
            case RETENTION -> t.retention() == null ? null : t.retention().campaign();
            case EXPANSION -> t.expansion() == null ? null : t.expansion().campaign();
            case RENEWAL_RISK_CHANGE -> null;
        };
    }

    /** How many days back the trend looks: the flow fetches the member's score of that day. */
    public int trendWindowDays() {
        return engine.scorer().windowDays();
    }

    /** Reads the file again and applies it if valid; an invalid file leaves the model in force. */
    public synchronized ReloadOutcome reload() {
        Source source;
        try {
            source = read();
        } catch (IllegalStateException | UncheckedIOException e) {
            LOG.warn("Health model not reloaded, {} stays in force: {}", version(), e.getMessage());
            return new ReloadOutcome(ReloadOutcome.Status.REFUSED, version(), path, List.of(e.getMessage()));
        }
        lastText = source.text();
        HealthModelLoader.Loaded loaded = HealthModelLoader.parse(source.text());
        if (!loaded.valid()) {
            LOG.warn("Health model in {} refused, {} stays in force: {}", source.name(), version(), String.join("; ", loaded.errors()));
            return new ReloadOutcome(ReloadOutcome.Status.REFUSED, version(), source.name(), loaded.errors());
        }
        String before = version();
        engine = HealthEngine.of(loaded.model());
        LOG.info("Health model {} loaded from {} (was {})", version(), source.name(), before);
        return new ReloadOutcome(ReloadOutcome.Status.APPLIED, version(), source.name(), List.of());
    }

    /** {@link #reload()} only when the file's text differs from the last one read: for a polling route. */
    public synchronized ReloadOutcome reloadIfChanged() {
        try {
            Source source = read();
            if (source.text().equals(lastText)) {
                return new ReloadOutcome(ReloadOutcome.Status.UNCHANGED, version(), source.name(), List.of());
            }
        } catch (IllegalStateException | UncheckedIOException e) {
            // reload() reports it
        }
        return reload();
    }

    private Source read() {
        Path file = Path.of(path);
        if (Files.isRegularFile(file)) {
            try {
                return new Source(file.toAbsolutePath().toString(), Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file.toAbsolutePath() + ": " + e.getMessage(), e);
            }
        }
        if (!DEFAULT_PATH.equals(path)) {
            throw new IllegalStateException("health model file " + file.toAbsolutePath() + " does not exist");
        }
        try (InputStream in = MemberHealth.class.getClassLoader().getResourceAsStream(DEFAULT_PATH)) {
            if (in == null) {
                throw new IllegalStateException("health model not found: no file " + file.toAbsolutePath() + " and no classpath:" + DEFAULT_PATH);
            }
            return new Source("classpath:" + DEFAULT_PATH, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classpath:" + DEFAULT_PATH + ": " + e.getMessage(), e);
        }
    }
}
