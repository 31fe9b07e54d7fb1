package org.memberbus.inbound;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.Validator;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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
}
