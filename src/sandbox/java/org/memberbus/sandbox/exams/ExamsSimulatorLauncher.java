package org.memberbus.sandbox.exams;

import java.nio.file.Path;
import org.memberbus.sandbox.SimulatorHost;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.ConfigurableEnvironment;

/** Starts both exam bodies with the sandbox: the REST one on its own port, the file-drop one over SFTP. */
@Configuration(proxyBeanMethods = false)
@Profile("sandbox")
@ConditionalOnProperty(name = "sandbox.simulators.enabled", matchIfMissing = true)
class ExamsSimulatorLauncher {

    @Bean(destroyMethod = "close", bootstrap = Bean.Bootstrap.BACKGROUND)
    SimulatorHost examsSimulator(ConfigurableEnvironment env, @Value("${sandbox.exams.port}") int port) {
        return SimulatorHost.start(ExamsSimulator.NAME, port, env, ExamsSimulator.class);
    }

    @Bean(destroyMethod = "close", bootstrap = Bean.Bootstrap.BACKGROUND)
    ExamsSftpServer examsSftpServer(@Value("${sandbox.data-dir:target/sandbox-data}") String dataDir,
            @Value("${sandbox.exams.sftp-port}") int port,
            @Value("${sandbox.exams.sftp-user:exams}") String user,
            @Value("${sandbox.exams.sftp-password:sandbox}") String password) throws Exception {
        return new ExamsSftpServer(Path.of(dataDir), port, user, password).start();
    }
}
