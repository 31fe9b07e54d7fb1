package org.memberbus.health;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.memberbus.member.MembershipLevel;
import org.memberbus.member.MembershipStatus;

/**
 * What the bus keeps of one member's signals (table member_signals) and the facts counted over
 * the model's windows as of a day (table member_signal_event), turned into the raw values the
 * model's signals take ({@link #snapshot}). Values that depend on time (days since the last
 * sign-in, tenure, whether dues are overdue, what falls inside a window) are computed for the day
 * scored, so a member who does nothing drifts down by the daily re-score alone.
 */
public record SignalInputs(
        String memberId,
        String email,
        String ownerId,
        String membershipStatus,
        String membershipLevel,
        LocalDate memberSince,
        LocalDate renewalDate,
        Double ceEarned,
        Double ceRequired,
        Instant lastSeenAt,
        Integer duesOnTime,
        Counts counts) {

    /** Facts inside their windows as of the day scored, and the member's renewal history. */
    public record Counts(int posts90d, int contentViews90d, int eventsAttended12m, int refunds90d,
                         int duesPayments, int lapses, int activeCertifications, int certificationFacts) {
        public static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0);

        /** A member of whom no certification fact is known. */
        public Counts(int posts90d, int contentViews90d, int eventsAttended12m, int refunds90d, int duesPayments,
                      int lapses) {
            this(posts90d, contentViews90d, eventsAttended12m, refunds90d, duesPayments, lapses, 0, 0);
        }
    }

    /** The window of the signals named ..._90d and of open issues (refunds raised). */
    public static final int SHORT_WINDOW_DAYS = 90;
    /** The window of events_12m. */
    public static final int YEAR_WINDOW_DAYS = 365;

    /** The model's raw signal values on {@code asOf}; a value the bus does not know is left out (missing). */
    public SignalSnapshot snapshot(LocalDate asOf, ZoneId zone) {
        Map<String, Double> values = new HashMap<>();
        if (lastSeenAt != null) {
            LocalDate seen = LocalDate.ofInstant(lastSeenAt, zone);
            values.put("days_since_login", (double) Math.max(0, ChronoUnit.DAYS.between(seen, asOf)));
        }
        Counts c = counts == null ? Counts.NONE : counts;
        values.put("posts_90d", (double) c.posts90d());
        values.put("events_12m", (double) c.eventsAttended12m());
        values.put("content_views_90d", (double) c.contentViews90d());
        values.put("open_issues", (double) c.refunds90d());
        if (ceRequired != null && ceRequired > 0) {
            values.put("ce_credits", ceEarned == null ? 0.0 : ceEarned);
            values.put("ce_credits_required", ceRequired);
        }
        // certified: 1 while the member holds a certification, 0 once all have lapsed; never
        // certified, missing (the model skips it: there is nothing to hold)
        if (c.certificationFacts() > 0) {
            values.put("certified", c.activeCertifications() > 0 ? 1.0 : 0.0);
        }
        Double dues = duesPaidOnTime(asOf);
        if (dues != null) {
            values.put("dues_paid_on_time", dues);
        }
        if (memberSince != null) {
            double years = Math.max(0, ChronoUnit.DAYS.between(memberSince, asOf)) / 365.25;
            values.put("tenure_years", Math.floor(years * 100) / 100);
        }
        return new SignalSnapshot(memberId, asOf, values);
    }

    /**
     * 0 when the membership has run past its end date unpaid (lapsed, archived, or active past its
     * end), else what the last dues payment said (1 on time, 0 late or declined), else unknown.
     */
    Double duesPaidOnTime(LocalDate asOf) {
        MembershipStatus status = status();
        if (status == MembershipStatus.LAPSED || status == MembershipStatus.ARCHIVED
                || (renewalDate != null && renewalDate.isBefore(asOf))) {
            return 0.0;
        }
        return duesOnTime == null ? null : duesOnTime.doubleValue();
    }

    /** The membership status, or null when the CRM gave none or one the bus does not know. */
    public MembershipStatus status() {
        return parse(MembershipStatus.class, membershipStatus);
    }

    public MembershipLevel level() {
        return parse(MembershipLevel.class, membershipLevel);
    }

    /** The renewals before this one: every dues payment after the first. */
    public int priorRenewals() {
        return counts == null ? 0 : Math.max(0, counts.duesPayments() - 1);
    }

    public int priorLapses() {
        return counts == null ? 0 : counts.lapses();
    }

    static <E extends Enum<E>> E parse(Class<E> type, String crmValue) {
        if (crmValue == null || crmValue.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, crmValue.trim().toUpperCase(java.util.Locale.ROOT).replace(' ', '_'));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
