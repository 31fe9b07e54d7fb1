package org.memberbus.health;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The health flow's settings from application.yaml ({@code memberbus.health.*}); the model itself
 * (weights, bands, trigger rules, campaign names) is in health-model.yaml.
 */
@Component
public class HealthFlowSettings {

    private final ZoneId zone;
    private final List<String> triggerStatuses;
    private final List<String> duesPaymentTypes;
    private final List<String> lifecycleCampaigns;
    private final int newMemberDays;
    private final int renewalDueDays;
    private final int segmentMax;
    private final int crmBatchSize;
    private final int crmMaxAttempts;
    private final int newMemberGraceDays;
    private final int keepSentDays;
    private Clock clock;

    public HealthFlowSettings(
            @Value("${memberbus.health.time-zone:UTC}") String zone,
            @Value("${memberbus.health.trigger-statuses:Active}") List<String> triggerStatuses,
            @Value("${memberbus.health.dues-payment-types:dues,membership,renewal}") List<String> duesPaymentTypes,
            @Value("${memberbus.health.lifecycle-campaigns:welcome,renewal-notice,reactivation,ce-gap,retention,expansion,certification-renewal}")
            List<String> lifecycleCampaigns,
            @Value("${memberbus.health.lifecycle.new-member-days:365}") int newMemberDays,
            @Value("${memberbus.health.lifecycle.renewal-due-days:90}") int renewalDueDays,
            @Value("${memberbus.health.segment-max:5000}") int segmentMax,
            @Value("${memberbus.health.crm-batch-size:200}") int crmBatchSize,
            @Value("${memberbus.health.crm-max-attempts:5}") int crmMaxAttempts,
            @Value("${memberbus.health.new-member-grace-days:30}") int newMemberGraceDays,
            @Value("${memberbus.health.keep-sent-days:30}") int keepSentDays) {
        this.zone = ZoneId.of(zone);
        this.triggerStatuses = lower(triggerStatuses);
        this.duesPaymentTypes = lower(duesPaymentTypes);
        this.lifecycleCampaigns = List.copyOf(lifecycleCampaigns);
        this.newMemberDays = newMemberDays;
        this.renewalDueDays = renewalDueDays;
        this.segmentMax = segmentMax;
        this.crmBatchSize = Math.min(200, Math.max(1, crmBatchSize));
        this.crmMaxAttempts = crmMaxAttempts;
        this.newMemberGraceDays = newMemberGraceDays;
        this.keepSentDays = keepSentDays;
        this.clock = Clock.system(this.zone);
    }

    private static List<String> lower(List<String> values) {
        return values.stream().map(v -> v.trim().toLowerCase(Locale.ROOT)).filter(v -> !v.isEmpty()).toList();
    }

    /** The association's day: what "today" and a signal's window mean. */
    public ZoneId zone() {
        return zone;
    }

    public Clock clock() {
        return clock;
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** For tests: another clock. */
    void clock(Clock clock) {
        this.clock = clock;
    }

    /** Whether a member with this CRM membership status gets campaigns, tasks and renewal events. */
    public boolean triggersFor(String membershipStatus) {
        return membershipStatus != null && triggerStatuses.contains(membershipStatus.trim().toLowerCase(Locale.ROOT));
    }

    /** Whether a gateway payment's {@code metadata.type} is a dues payment. */
    public boolean isDues(String paymentType) {
        return paymentType != null && duesPaymentTypes.contains(paymentType.trim().toLowerCase(Locale.ROOT));
    }

    /** The campaigns staff may start through the API (the marketing system's names). */
    public List<String> lifecycleCampaigns() {
        return lifecycleCampaigns;
    }

    public int newMemberDays() {
        return newMemberDays;
    }

    public int renewalDueDays() {
        return renewalDueDays;
    }

    public int segmentMax() {
        return segmentMax;
    }

    public int crmBatchSize() {
        return crmBatchSize;
    }

    /**
     * Whether {@code day} falls in a new member's first days, when the health triggers wait: a
     * member who joined this week has not had the time to sign in, post or attend (the welcome
     * campaign is theirs). Scores are kept and written all the same.
     */
    public boolean inGrace(LocalDate memberSince, LocalDate day) {
        return memberSince != null && day.isBefore(memberSince.plusDays(newMemberGraceDays));
    }

    /** How long sent messages stay in the outbox (for operators to look at). */
    public int keepSentDays() {
        return keepSentDays;
    }

    public int crmMaxAttempts() {
        return crmMaxAttempts;
    }
}
