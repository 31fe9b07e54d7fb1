package org.memberbus.sync;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;

/**
 * Counts decisions per rule, outcome and system ({@code memberbus.sync.decisions}), so a dashboard
 * shows conflicts and proposals as they happen. Without a registry (plain tests) it counts nothing.
 */
final class SyncMetrics {

    static final String DECISIONS = "memberbus.sync.decisions";

    private final MeterRegistry registry;

    SyncMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void count(List<Decision> decisions) {
        if (registry == null) {
            return;
        }
        for (var d : decisions) {
            Counter.builder(DECISIONS)
                    .description("Sync merge decisions, per field rule, outcome and the system whose change it was")
                    .tag("rule", d.rule())
                    .tag("decision", d.decision().code())
                    .tag("system", d.system())
                    .register(registry)
                    .increment();
        }
    }
}
