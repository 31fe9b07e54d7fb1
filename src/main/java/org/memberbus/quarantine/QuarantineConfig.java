package org.memberbus.quarantine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** The quarantine bean and its gauge {@code memberbus_quarantine_entries{source}}. */
@Configuration(proxyBeanMethods = false)
class QuarantineConfig {

    /** The inbound routes whose refusals the quarantine holds. */
    static final List<String> SOURCES = List.of("community-webhook-source", "gateway-webhook-source", "exams-webhook-source");

    @Bean
    Quarantine quarantine(NamedParameterJdbcTemplate jdbc, ObjectMapper json,
                          @Value("${memberbus.quarantine.keep:30d}") Duration keep, MeterRegistry meters) {
        var quarantine = new Quarantine(jdbc, json, Clock.systemUTC(), keep);
        var counts = new CachedCounts(quarantine);
        for (String source : SOURCES) {
            Gauge.builder("memberbus.quarantine.entries", counts, c -> c.of(source))
                    .description("Refused inbound calls kept in quarantine")
                    .tag("source", source)
                    .strongReference(true) // nothing else holds the counts: a weak one would read NaN once collected
                    .register(meters);
        }
        return quarantine;
    }

    /** One count query serves every source's gauge for a few seconds, so a scrape costs one query. */
    static final class CachedCounts {
        private static final long TTL_NANOS = Duration.ofSeconds(5).toNanos();
        private final Quarantine quarantine;
        private final AtomicReference<Map<String, Long>> counts = new AtomicReference<>(Map.of());
        private volatile long readAt = Long.MIN_VALUE;

        CachedCounts(Quarantine quarantine) {
            this.quarantine = quarantine;
        }

        double of(String source) {
            long now = System.nanoTime();
            if (readAt == Long.MIN_VALUE || now - readAt > TTL_NANOS) {
                try {
                    counts.set(quarantine.countsBySource());
                    readAt = now;
                } catch (RuntimeException e) {
                    return Double.NaN; // the database is away: no figure rather than a wrong one
                }
            }
            return counts.get().getOrDefault(source, 0L);
        }
    }
}
