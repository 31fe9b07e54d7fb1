package org.memberbus.sandbox.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.LocalDate;
import org.memberbus.sandbox.demo.DemoAssociation;
import org.memberbus.sandbox.faults.FaultsController;
import org.memberbus.sandbox.faults.SimulatorFaults;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.web.filter.CharacterEncodingFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The payment gateway simulator: a Stripe-compatible subset of the API at {@code /v1/*}
 * (customers, payment methods and intents, charges, refunds, balance transactions, products,
 * prices, subscriptions, invoices, events, webhook endpoints), seeded with the demo association's
 * payment history, plus the sandbox controls at {@code /__sandbox/*}. Started by
 * {@code SimulatorHost}; see {@link GatewaySimulatorLauncher}.
 */
@Configuration(proxyBeanMethods = false)
@Import({CustomersController.class, PaymentsController.class, BillingController.class, EventsController.class,
        DisputesController.class, GatewaySandboxController.class, FaultsController.class, StripeErrors.class,
        Expansion.class})
public class GatewaySimulator {

    public static final String NAME = "gateway";

    /** The simulator's context resolves no {@code @Value} placeholders; settings are read here, with their defaults. */
    @Bean
    GatewaySettings gatewaySettings(Environment env) {
        return new GatewaySettings(
                env.getProperty("sandbox.gateway.api-key", "sk_test_sandbox"),
                env.getProperty("sandbox.gateway.webhook-secret", "whsec_gateway_sandbox"),
                env.getProperty("sandbox.gateway.api-version", "2025-08-27.basil"),
                env.getProperty("sandbox.gateway.webhook-max-attempts", Integer.class, 8),
                DurationStyle.detectAndParse(env.getProperty("sandbox.gateway.webhook-retry-initial", "1s")),
                DurationStyle.detectAndParse(env.getProperty("sandbox.gateway.webhook-timeout", "10s")));
    }

    @Bean
    GatewayClock gatewayClock() {
        return new GatewayClock(Clock.systemUTC());
    }

    @Bean
    GatewayState gatewayState(Environment env) {
        var state = new GatewayState();
        if (env.getProperty("sandbox.gateway.seed", Boolean.class, true)) {
            GatewaySeed.seed(state, DemoAssociation.generate(LocalDate.now()));
        }
        return state;
    }

    @Bean(destroyMethod = "close")
    WebhookDispatcher webhookDispatcher(GatewayState state, GatewaySettings settings) {
        return new WebhookDispatcher(state, settings, Clock.systemUTC());
    }

    @Bean
    EventLog eventLog(GatewayState state, GatewaySettings settings, ObjectMapper json, WebhookDispatcher dispatcher) {
        return new EventLog(state, settings, json, dispatcher);
    }

    @Bean
    Disputes disputes(GatewayState state, EventLog events) {
        return new Disputes(state, events);
    }

    /** ACH debits settle this long after they are confirmed (Stripe: up to 4 business days). */
    @Bean
    Payments payments(GatewayState state, EventLog events, Disputes disputes, Environment env) {
        return new Payments(state, events, disputes,
                DurationStyle.detectAndParse(env.getProperty("sandbox.gateway.ach-settlement-delay", "4d")));
    }

    @Bean(destroyMethod = "close")
    AchSettlement achSettlement(GatewayState state, GatewayClock clock, Payments payments) {
        return new AchSettlement(state, clock, payments);
    }

    @Bean
    Billing billing(GatewayState state, Payments payments, EventLog events) {
        return new Billing(state, payments, events);
    }

    @Bean
    Customers customers(GatewayState state, Payments payments, EventLog events) {
        return new Customers(state, payments, events);
    }

    @Bean
    ErrorWriter gatewayErrorWriter(ObjectMapper json) {
        return new ErrorWriter(json);
    }

    /** Faults as Stripe answers them: 429 {@code rate_limit}, 500 {@code api_error}. */
    @Bean
    SimulatorFaults gatewayFaults(ErrorWriter errors) {
        return new SimulatorFaults(
                () -> new IllegalArgumentException("latencyMs and rateLimitNext must be >= 0, errorRate within 0..1"),
                (fault, request, response) -> {
                    if (fault == SimulatorFaults.Fault.RATE_LIMITED) {
                        errors.write(response, 429, StripeError.of("invalid_request_error", "rate_limit",
                                "Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.",
                                null));
                    } else {
                        errors.write(response, 500, StripeError.of("api_error", null,
                                "An unknown error occurred (sandbox fault injection). Please retry.", null));
                    }
                });
    }

    /**
     * stripe-java leaves {@code [} and {@code ]} unescaped in query strings
     * ({@code created[gte]=..}, {@code query=metadata['k']:'v'}), which Stripe accepts and Tomcat
     * refuses by default.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> bracketsInQueries() {
        return factory -> factory.addConnectorCustomizers(connector -> connector.setProperty("relaxedQueryChars", "[]"));
    }

    // Filters, in order: UTF-8 forms, the API key, faults, idempotency; all on Stripe's /v1 API only.

    @Bean
    FilterRegistrationBean<CharacterEncodingFilter> utf8Forms() {
        var registration = new FilterRegistrationBean<>(new CharacterEncodingFilter("UTF-8"));
        registration.setOrder(0);
        return registration;
    }

    @Bean
    FilterRegistrationBean<ApiKeyFilter> apiKeyFilter(GatewaySettings settings, ErrorWriter errors) {
        return onApi(new ApiKeyFilter(settings, errors), 1);
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> faultsFilter(SimulatorFaults faults) {
        return onApi(faults.filter(), 2);
    }

    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(ErrorWriter errors) {
        return onApi(new IdempotencyFilter(errors, Clock.systemUTC()), 3);
    }

    private static <F extends jakarta.servlet.Filter> FilterRegistrationBean<F> onApi(F filter, int order) {
        var registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/v1/*");
        registration.setOrder(order);
        return registration;
    }
}
