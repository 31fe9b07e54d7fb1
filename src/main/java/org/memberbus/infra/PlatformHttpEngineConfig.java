package org.memberbus.infra;

import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpEngine;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Camel's HTTP routes (the REST API, the webhooks) run on the servlet container's request thread.
 * camel-platform-http-starter hands each request to an executor of its own choosing (Spring's
 * application task executor: 8 threads, an unbounded queue) and the request thread waits for it;
 * for an answer computed from memory in microseconds, such as the community's permission checks,
 * that hand-over and the queue behind those 8 threads were most of the time spent, and the tail
 * under load. Running in place ({@code Runnable::run}) is the servlet model Tomcat is sized for
 * (its own 200 request threads); the consumer still answers through Spring MVC's async dispatch.
 */
@Configuration(proxyBeanMethods = false)
class PlatformHttpEngineConfig {

    /** Named as the starter names its own, which then steps aside (it is conditional on no engine). */
    @Bean("platform-http-engine")
    PlatformHttpEngine platformHttpEngine(Environment env) {
        return new SpringBootPlatformHttpEngine(Integer.parseInt(env.getProperty("server.port", "8080")), Runnable::run);
    }
}
