package org.memberbus.sandbox.salesforce;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Stands before every REST call, in Salesforce's order: the session (INVALID_SESSION_ID, 401),
 * then injected faults (latency, 500/503, REQUEST_LIMIT_EXCEEDED), then the daily API
 * allowance (REQUEST_LIMIT_EXCEEDED, 403). Each call it admits is counted and answered with
 * {@code Sforce-Limit-Info: api-usage=N/M}. The versions list needs no session and is not counted.
 */
final class ApiGate implements HandlerInterceptor {

    private final AccessTokens tokens;
    private final ApiUsage usage;
    private final SalesforceFaults faults;
    private final ObjectMapper json = new ObjectMapper();

    ApiGate(AccessTokens tokens, ApiUsage usage, SalesforceFaults faults) {
        this.tokens = tokens;
        this.usage = usage;
        this.faults = faults;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException, InterruptedException {
        var path = request.getRequestURI();
        if (path.equals("/services/data") || path.equals("/services/data/")) {
            return true;
        }
        var session = tokens.use(AccessTokens.fromHeader(request.getHeader("Authorization")));
        if (session.isEmpty()) {
            return refuse(response, new ApiException(401, "INVALID_SESSION_ID", "Session expired or invalid"));
        }
        if (faults.latencyMs() > 0) {
            Thread.sleep(faults.latencyMs());
        }
        if (faults.rateLimitNow()) {
            limitHeader(response);
            return refuse(response, new ApiException(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded."));
        }
        if (faults.failNow()) {
            return refuse(response, ThreadLocalRandom.current().nextBoolean()
                    ? new ApiException(503, "SERVER_UNAVAILABLE", "Server temporarily unavailable (injected fault)")
                    : new ApiException(500, "UNKNOWN_EXCEPTION", "An unexpected error occurred (injected fault)"));
        }
        if (!usage.tryCount(faults.dailyApiMax(), ApiUsage.kind(request.getMethod(), path))) {
            limitHeader(response);
            return refuse(response, new ApiException(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded."));
        }
        limitHeader(response);
        request.setAttribute(ApiRequests.USER_ATTRIBUTE, session.get().userId());
        return true;
    }

    private void limitHeader(HttpServletResponse response) {
        response.setHeader("Sforce-Limit-Info", "api-usage=" + usage.used() + "/" + faults.dailyApiMax());
    }

    private boolean refuse(HttpServletResponse response, ApiException error) throws IOException {
        response.setStatus(error.status());
        response.setContentType("application/json;charset=UTF-8");
        response.getWriter().write(json.writeValueAsString(error.toBody()));
        return false;
    }
}
