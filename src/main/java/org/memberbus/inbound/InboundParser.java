package org.memberbus.inbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.stream.Collectors;

/** Turns a raw inbound body into a validated record, or a 400 that says exactly what is wrong. */
public final class InboundParser {

    private final ObjectMapper json;
    private final Validator validator;

    public InboundParser(ObjectMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    public <T> T parse(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            throw new InboundRejectedException(400, "empty body");
        }
        T value;
        try {
            value = json.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new InboundRejectedException(400, "malformed JSON: " + e.getOriginalMessage());
        }
        var violations = validator.validate(value);
        if (!violations.isEmpty()) {
            throw new InboundRejectedException(400, violations.stream()
                    .map(InboundParser::describe)
                    .sorted()
                    .collect(Collectors.joining("; ")));
        }
        return value;
    }

    private static String describe(ConstraintViolation<?> v) {
        return v.getPropertyPath() + " " + v.getMessage();
    }
}
