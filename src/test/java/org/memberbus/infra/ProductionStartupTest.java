package org.memberbus.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.memberbus.MemberbusApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Production starts nothing embedded and refuses to start without its settings. */
@ExtendWith(OutputCaptureExtension.class)
class ProductionStartupTest {

    @Test
    void aMissingSettingStopsStartUpNamingTheVariable(CapturedOutput output) {
        var app = new SpringApplication(MemberbusApplication.class);
        var failure = catchThrowable(() -> app.run("--spring.profiles.active=production", "--server.port=0",
                "--memberbus.security.users[0].name=ops", "--memberbus.security.users[0].password=x",
                "--memberbus.security.users[0].roles=ADMIN",
                "--spring.jmx.enabled=false", "--camel.main.jmx-enabled=false"));
        assertThat(failure).isNotNull();
        assertThat(output.getOut()).containsPattern("Missing required setting: environment variable [A-Z_]+ is not set\\.");
        assertThat(output.getOut()).doesNotContain("Embedded Kafka").doesNotContain("simulator");
    }
}
