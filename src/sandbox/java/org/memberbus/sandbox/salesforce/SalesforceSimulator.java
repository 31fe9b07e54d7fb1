package org.memberbus.sandbox.salesforce;

import org.memberbus.sandbox.demo.DemoAssociation;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.filter.UrlHandlerFilter;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The Salesforce org simulator: OAuth 2.0, the REST API (sObjects, SOQL, sObject Collections,
 * Composite, limits) and Change Data Capture over the Streaming API, on one port, so that
 * camel-salesforce configured as for a real org (only its login URL pointing here) works
 * unchanged. Start it with {@code SimulatorHost.start("salesforce", port, env, SalesforceSimulator.class)}.
 */
@Configuration(proxyBeanMethods = false)
@Import({OAuthController.class, SObjectController.class, QueryController.class, OrgController.class,
        SObjectCollectionsController.class, CompositeController.class, SandboxController.class, ContentVersionsController.class, ApiErrors.class,
        ApiErrors.UnknownResource.class, StreamingConfig.class})
public class SalesforceSimulator {

    @Bean
    SalesforceSettings salesforceSettings(
            @Value("${sandbox.salesforce.client-id:memberbus-sandbox}") String clientId,
            @Value("${sandbox.salesforce.client-secret:sandbox-secret}") String clientSecret,
            @Value("${sandbox.salesforce.username:integration@memberbus.sandbox}") String username,
            @Value("${sandbox.salesforce.password:sandbox}") String password,
            @Value("${sandbox.salesforce.refresh-token:sandbox-refresh-token}") String refreshToken,
            @Value("${sandbox.salesforce.session-lifetime:2h}") String sessionLifetime,
            @Value("${sandbox.salesforce.daily-api-max:15000}") int dailyApiMax,
            @Value("${sandbox.salesforce.query-page-size:2000}") int queryPageSize,
            @Value("${sandbox.salesforce.streaming-timeout:20s}") String streamingTimeout,
            @Value("${sandbox.salesforce.event-retention:72h}") String eventRetention,
            @Value("${sandbox.salesforce.event-retention-max:200000}") int eventRetentionMax,
            @Value("${sandbox.salesforce.seed-demo-data:true}") boolean seedDemoData) {
        return new SalesforceSettings(clientId, clientSecret, username, password, refreshToken,
                DurationStyle.detectAndParse(sessionLifetime), dailyApiMax, queryPageSize,
                DurationStyle.detectAndParse(streamingTimeout), DurationStyle.detectAndParse(eventRetention),
                eventRetentionMax, seedDemoData);
    }

    /** The connected app's certificate for the JWT bearer flow (a PEM file's path or PEM text); none by default. */
    @Bean
    ConnectedAppCertificate connectedAppCertificate(@Value("${sandbox.salesforce.jwt-certificate:}") String certificate) {
        return ConnectedAppCertificate.of(certificate);
    }

    @Bean
    OrgSchema orgSchema() {
        return new OrgSchema();
    }

    @Bean
    ChangeEventLog changeEventLog(SalesforceSettings settings) {
        return new ChangeEventLog(settings.eventRetention(), settings.eventRetentionMax());
    }

    @Bean
    SObjectStore sObjectStore(OrgSchema schema, ChangeEventLog changeEvents, SalesforceSettings settings) {
        var store = new SObjectStore(schema, changeEvents);
        var seed = new DemoOrgSeed(store, settings);
        var association = DemoAssociation.generate(SalesforceTime.today());
        seed.seedUsers(association.owners());
        if (settings.seedDemoData()) {
            seed.seed(association);
        }
        return store;
    }

    @Bean
    SalesforceFaults salesforceFaults(SalesforceSettings settings) {
        return new SalesforceFaults(settings);
    }

    @Bean
    AccessTokens accessTokens(SalesforceFaults faults) {
        return new AccessTokens(faults::sessionLifetimeSeconds);
    }

    @Bean
    ApiUsage apiUsage() {
        return new ApiUsage();
    }

    @Bean
    QueryEngine queryEngine(SObjectStore store, SalesforceFaults faults) {
        return new QueryEngine(store, faults::queryPageSize);
    }

    /**
     * Salesforce ignores a trailing slash, and camel-salesforce sends some ({@code limits/},
     * {@code describe/}, {@code query/?q=}); Spring MVC does not match them by default.
     */
    @Bean
    FilterRegistrationBean<UrlHandlerFilter> trailingSlashes() {
        var filter = UrlHandlerFilter.trailingSlashHandler("/services/data/**").wrapRequest().build();
        return new FilterRegistrationBean<>(filter);
    }

    @Bean
    WebMvcConfigurer salesforceApiGate(AccessTokens tokens, ApiUsage usage, SalesforceFaults faults) {
        var gate = new ApiGate(tokens, usage, faults);
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(gate).addPathPatterns("/services/data", "/services/data/**");
            }
        };
    }
}
