package org.memberbus;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The integration bus. With no arguments it starts the sandbox profile: every part embedded. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MemberbusApplication {

    public static void main(String[] args) {
        SpringApplication.run(MemberbusApplication.class, args);
    }
}
