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
            new Campaign("engaged-member", "Engagement score crossed its threshold; invite to volunteer or speak"));

    private Campaigns() {}

    static Optional<Campaign> named(String name) {
        return ALL.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    static List<String> names() {
        return ALL.stream().map(Campaign::name).toList();
    }
}
