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

/** How the exam bodies sit in the bus: started by the sandbox launcher (the bus's scan is checked in SimulatorsStayOutOfTheBusTest). */
class ExamsWiringTest {

    @Test
    void theSandboxLauncherStartsBothExamBodies(@TempDir Path dataDir) {
        var env = new StandardEnvironment();
        env.setActiveProfiles("sandbox");
        env.getPropertySources().addFirst(new MapPropertySource("bus", Map.of(
                "spring.application.name", "memberbus", "sandbox.data-dir", dataDir.toString(),
                "sandbox.exams.port", "0", "sandbox.exams.sftp-port", "0")));
        try (var context = new AnnotationConfigApplicationContext()) {
            context.setEnvironment(env);
            context.register(ExamsSimulatorLauncher.class);
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
