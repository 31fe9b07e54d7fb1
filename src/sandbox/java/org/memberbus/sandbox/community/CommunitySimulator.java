package org.memberbus.sandbox.community;

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
 * The community platform simulator (a Higher Logic-like member portal): its REST API under
 * {@code /api/v1} (API key in {@code X-Api-Key}), signed activity webhooks, and the sandbox's
 * fault switches under {@code /__sandbox/faults}. Run it with
 * {@code SimulatorHost.start("community", port, env, CommunitySimulator.class)}.
 */
@Configuration(proxyBeanMethods = false)
@Import({AccountsController.class, AccountRecordsController.class, EventsController.class, ActivityController.class,
        EventUpsertController.class, EventSurveysController.class,
        WebhooksController.class, FaultsController.class, ApiErrors.class,
        ModerationController.class, GroupsController.class,
        CertificationApplicationsController.class, PermissionSettingsController.class,
        CertificationRenewalsController.class, LibraryController.class})
public class CommunitySimulator {

    @Bean
    Clock communityClock() {
        return Clock.systemUTC();
    }

    @Bean
    Accounts accounts(ObjectMapper json, Clock clock) {
        return new Accounts(json, clock);
    }

    @Bean
    Events events() {
        return new Events();
    }

    @Bean
    Groups groups() {
        return new Groups();
    }

    @Bean
    GroupRequests groupRequests() {
        return new GroupRequests();
    }

    @Bean
    Badges badges() {
        return new Badges();
    }

    @Bean
    CeBalances ceBalances() {
        return new CeBalances();
    }

    @Bean
    ContentGrants contentGrants() {
        return new ContentGrants();
    }

    @Bean
    Applications applications() {
        return new Applications();
    }

    @Bean
    WebhookSubscriptions webhookSubscriptions() {
        return new WebhookSubscriptions();
    }

    /** Signs with the secret the bus verifies with, unless the sandbox sets its own. */
    @Bean(destroyMethod = "close")
    WebhookDispatcher webhookDispatcher(WebhookSubscriptions subscriptions, ObjectMapper json, Clock clock,
            @Value("${sandbox.community.webhook-secret:${memberbus.community.webhook-secret:whsec_community_sandbox}}") String secret,
            @Value("${sandbox.community.webhook-max-attempts:8}") int maxAttempts,
            @Value("${sandbox.community.webhook-initial-backoff-ms:500}") long initialBackoffMs,
            @Value("${sandbox.community.webhook-max-backoff-ms:60000}") long maxBackoffMs,
            @Value("${sandbox.community.webhook-timeout-ms:10000}") long timeoutMs) {
        return new WebhookDispatcher(subscriptions, json, clock, new WebhookDispatcher.Policy(secret, maxAttempts,
                Duration.ofMillis(initialBackoffMs), Duration.ofMillis(maxBackoffMs), Duration.ofMillis(timeoutMs)));
    }

    /** The association's permission service (access decisions), when configured; see PermissionCheck. */
    @Bean
    PermissionCheck permissionCheck(ObjectMapper json,
            @Value("${sandbox.community.access-decisions.url:}") String url,
            @Value("${sandbox.community.access-decisions.api-key:${memberbus.access.community-api-key:}}") String apiKey) {
        return new PermissionCheck(json, url, apiKey);
    }

    @Bean
    MemberActivity memberActivity(Accounts accounts, Events events, Groups groups, Applications applications,
                                  WebhookDispatcher webhooks, PermissionCheck permissions, ObjectMapper json, Clock clock) {
        return new MemberActivity(accounts, events, groups, applications, webhooks, permissions, json, clock);
    }

    /** The demo association, planted before the server takes its first call. */
    @Bean
    DemoAssociation communityDemoData(Clock clock, Accounts accounts, Groups groups, Badges badges, CeBalances ce,
                                      Events events) {
        var demo = DemoAssociation.generate(LocalDate.now());
        CommunitySeed.plant(demo, clock.instant(), accounts, groups, badges, ce, events);
        return demo;
    }

    @Bean
    SimulatorFaults faults() {
        return new SimulatorFaults(
                () -> ApiException.badRequest(null, "latencyMs and rateLimitNext must be >= 0, errorRate between 0 and 1"),
                ApiErrors::fault).offeringDown();
    }

    /** Faults first (an outage answers 503 whatever the key), then the API key. */
    @Bean
    WebMvcConfigurer communityApiGuards(SimulatorFaults faults,
            @Value("${sandbox.community.api-key:${memberbus.community.api-key:community-sandbox-key}}") String apiKey) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(faults).addPathPatterns("/api/**");
                registry.addInterceptor(new ApiKeyCheck(apiKey)).addPathPatterns("/api/**");
            }
        };
    }
}
