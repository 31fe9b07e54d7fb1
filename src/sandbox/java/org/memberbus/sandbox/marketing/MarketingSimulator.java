package org.memberbus.sandbox.marketing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import org.memberbus.sandbox.demo.DemoAssociation;
import org.memberbus.sandbox.faults.FaultsController;
import org.memberbus.sandbox.faults.SimulatorFaults;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The marketing automation simulator (Marketo-like): OAuth client credentials at
 * {@code /identity/oauth/token}, contacts and triggered campaigns under {@code /rest/v1} with a
 * bearer token, Marketo's rate limit (100 calls in 20 s), and the sandbox's switches under {@code /__sandbox}.
 * Run it with {@code SimulatorHost.start("marketing", port, env, MarketingSimulator.class)}.
 */
@Configuration(proxyBeanMethods = false)
@Import({IdentityController.class, ContactsController.class, CampaignsController.class, ActivitiesController.class, SandboxController.class,
        FaultsController.class, MarketoErrors.class})
public class MarketingSimulator {

    @Bean
    Clock marketingClock() {
        return Clock.systemUTC();
    }

    @Bean
    AccessTokens accessTokens(Clock clock,
            @Value("${sandbox.marketing.client-id:memberbus-sandbox}") String clientId,
            @Value("${sandbox.marketing.client-secret:sandbox-secret}") String clientSecret,
            @Value("${sandbox.marketing.token-ttl-seconds:3600}") long ttlSeconds) {
        return new AccessTokens(clientId, clientSecret, Duration.ofSeconds(ttlSeconds), clock);
    }

    @Bean
    Contacts contacts(ObjectMapper json, Clock clock) {
        return new Contacts(json, clock);
    }

    @Bean
    Activities activities() {
        return new Activities(Activities.PAGE);
    }

    @Bean
    CampaignTriggers campaignTriggers(Contacts contacts, Activities activities, Clock clock) {
        return new CampaignTriggers(contacts, activities, clock);
    }

    /** The demo association's members, planted before the server takes its first call. */
    @Bean
    DemoAssociation marketingDemoData(Contacts contacts, ObjectMapper json) {
        var demo = DemoAssociation.generate(LocalDate.now());
        MarketingSeed.plant(demo, contacts, json);
        return demo;
    }

    @Bean
    SimulatorFaults faults() {
        return new SimulatorFaults(
                () -> new MarketoException(400, "1003", "latencyMs and rateLimitNext must be >= 0, errorRate between 0 and 1"),
                MarketoErrors::fault).offeringDown();
    }

    /** Faults on every API path; then, on the REST API, the rate limit and the access token. */
    @Bean
    WebMvcConfigurer marketingApiGuards(SimulatorFaults faults, AccessTokens tokens,
            @Value("${sandbox.marketing.rate-limit-calls:100}") int calls,
            @Value("${sandbox.marketing.rate-limit-window-seconds:20}") int windowSeconds) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(faults).addPathPatterns("/rest/**", "/identity/**", "/oauth/**");
                // the list of triggered runs is the sandbox's window for tests and people, not Marketo's API:
                // reading it does not use up the bus's calls
                registry.addInterceptor(new RateLimit(calls, windowSeconds)).addPathPatterns("/rest/**")
                        .excludePathPatterns("/rest/v1/campaigns/triggered");
                registry.addInterceptor(new BearerTokenCheck(tokens)).addPathPatterns("/rest/**");
            }
        };
    }
}
