package org.memberbus;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * The integration bus. With no arguments it starts the sandbox profile: every part embedded.
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

    public static void main(String[] args) {
        SpringApplication.run(MemberbusApplication.class, args);
    }
}
