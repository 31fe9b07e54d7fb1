package org.memberbus.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.memberbus.MemberbusApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.NestedExceptionUtils;

/** The demo user is the sandbox's alone: a profile spelled otherwise, with no user, does not start. */
@ExtendWith(OutputCaptureExtension.class)
class NoDefaultUserTest {

    @Test
    void aMistypedProfileWithNoUserRefusesToStartWithOneLine(CapturedOutput output) {
        var failure = catchThrowable(() -> new SpringApplication(MemberbusApplication.class).run(
                "--spring.profiles.active=prod", "--server.port=0", "--spring.jmx.enabled=false",
                "--camel.main.jmx-enabled=false"));
        assertThat(NestedExceptionUtils.getMostSpecificCause(failure)).isInstanceOf(NoUsersException.class);
        assertThat(output.getOut()).contains("No user configured: set MEMBERBUS_SECURITY_USERS_0_NAME, _PASSWORD and _ROLES, "
                + "or MEMBERBUS_OIDC_ISSUER_URI (or MEMBERBUS_OIDC_JWK_SET_URI).");
    }

    @Test
    void thePackagedConfigurationCarriesTheSandboxUser() throws Exception {
        // the jar's own copy of config/, which a bus started from another folder reads
        try (var sandbox = getClass().getResourceAsStream("/config/application-sandbox.yaml")) {
            assertThat(sandbox).isNotNull();
            assertThat(new String(sandbox.readAllBytes())).contains("name: ops");
        }
    }
}
