package org.memberbus;

import java.util.Arrays;
import java.util.Set;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.util.ClassUtils;

/**
 * The integration bus. With no arguments it starts the sandbox profile: every part embedded
 * (the production jar: the production profile). {@code --sandbox.role=partners} starts the
 * sandbox's partners alone, for a bus in another process.
 * (The expanded form of {@code @SpringBootApplication}: the simulators' controllers live in
 * their own small applications on their own ports, so the bus's scan takes only their launchers.)
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ConfigurationPropertiesScan
@ComponentScan(excludeFilters = {
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class),
        @ComponentScan.Filter(type = FilterType.REGEX, pattern = "org\\.memberbus\\.sandbox\\.[a-z]+\\.(?!\\w*Launcher$).*")})
public class MemberbusApplication {

    /** The sandbox's partners role: named, not referenced, since the production jar holds no sandbox class. */
    static final String PARTNERS = "org.memberbus.sandbox.PartnersApplication";

    public static void main(String[] args) {
        if (Arrays.asList(args).contains("--sandbox.role=partners")) {
            if (!ClassUtils.isPresent(PARTNERS, null)) {
                System.err.println("The partners role is part of the sandbox jar (target/memberbus.jar), not of this one.");
                System.exit(2);
            }
            // embedded infrastructure and simulators only: another application, no bus in it
            var partners = new SpringApplication();
            partners.setSources(Set.of(PARTNERS));
            partners.setWebApplicationType(WebApplicationType.NONE);
            partners.run(args);
            return;
        }
        SpringApplication.run(MemberbusApplication.class, args);
    }
}
