package org.memberbus.sandbox.exams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memberbus.sandbox.SimulatorHost;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** How the exam bodies sit in the bus: started by the sandbox launcher, invisible to the bus's own scan. */
class ExamsWiringTest {

    /** The bus scans every package under {@code org.memberbus}; the simulator's controllers must stay out of it. */
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
            assertThat(context.getBeanNamesForType(SimulatorHost.class)).isEmpty(); // launcher is sandbox-only
        }
    }

    @Test
    void theSandboxLauncherStartsBothExamBodies(@TempDir Path dataDir) {
        var env = new StandardEnvironment();
        env.setActiveProfiles("sandbox");
        env.getPropertySources().addFirst(new MapPropertySource("bus", Map.of(
                "spring.application.name", "memberbus", "sandbox.data-dir", dataDir.toString(),
                "sandbox.exams.port", "0", "sandbox.exams.sftp-port", "0")));
        try (var context = new AnnotationConfigApplicationContext()) {
            context.setEnvironment(env);
            context.scan(ExamsSimulator.class.getPackageName());
            context.refresh();
            var rest = context.getBean(SimulatorHost.class);
            var sftp = context.getBean(ExamsSftpServer.class);
            assertThat(rest.port()).isPositive();
            assertThat(sftp.port()).isPositive();
            assertThat(rest.bean(AppointmentBook.class).results(null, null)).isNotEmpty();
            assertThat(new SimulatorClient(rest.port()).get("/api/v1/exams").status()).isEqualTo(200);
            assertThat(ExamsSftpServer.outbox(dataDir)).isNotEmptyDirectory();
        }
    }
}
