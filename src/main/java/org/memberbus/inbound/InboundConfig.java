package org.memberbus.inbound;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.Validator;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One webhook reader per partner, each with its own signing secret from configuration. */
@Configuration(proxyBeanMethods = false)
class InboundConfig {

    @Bean
    WebhookSignature webhookSignature(@Value("${memberbus.webhooks.tolerance-seconds}") long tolerance) {
        return new WebhookSignature(Clock.systemUTC(), tolerance);
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
