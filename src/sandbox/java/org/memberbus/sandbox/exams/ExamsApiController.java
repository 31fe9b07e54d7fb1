package org.memberbus.sandbox.exams;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The exam body's REST API: catalogue, appointments and results. Lists answer {@code {"data": [...]}}. */
@RestController
@RequestMapping("/api/v1")
class ExamsApiController {

    private final AppointmentBook book;

    ExamsApiController(AppointmentBook book) {
        this.book = book;
    }

    @GetMapping("/exams")
    Map<String, List<Exam>> exams() {
        return Map.of("data", ExamCatalogue.EXAMS);
    }

    @GetMapping("/exams/{code}")
    Exam exam(@PathVariable String code) {
        return ExamCatalogue.byCode(code).orElseThrow(() -> ApiException.notFound("exam", code));
    }

    @PostMapping("/appointments")
    ResponseEntity<Object> schedule(@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                    @RequestBody(required = false) JsonNode body) {
        var reply = book.schedule(idempotencyKey == null || idempotencyKey.isBlank() ? null : idempotencyKey, body);
        var response = ResponseEntity.status(reply.status());
        if (reply.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.body(reply.body());
    }

    @GetMapping("/appointments/{id}")
    Appointment appointment(@PathVariable String id) {
        return book.appointment(id);
    }

    @GetMapping("/appointments")
    Map<String, List<Appointment>> appointments(@RequestParam(required = false) String crmContactId,
                                                @RequestParam(required = false) String applicationId) {
        return Map.of("data", book.appointments(crmContactId, applicationId));
    }

    @DeleteMapping("/appointments/{id}")
    Appointment cancel(@PathVariable String id) {
        return book.cancel(id);
    }

    @GetMapping("/results")
    Map<String, List<ExamResult>> results(@RequestParam(required = false) String crmContactId,
                                          @RequestParam(required = false) String applicationId) {
        return Map.of("data", book.results(crmContactId, applicationId));
    }

    @GetMapping("/results/{resultId}")
    ExamResult result(@PathVariable String resultId) {
        return book.result(resultId).orElseThrow(() -> ApiException.notFound("result", resultId));
    }
}
