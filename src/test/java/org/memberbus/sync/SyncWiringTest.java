package org.memberbus.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** The sync beans in a bare Spring context (no database is reached): how the bus wires them at start-up. */
class SyncWiringTest {

    final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(SyncConfig.class, SyncLedger.class, SyncEngine.class)
            .withBean(DataSource.class, SimpleDriverDataSource::new);

    @Test
    void theEngineStartsWithTheDefaultRulesAndAnOptionalRegistry() {
        context.run(ctx -> {
            assertThat(ctx).hasNotFailed().hasSingleBean(SyncEngine.class).hasBean("syncEngine").hasBean("syncLedger");
            var engine = ctx.getBean(SyncEngine.class);
            assertThat(engine.toCanonical("member", "community", java.util.Map.of("membershipStatus", "ACTIVE")))
                    .containsEntry("status", "Active");
            assertThat(engine.fromCanonical("member", "community", java.util.Map.of("status", "Active")))
                    .containsEntry("membershipStatus", "ACTIVE");
        });
        context.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .run(ctx -> assertThat(ctx).hasNotFailed().hasSingleBean(SyncEngine.class));
    }

    @Test
    void wrongRulesStopStartUpWithTheirLine(@TempDir Path dir) throws Exception {
        var rules = Files.writeString(dir.resolve("sync-rules.yaml"), """
                system-of-record: crm
                systems: { crm: { versions: timestamp } }
                objects: { member: { fields: { email: { owner: crm, non-owner: overwrite, crm: Email } } } }
                """);
        context.withPropertyValues("memberbus.sync.rules-path=" + rules).run(ctx -> {
            assertThat(ctx).hasFailed();
            var cause = ctx.getStartupFailure();
            while (!(cause instanceof SyncRulesException) && cause.getCause() != null) {
                cause = cause.getCause();
            }
            assertThat(cause).isInstanceOf(SyncRulesException.class).hasMessage("Invalid sync rules in " + rules
                    + ": objects.member.fields.email: unknown non-owner action 'overwrite' (correct, propose, reject)");
        });
    }
}
