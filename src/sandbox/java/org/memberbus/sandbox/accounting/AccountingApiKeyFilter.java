package org.memberbus.sandbox.accounting;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.springframework.web.filter.OncePerRequestFilter;

/** Every {@code /api/*} call carries the API key in {@code X-Api-Key}; every call is counted (as the vendor's usage report does). */
final class AccountingApiKeyFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Api-Key";

    private final String apiKey;
    private final Problems problems;
    private final java.util.concurrent.atomic.AtomicLong calls = new java.util.concurrent.atomic.AtomicLong();

    AccountingApiKeyFilter(String apiKey, Problems problems) {
        this.apiKey = apiKey;
        this.problems = problems;
    }

    /** Calls to the API so far, refused ones (401, 429) included. */
    long calls() {
        return calls.get();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        calls.incrementAndGet();
        String given = request.getHeader(HEADER);
        if (given == null || given.isBlank()) {
            problems.write(request, response, new LedgerProblem(401, "unauthorized", "Unauthorized",
                    "Missing " + HEADER + " header", List.of()));
            return;
        }
        if (!MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), apiKey.getBytes(StandardCharsets.UTF_8))) {
            problems.write(request, response, new LedgerProblem(401, "unauthorized", "Unauthorized",
                    "Invalid API key", List.of()));
            return;
        }
        chain.doFilter(request, response);
    }
}
