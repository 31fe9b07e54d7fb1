package org.memberbus.sandbox.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;

/** Writes Stripe's error body from a servlet filter, where no controller advice applies. */
final class ErrorWriter {

    private final ObjectMapper json;

    ErrorWriter(ObjectMapper json) {
        this.json = json;
    }

    void write(HttpServletResponse response, int status, StripeError error) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), new StripeError.Body(error));
    }
}
