package org.memberbus.member;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Sync lag CRM→community: from the CRM's commit of a change to the community accepting it, as
 * the timer {@code memberbus.sync.lag} (p50/p95 in Prometheus).
 */
@Component("syncLag")
public class SyncLagMeter {

    private final Timer lag;

    SyncLagMeter(MeterRegistry registry) {
        this.lag = Timer.builder("memberbus.sync.lag")
                .description("Time from a CRM commit to the community holding the change")
                .tag("from", "crm").tag("to", "community")
                .publishPercentiles(0.5, 0.95)
                .register(registry);
    }

    public void record(String commitTimestamp) {
        if (commitTimestamp != null && !commitTimestamp.isBlank()) {
            lag.record(Duration.ofMillis(Math.max(0, System.currentTimeMillis() - Long.parseLong(commitTimestamp.trim()))));
        }
    }
}
