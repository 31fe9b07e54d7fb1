package org.memberbus.inbound;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.Validator;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One webhook reader per partner, each with its own signing secret from configuration. */
@Configuration(proxyBeanMethods = false)
class InboundConfig {

    /** Ahead of every other filter (security included), so no caller gets a large body read. */
    @Bean
    FilterRegistrationBean<BodySizeLimitFilter> webhookBodySizeLimit(
            @Value("${memberbus.webhooks.max-body-size:1MB}") DataSize limit, ObjectMapper json) {
        var registration = new FilterRegistrationBean<>(new BodySizeLimitFilter(limit.toBytes(), json));
        registration.addUrlPatterns("/webhooks/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** The community's access decisions are small: a bigger body is refused unread (org.memberbus.access). */
    @Bean
    FilterRegistrationBean<BodySizeLimitFilter> accessDecisionsBodySizeLimit(ObjectMapper json) {
        var registration = new FilterRegistrationBean<>(
                new BodySizeLimitFilter(org.memberbus.access.AccessDecisions.MAX_BODY, json));
        registration.addUrlPatterns("/api/v1/access/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** First of all: a webhook before the routes run (or after they stop) is asked to come again. */
    @Bean
    FilterRegistrationBean<WebhooksReadyFilter> webhooksReady(ApplicationAvailability availability, ObjectMapper json,
            @Value("${memberbus.webhooks.not-ready-retry-after-seconds:10}") long retryAfter) {
        var registration = new FilterRegistrationBean<>(new WebhooksReadyFilter(availability, json, retryAfter));
        registration.addUrlPatterns("/webhooks/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        return registration;
    }

    /** After the size check: a body that is not declared JSON is refused with 415, not read. */
    @Bean
    FilterRegistrationBean<WebhookContentTypeFilter> webhookContentType(ObjectMapper json) {
        var registration = new FilterRegistrationBean<>(new WebhookContentTypeFilter(json));
        registration.addUrlPatterns("/webhooks/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 11);
        return registration;
    }

    @Bean
    WebhookSignature webhookSignature(@Value("${memberbus.webhooks.tolerance-seconds}") long tolerance) {
        return new WebhookSignature(Clock.systemUTC(), tolerance);
    }

    @Bean
    MemberKeys memberKeys(org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate jdbc) {
        return new MemberKeys(jdbc);
    }

    @Bean
    InboundParser inboundParser(ObjectMapper json, Validator validator) {
        return new InboundParser(json, validator);
    }

    @Bean
    SignedWebhookReader communityWebhook(WebhookSignature signature, InboundParser parser,
                                         @Value("${memberbus.community.webhook-secret}") String secret) {
        return new SignedWebhookReader(signature, parser, secret, CommunityEvent.class);
    }

    @Bean
    SignedWebhookReader gatewayWebhook(WebhookSignature signature, InboundParser parser,
                                       @Value("${memberbus.gateway.webhook-secret}") String secret) {
        return new SignedWebhookReader(signature, parser, secret, GatewayEvent.class);
    }

    @Bean
    SignedWebhookReader examsWebhook(WebhookSignature signature, InboundParser parser,
                                     @Value("${memberbus.exams.webhook-secret}") String secret) {
        return new SignedWebhookReader(signature, parser, secret, ExamResultEvent.class);
    }
}
