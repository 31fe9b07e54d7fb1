package org.memberbus.sandbox.accounting;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Answers every failure of the ledger API as problem details with a {@code code}. */
@RestControllerAdvice
class LedgerErrors {

    private static final Logger log = LoggerFactory.getLogger(LedgerErrors.class);

    @ExceptionHandler
    ProblemDetail problem(LedgerProblem problem) {
        return Problems.of(problem);
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, MethodArgumentTypeMismatchException.class,
            MissingServletRequestParameterException.class})
    ProblemDetail badRequest(Exception e) {
        String detail = e instanceof HttpMessageNotReadableException ? "The body is not valid JSON" : e.getMessage();
        return Problems.of(LedgerProblem.badRequest(detail));
    }

    @ExceptionHandler
    ProblemDetail noSuchPath(NoResourceFoundException e) {
        return Problems.of(LedgerProblem.notFound("Path /" + e.getResourcePath()));
    }

    @ExceptionHandler
    ProblemDetail wrongMethod(HttpRequestMethodNotSupportedException e) {
        return Problems.of(new LedgerProblem(405, "method_not_allowed", "Method not allowed", e.getMessage(), List.of()));
    }

    @ExceptionHandler
    ProblemDetail unexpected(Exception e) {
        log.error("Accounting simulator failed", e);
        return Problems.of(new LedgerProblem(500, "internal_error", "Internal server error",
                e.getClass().getSimpleName(), List.of()));
    }
}
