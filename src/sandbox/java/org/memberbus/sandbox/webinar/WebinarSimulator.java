package org.memberbus.sandbox.webinar;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import org.memberbus.sandbox.faults.FaultsController;
import org.memberbus.sandbox.faults.SimulatorFaults;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The webinar platform simulator (Zoom's API subset, see package-info). Run it with
 * {@code SimulatorHost.start("webinar", port, env, WebinarSimulator.class)}.
 */
@Configuration(proxyBeanMethods = false)
@Import({ZoomOAuthController.class, WebinarsController.class, WebinarSandboxController.class, FaultsController.class,
        ZoomErrors.class})
public class WebinarSimulator {

    @Bean
    Clock webinarClock() {
        return Clock.systemUTC();
    }

    @Bean
    ZoomTokens zoomTokens(Clock webinarClock, @Value("${sandbox.webinar.token-ttl-seconds:3600}") long ttl) {
        return new ZoomTokens(Duration.ofSeconds(ttl), webinarClock);
    }

    @Bean(destroyMethod = "close")
    ZoomWebhooks zoomWebhooks(ObjectMapper json, Clock webinarClock,
                              @Value("${sandbox.webinar.webhook-secret:whsec_webinar_sandbox}") String secret,
                              @Value("${sandbox.webinar.webhook-max-attempts:6}") int attempts) {
        return new ZoomWebhooks(secret, attempts, json, webinarClock);
    }

    @Bean
    WebinarPlatform webinarPlatform(ZoomWebhooks webhooks, Clock webinarClock,
                                    @Value("${sandbox.webinar.account-id:memberbus-sandbox-account}") String accountId,
                                    @Value("${sandbox.webinar.port}") int port) {
        return new WebinarPlatform(accountId, "http://127.0.0.1:" + port, webhooks, webinarClock);
    }

    @Bean
    SimulatorFaults faults() {
        return new SimulatorFaults(
                () -> new ZoomException(400, 300, "latencyMs and rateLimitNext must be >= 0, errorRate between 0 and 1"),
                ZoomErrors::fault).offeringDown();
    }

    /** Faults, then the token, then Zoom's per-second limits (a Pro account: Light 30, Heavy 10). */
    @Bean
    WebMvcConfigurer webinarApiGuards(SimulatorFaults faults, ZoomTokens tokens,
            @Value("${sandbox.webinar.light-per-second:30}") int light,
            @Value("${sandbox.webinar.heavy-per-second:10}") int heavy) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(faults).addPathPatterns("/v2/**", "/oauth/**");
                registry.addInterceptor(new ZoomGuards.Bearer(tokens)).addPathPatterns("/v2/**");
                registry.addInterceptor(new ZoomGuards.QpsLimit("Heavy", heavy)).addPathPatterns("/v2/report/**");
                registry.addInterceptor(new ZoomGuards.QpsLimit("Light", light)).addPathPatterns("/v2/**")
                        .excludePathPatterns("/v2/report/**");
            }
        };
    }
}
