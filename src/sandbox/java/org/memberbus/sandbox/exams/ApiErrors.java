package org.memberbus.sandbox.exams;

import java.util.Map;
import org.memberbus.sandbox.faults.FaultsController;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Every refusal of the simulator as JSON, the way the vendor answers. */
@RestControllerAdvice(assignableTypes = {ExamsApiController.class, EligibilityController.class, WebhooksController.class, ExamsSandboxController.class,
        FaultsController.class})
class ApiErrors {

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Map<String, Object>> refused(ApiException e) {
        return ResponseEntity.status(e.status()).body(e.body());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        return ResponseEntity.badRequest().body(Map.of("error", "invalid_json",
                "message", "the request body is not valid JSON"));
    }
}
