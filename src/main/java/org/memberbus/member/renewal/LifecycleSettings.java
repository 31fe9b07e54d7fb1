package org.memberbus.member.renewal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The business rules of the member lifecycle that staff change (application.yaml,
 * {@code memberbus.lifecycle.*}); the cron expressions of the jobs are read by the routes.
 *
 * @param timeZone           where "today" is reckoned (the CRM org's time zone)
 * @param term               one membership term
 * @param renewalNoticeDays  a renewal notice goes to active members whose membership ends within this many days
 * @param graceDays          a lapsed membership is archived this many days after its end date
 * @param collectionSize     records per sObject Collections call (Salesforce allows 200)
 */
@ConfigurationProperties("memberbus.lifecycle")
public record LifecycleSettings(
        @DefaultValue("UTC") ZoneId timeZone,
        @DefaultValue("P1Y") Period term,
        @DefaultValue("30") int renewalNoticeDays,
        @DefaultValue("90") int graceDays,
        @DefaultValue("200") int collectionSize) {

    public LifecycleSettings {
        if (term.isNegative() || term.isZero()) {
            throw new IllegalArgumentException("memberbus.lifecycle.term must be positive, is " + term);
        }
        if (renewalNoticeDays < 0 || graceDays < 0) {
            throw new IllegalArgumentException("memberbus.lifecycle.renewal-notice-days and grace-days must not be negative");
        }
        if (collectionSize < 1 || collectionSize > 200) {
            throw new IllegalArgumentException("memberbus.lifecycle.collection-size must be 1 to 200, is " + collectionSize);
        }
    }

    LocalDate today(Clock clock) {
        return LocalDate.now(clock.withZone(timeZone));
    }
}
