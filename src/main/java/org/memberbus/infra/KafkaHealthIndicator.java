package org.memberbus.infra;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/** Kafka's part of {@code /actuator/health}: the cluster answers and has a controller. */
@Component("kafka")
class KafkaHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

    private final Map<String, Object> config;
    private volatile Admin admin;

    KafkaHealthIndicator(KafkaClients clients) {
        super("Kafka health check failed");
        var config = new HashMap<>(clients.clientConfig()); // the same brokers and security as the routes
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        this.config = config;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        if (admin == null) {
            synchronized (this) {
                if (admin == null) {
                    admin = Admin.create(config); // first probe, not at start-up: the broker may start after us
                }
            }
        }
        var cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(3000));
        builder.up()
                .withDetail("clusterId", cluster.clusterId().get(3, TimeUnit.SECONDS))
                .withDetail("nodes", cluster.nodes().get(3, TimeUnit.SECONDS).size());
    }

    @Override
    public void destroy() {
        if (admin != null) {
            admin.close();
        }
    }
}
