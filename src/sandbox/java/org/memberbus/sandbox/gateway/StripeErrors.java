package org.memberbus.sandbox.gateway;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Answers every failure of the gateway's API in Stripe's error format. */
@RestControllerAdvice
class StripeErrors {

    private static final Logger log = LoggerFactory.getLogger(StripeErrors.class);

    @ExceptionHandler
    ResponseEntity<StripeError.Body> stripe(StripeException e, HttpServletRequest request) {
        if (!e.saved()) {
            request.setAttribute(IdempotencyFilter.NOT_SAVED, Boolean.TRUE);
        }
        return ResponseEntity.status(e.status()).body(new StripeError.Body(e.error()));
    }

    @ExceptionHandler({NoResourceFoundException.class, HttpRequestMethodNotSupportedException.class})
    ResponseEntity<StripeError.Body> unknownUrl(HttpServletRequest request) {
        return stripe(StripeException.unrecognizedUrl(request.getMethod(), request.getRequestURI()), request);
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, IllegalArgumentException.class})
    ResponseEntity<StripeError.Body> unreadable(Exception e, HttpServletRequest request) {
        return stripe(StripeException.invalidRequest(e.getMessage()), request);
    }

    @ExceptionHandler
    ResponseEntity<StripeError.Body> unexpected(Exception e) {
        log.error("Gateway simulator failed", e);
        return ResponseEntity.internalServerError().body(new StripeError.Body(
                StripeError.of("api_error", null, "An unknown error occurred: " + e.getClass().getSimpleName(), null)));
    }
}
