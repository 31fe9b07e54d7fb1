package org.memberbus.sandbox;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
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
    EmbeddedPostgres embeddedPostgres(SandboxProperties sandbox) throws IOException {
        var dir = sandbox.dataDir().resolve("postgres").toAbsolutePath();
        Files.createDirectories(dir);
        return EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setPort(sandbox.postgres().port())
                .start();
    }

    @Bean
    DataSource dataSource(EmbeddedPostgres postgres) {
        var ds = DataSourceBuilder.create().type(HikariDataSource.class)
                .url(postgres.getJdbcUrl("postgres", "postgres"))
                .username("postgres")
                .build();
        ds.setPoolName("memberbus");
        return ds;
    }
}
