package org.memberbus;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** What whole-bus tests use to look at the partner systems from outside. */
@TestConfiguration(proxyBeanMethods = false)
class SandboxTestBeans {

    @Bean
    PartnerProbe partners(@Value("${memberbus.salesforce.login-url}") String salesforce,
                          @Value("${memberbus.community.url}") String community,
                          @Value("${memberbus.marketing.url}") String marketing) {
        return new PartnerProbe(salesforce, community, marketing);
    }
}
