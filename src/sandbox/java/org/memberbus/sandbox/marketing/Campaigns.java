package org.memberbus.sandbox.marketing;

import java.util.List;
import java.util.Optional;

/** The association's triggerable campaigns (Marketo "Smart Campaigns" with a "Campaign is Requested" trigger). */
final class Campaigns {

    /** {@code id}: the campaign's Marketo id, which a "Request Campaign" activity names. */
    record Campaign(int id, String name, String description) {}

    static final List<Campaign> ALL = List.of(
            new Campaign(1001, "welcome", "New member welcome series"),
            new Campaign(1002, "payment-failed", "A dues or fee payment failed; ask to update the card"),
            new Campaign(1003, "renewal-notice", "Membership ends soon; invite to renew"),
            new Campaign(1004, "renewal-confirmation", "Renewal received; new end date"),
            new Campaign(1005, "lapse-notice", "Membership lapsed; access restricted"),
            new Campaign(1006, "reactivation", "Win back a lapsed member during the grace period"),
            new Campaign(1007, "waitlist-spot", "A seat opened up at an event the member is waitlisted for"),
            new Campaign(1008, "ce-gap", "Continuing-education credits still missing before certification renewal"),
            new Campaign(1009, "retention", "Member health fell; re-engagement series"),
            new Campaign(1010, "expansion", "Healthy member; suggest an upgrade, certification or event"),
            new Campaign(1011, "certification-renewal", "Certification expires in 90 days; renew"),
            // events (issue 10)
            new Campaign(1101, "event-confirmation", "Event registration confirmed"),
            new Campaign(1102, "event-waitlisted", "The event is full; on the waitlist with a position"),
            new Campaign(1103, "event-offer-reminder", "The offered seat expires soon; take it or let it pass"),
            new Campaign(1104, "event-offer-expired", "The offered seat expired and passed to the next person"),
            new Campaign(1105, "event-cancelled", "The event is cancelled; the fee is refunded"),
            // reporting (issue 13): staff told a report is ready, with its link on the staff portal
            new Campaign(1020, "report-delivery", "A report is ready; link to it on the staff portal"),
            // certification (issue 11)
            new Campaign(1111, "exam-failed", "An exam attempt failed or was missed; when a retake is allowed"),
            // finance (issue 9): the payer's receipt, with the link to its PDF
            new Campaign(1301, "payment-receipt", "Payment received; the receipt (PDF) linked"),
            // engagement (issue 12): an id of its own range, apart from other flows' additions
            new Campaign(1201, "engaged-member", "Engagement score crossed its threshold; invite to volunteer or speak"));

    private Campaigns() {}

    static Optional<Campaign> named(String name) {
        return ALL.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    static List<String> names() {
        return ALL.stream().map(Campaign::name).toList();
    }
}
