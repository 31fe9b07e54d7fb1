package org.memberbus.certification;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The certification flow's beans (routes/certification-*.camel.yaml). */
@Configuration(proxyBeanMethods = false)
class CertificationConfig {

    @Bean
    CertificationRules certificationRules(@Value("${memberbus.certification.rules-path}") String path) {
        return new CertificationRules(path);
    }

    @Bean
    BadgeIssuer badgeIssuer(@Value("${memberbus.certification.badge-signing-key:}") String key,
                            @Value("${memberbus.certification.public-url}") String publicUrl,
                            CertificationRules rules) throws Exception {
        return new BadgeIssuer(key, publicUrl, rules);
    }

    @Bean
    ExamResults examResults(JdbcTemplate jdbc, ObjectMapper json) {
        return new ExamResults(jdbc, json);
    }

    @Bean
    CeCredits ceCredits(JdbcTemplate jdbc, CertificationRules rules) {
        return new CeCredits(jdbc, rules, Clock.systemUTC());
    }

    @Bean
    Certifications certifications(JdbcTemplate jdbc, CertificationRules rules, BadgeIssuer badges) {
        return new Certifications(jdbc, rules, badges, Clock.systemUTC());
    }

    @Bean
    CertificationApplications certificationApplications(ObjectMapper json, CertificationRules rules) {
        return new CertificationApplications(json, rules, Clock.systemUTC());
    }

    @Bean
    ApplicationFees certificationApplicationFees(JdbcTemplate jdbc, CertificationRules rules,
                                                 org.memberbus.finance.events.MemberStatusCache statuses,
                                                 org.memberbus.finance.events.CrmStatusReader crm, ObjectMapper json) {
        return new ApplicationFees(jdbc, rules, statuses, crm, json);
    }

    @Bean
    Certificates certificates(JdbcTemplate jdbc, CertificationRules rules, Certifications certifications) {
        return new Certificates(jdbc, rules, certifications);
    }

    @Bean
    Renewals certificationRenewals(JdbcTemplate jdbc, CertificationRules rules, BadgeIssuer badges,
                                   Certifications certifications, ObjectMapper json) {
        return new Renewals(jdbc, rules, badges, certifications, json);
    }
}
