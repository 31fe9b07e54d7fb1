package org.memberbus.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.memberbus.MemberbusApplication;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.TypeFilterUtils;
import org.springframework.core.annotation.AnnotationAttributes;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * The bus scans all of {@code org.memberbus}; its own exclude filters keep the simulators'
 * classes out, so of the simulator packages it must find only the six launchers.
 */
class SimulatorsStayOutOfTheBusTest {

    @Test
    void theBusScanFindsOnlyTheLaunchersOfTheSimulatorPackages() {
        var env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("bus", Map.of("spring.application.name", "memberbus")));
        env.setActiveProfiles("sandbox");
        var scanner = new ClassPathScanningCandidateComponentProvider(true, env);
        // The filters as MemberbusApplication declares them, so the test follows any change there.
        var scan = AnnotationAttributes.fromMap(AnnotationUtils.getAnnotationAttributes(
                MemberbusApplication.class.getAnnotation(ComponentScan.class), false, true));
        for (var filter : scan.getAnnotationArray("excludeFilters")) {
            TypeFilterUtils.createTypeFiltersFor(filter, env, new DefaultResourceLoader(), new DefaultListableBeanFactory())
                    .forEach(scanner::addExcludeFilter);
        }

        assertThat(scanner.findCandidateComponents("org.memberbus.sandbox"))
                .extracting(BeanDefinition::getBeanClassName)
                .filteredOn(name -> name.matches("org\\.memberbus\\.sandbox\\.[a-z]+\\..*"))
                .containsExactlyInAnyOrder(
                        "org.memberbus.sandbox.accounting.AccountingSimulatorLauncher",
                        "org.memberbus.sandbox.community.CommunitySimulatorLauncher",
                        "org.memberbus.sandbox.exams.ExamsSimulatorLauncher",
                        "org.memberbus.sandbox.gateway.GatewaySimulatorLauncher",
                        "org.memberbus.sandbox.marketing.MarketingSimulatorLauncher",
                        "org.memberbus.sandbox.salesforce.SalesforceSimulatorLauncher",
                        "org.memberbus.sandbox.webinar.WebinarSimulatorLauncher");
    }
}
