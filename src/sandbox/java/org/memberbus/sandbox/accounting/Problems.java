package org.memberbus.sandbox.accounting;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/** Turns a {@link LedgerProblem} into RFC 9457 problem details, also from servlet filters. */
final class Problems {

    private final ObjectMapper json;

    Problems(ObjectMapper json) {
        this.json = json;
    }

    static ProblemDetail of(LedgerProblem problem) {
        var detail = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(problem.status()), problem.getMessage());
        detail.setTitle(problem.title());
        detail.setProperty("code", problem.code());
        if (!problem.errors().isEmpty()) {
            detail.setProperty("errors", problem.errors());
        }
        problem.properties().forEach(detail::setProperty);
        return detail;
    }

    void write(HttpServletRequest request, HttpServletResponse response, LedgerProblem problem) throws IOException {
        var detail = of(problem);
        detail.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(problem.status());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), detail);
    }
}
