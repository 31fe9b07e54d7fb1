package org.memberbus.sandbox.community;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The bus scans all of org.memberbus: of the simulator's classes it must find only the launcher. */
class SimulatorStaysOutOfTheBusTest {

    @Test
    void theBusComponentScanFindsOnlyTheLauncher() {
        var busEnvironment = new StandardEnvironment();
        busEnvironment.getPropertySources().addFirst(new MapPropertySource("bus", Map.of("spring.application.name", "memberbus")));
        busEnvironment.setActiveProfiles("sandbox");
        var scanner = new ClassPathScanningCandidateComponentProvider(true, busEnvironment);
        assertThat(scanner.findCandidateComponents("org.memberbus.sandbox.community"))
                .extracting(BeanDefinition::getBeanClassName)
                .containsExactly(CommunitySimulatorLauncher.class.getName());
        assertThat(scanner.findCandidateComponents("org.memberbus.sandbox.marketing"))
                .extracting(BeanDefinition::getBeanClassName)
                .containsExactly("org.memberbus.sandbox.marketing.MarketingSimulatorLauncher");
    }
}
