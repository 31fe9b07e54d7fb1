package org.memberbus.sandbox.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import org.memberbus.sandbox.demo.DemoAssociation;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.filter.CharacterEncodingFilter;

/**
 * The payment gateway simulator: a Stripe-compatible subset of the API at {@code /v1/*}
 * (customers, payment methods and intents, charges, refunds, balance transactions, products,
 * prices, subscriptions, invoices, events, webhook endpoints), seeded with the demo association's
 * payment history, plus the sandbox controls at {@code /__sandbox/*}. Started by
 * {@code SimulatorHost}; see {@link GatewaySimulatorLauncher}.
 */
@InGatewaySimulator
@Configuration(proxyBeanMethods = false)
@Import({CustomersController.class, PaymentsController.class, BillingController.class, EventsController.class,
        GatewaySandboxController.class, StripeErrors.class})
public class GatewaySimulator {

    public static final String NAME = "gateway";
    static final String APPLICATION_NAME = NAME + "-simulator";

    @Bean
    GatewaySettings gatewaySettings(
            @Value("${sandbox.gateway.api-key:sk_test_sandbox}") String apiKey,
            @Value("${sandbox.gateway.webhook-secret:whsec_gateway_sandbox}") String webhookSecret,
            @Value("${sandbox.gateway.api-version:2025-08-27.basil}") String apiVersion,
            @Value("${sandbox.gateway.webhook-max-attempts:8}") int maxAttempts,
            @Value("${sandbox.gateway.webhook-retry-initial:1s}") Duration retryInitial,
            @Value("${sandbox.gateway.webhook-timeout:10s}") Duration timeout) {
        return new GatewaySettings(apiKey, webhookSecret, apiVersion, maxAttempts, retryInitial, timeout);
    }

    @Bean
    GatewayClock gatewayClock() {
        return new GatewayClock(Clock.systemUTC());
    }

    @Bean
    GatewayState gatewayState(@Value("${sandbox.gateway.seed:true}") boolean seed) {
        var state = new GatewayState();
        if (seed) {
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
    Payments payments(GatewayState state, EventLog events) {
        return new Payments(state, events);
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

    @Bean
    GatewayFaults gatewayFaults(ErrorWriter errors) {
        return new GatewayFaults(errors);
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
    FilterRegistrationBean<GatewayFaults> faultsFilter(GatewayFaults faults) {
        return onApi(faults, 2);
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
