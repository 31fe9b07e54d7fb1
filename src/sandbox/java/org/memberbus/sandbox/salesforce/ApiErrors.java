package org.memberbus.sandbox.salesforce;

import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Writes every REST error in Salesforce's shape, a JSON array of
 * {@code {"message","errorCode","fields"}}, and answers paths the API does not have with NOT_FOUND.
 */
@RestControllerAdvice(assignableTypes = {SObjectController.class, QueryController.class, OrgController.class,
        SObjectCollectionsController.class, CompositeController.class, ApiErrors.UnknownResource.class,
        ReplicationController.class, BulkQueryController.class})
class ApiErrors {

    @ExceptionHandler(ApiException.class)
    ResponseEntity<List<Map<String, Object>>> api(ApiException e) {
        return ResponseEntity.status(e.status()).body(e.toBody());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<List<Map<String, Object>>> method(HttpRequestMethodNotSupportedException e) {
        var allowed = e.getSupportedHttpMethods() == null ? "" : " Allowed are " + String.join(",",
                e.getSupportedHttpMethods().stream().map(Object::toString).toList());
        return api(new ApiException(405, "METHOD_NOT_ALLOWED", "HTTP Method '" + e.getMethod() + "' not allowed."
                + allowed));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<List<Map<String, Object>>> missing(MissingServletRequestParameterException e) {
        return api(new ApiException(400, "MISSING_ARGUMENT", e.getParameterName() + " not specified"));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<List<Map<String, Object>>> unreadable(HttpMessageNotReadableException e) {
        return api(new ApiException(400, "JSON_PARSER_ERROR", "The request body could not be read"));
    }

    /** Everything under /services/data that no handler serves: Salesforce's 404. */
    @RestController
    static class UnknownResource {
        @RequestMapping("/services/data/**")
        ResponseEntity<List<Map<String, Object>>> unknown() {
            return ResponseEntity.status(404).body(ApiException.notFound().toBody());
        }
    }
}
