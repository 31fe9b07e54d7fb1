package org.memberbus.sandbox.marketing;

import java.util.List;
import java.util.Optional;

/** The association's triggerable campaigns (Marketo "Smart Campaigns" with a "Campaign is Requested" trigger). */
final class Campaigns {

    record Campaign(String name, String description) {}

    static final List<Campaign> ALL = List.of(
            new Campaign("welcome", "New member welcome series"),
            new Campaign("payment-failed", "A dues or fee payment failed; ask to update the card"),
            new Campaign("renewal-notice", "Membership ends soon; invite to renew"),
            new Campaign("renewal-confirmation", "Renewal received; new end date"),
            new Campaign("lapse-notice", "Membership lapsed; access restricted"),
            new Campaign("reactivation", "Win back a lapsed member during the grace period"),
            new Campaign("waitlist-spot", "A seat opened up at an event the member is waitlisted for"),
            new Campaign("ce-gap", "Continuing-education credits still missing before certification renewal"),
            new Campaign("retention", "Member health fell; re-engagement series"),
            new Campaign("expansion", "Healthy member; suggest an upgrade, certification or event"),
            new Campaign("certification-renewal", "Certification expires in 90 days; renew"),
            // events (issue 10)
            new Campaign("event-confirmation", "Event registration confirmed"),
            new Campaign("event-waitlisted", "The event is full; on the waitlist with a position"),
            new Campaign("event-offer-reminder", "The offered seat expires soon; take it or let it pass"),
            new Campaign("event-offer-expired", "The offered seat expired and passed to the next person"),
            new Campaign("event-cancelled", "The event is cancelled; the fee is refunded"));

    private Campaigns() {}

    static Optional<Campaign> named(String name) {
        return ALL.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    static List<String> names() {
        return ALL.stream().map(Campaign::name).toList();
    }
}
