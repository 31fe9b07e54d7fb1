package org.memberbus.sandbox.exams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The bus scans every package under {@code org.memberbus}: the simulator's controllers must stay
 * out of the bus's own context and only load in the simulator's.
 */
class ExamsSimulatorScanTest {

    @Test
    void theBusContextDoesNotPickUpTheSimulatorsComponents() {
        var env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("bus", Map.of("spring.application.name", "memberbus")));
        try (var context = new AnnotationConfigApplicationContext()) {
            context.setEnvironment(env);
            context.scan(ExamsSimulator.class.getPackageName());
            context.refresh();
            assertThat(context.getBeanNamesForType(ExamsSimulator.class)).isEmpty();
            assertThat(context.getBeanNamesForType(ExamsApiController.class)).isEmpty();
            assertThat(context.getBeanNamesForType(ExamsSandboxController.class)).isEmpty();
            assertThat(context.getBeanNamesForType(WebhooksController.class)).isEmpty();
            assertThat(context.getBeanNamesForType(ApiErrors.class)).isEmpty();
        }
    }
}
