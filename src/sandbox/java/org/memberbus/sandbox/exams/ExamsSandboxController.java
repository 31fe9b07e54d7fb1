package org.memberbus.sandbox.exams;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sandbox controls, no API key (faults are the shared {@code /__sandbox/faults}): sit an exam, read
 * the webhook delivery log, resend an event, and make the file-drop exam body write a results file now.
 */
@RestController
@RequestMapping("/__sandbox")
class ExamsSandboxController {

    private final AppointmentBook book;
    private final WebhookDispatcher dispatcher;
    private final ResultDrop drop;

    ExamsSandboxController(AppointmentBook book, WebhookDispatcher dispatcher, ResultDrop drop) {
        this.book = book;
        this.dispatcher = dispatcher;
        this.drop = drop;
    }

    /** The candidate sits the exam; the result goes out as an {@code exam.result} webhook. */
    @PostMapping("/appointments/{id}/complete")
    @ResponseStatus(HttpStatus.CREATED)
    ExamResult complete(@PathVariable String id, @RequestBody(required = false) JsonNode body) {
        var result = book.complete(id, body);
        dispatcher.publish("exam.result", result);
        return result;
    }

    @GetMapping("/deliveries")
    Map<String, List<WebhookDispatcher.Delivery>> deliveries(@RequestParam(required = false) String eventId,
                                                             @RequestParam(required = false) String state) {
        return Map.of("data", dispatcher.deliveries(eventId, state));
    }

    @PostMapping("/events/{id}/resend")
    @ResponseStatus(HttpStatus.ACCEPTED)
    WebhookDispatcher.Event resend(@PathVariable String id) {
        return dispatcher.resend(id).orElseThrow(() -> ApiException.notFound("event", id));
    }

    /** The file-drop exam body writes a results file now (see {@link ResultDrop} for the body). */
    @PostMapping("/sftp/drop")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> dropResults(@RequestBody(required = false) JsonNode body) throws IOException {
        var written = drop.drop(body, LocalDate.now());
        var answer = new LinkedHashMap<String, Object>();
        answer.put("file", "outbox/" + written.file().getFileName());
        answer.put("rows", written.rows());
        answer.put("malformedRows", written.malformedRows());
        answer.put("resultIds", written.resultIds());
        return answer;
    }
}
