package org.memberbus.sandbox.exams;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.memberbus.sandbox.demo.DemoAssociation;
import org.memberbus.sandbox.faults.FaultsController;
import org.memberbus.sandbox.faults.SimulatorFaults;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The REST exam body (a Prometric-like test delivery vendor), run by {@code SimulatorHost} under
 * the name {@value #NAME}: catalogue, candidates and exam authorizations (Pearson VUE-like), appointments
 * booked against an authorization, results, signed {@code exam.result} webhooks,
 * and the sandbox controls, including the drop of a results file for the SFTP exam body.
 */
@Configuration(proxyBeanMethods = false)
@Import({ExamsApiController.class, EligibilityController.class, WebhooksController.class, ExamsSandboxController.class, FaultsController.class,
        ApiErrors.class})
class ExamsSimulator {

    /** The name to start it under. */
    static final String NAME = "exams";

    @Bean
    Eligibility eligibility() {
        return new Eligibility(Clock.systemUTC());
    }

    @Bean
    AppointmentBook appointmentBook(Eligibility eligibility) {
        var book = new AppointmentBook(Clock.systemUTC(), eligibility);
        DemoExamHistory.seed(book, eligibility, DemoAssociation.generate(LocalDate.now()));
        return book;
    }

    @Bean(destroyMethod = "close")
    WebhookDispatcher webhookDispatcher(ObjectMapper json,
            @Value("${sandbox.exams.webhook-secret:whsec_exams_sandbox}") String secret,
            @Value("${sandbox.exams.webhook-max-attempts:8}") int maxAttempts,
            @Value("${sandbox.exams.webhook-initial-delay-ms:1000}") long initialDelayMs,
            @Value("${sandbox.exams.webhook-max-delay-ms:60000}") long maxDelayMs,
            @Value("${sandbox.exams.webhook-timeout-ms:10000}") long timeoutMs) {
        return new WebhookDispatcher(json, secret, new WebhookDispatcher.RetryPolicy(maxAttempts,
                Duration.ofMillis(initialDelayMs), Duration.ofMillis(maxDelayMs), Duration.ofMillis(timeoutMs)),
                Clock.systemUTC());
    }

    @Bean
    SimulatorFaults faults(ObjectMapper json) {
        return new SimulatorFaults(
                () -> ApiException.invalid("faults", "latencyMs >= 0, 0 <= errorRate <= 1, rateLimitNext >= 0"),
                (fault, request, response) -> {
                    response.setStatus(fault == SimulatorFaults.Fault.RATE_LIMITED ? 429 : 500);
                    response.setContentType("application/json");
                    json.writeValue(response.getOutputStream(), fault == SimulatorFaults.Fault.RATE_LIMITED
                            ? Map.of("error", "rate_limited", "message", "too many requests; retry after 1 second")
                            : Map.of("error", "internal_error", "message", "the exam body had an internal error (sandbox fault)"));
                });
    }

    @Bean
    ResultDrop resultDrop(@Value("${sandbox.data-dir:target/sandbox-data}") String dataDir) {
        return new ResultDrop(new ResultFiles(ExamsSftpServer.outbox(Path.of(dataDir)),
                DemoAssociation.generate(LocalDate.now())));
    }

    @Bean
    WebMvcConfigurer examsApiGuards(SimulatorFaults faults, ObjectMapper json,
            @Value("${sandbox.exams.api-key:exams-sandbox-key}") String apiKey) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(faults).addPathPatterns("/api/**");
                registry.addInterceptor(new ApiKeyCheck(apiKey, json)).addPathPatterns("/api/**");
            }
        };
    }
}
