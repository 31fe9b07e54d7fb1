package org.memberbus.sandbox.community;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.memberbus.sandbox.demo.DemoAssociation;

/**
 * Plants the demo association in the community: an account per member (id = communityId), the
 * groups they belong to, badges and CE balances for certified members, and the 12 event pages.
 */
final class CommunitySeed {

    static final String CERTIFICATE_BASE = "https://community.memberbus.sandbox/certificates/";

    private CommunitySeed() {}

    static void plant(DemoAssociation demo, Instant now, Accounts accounts, Groups groups, Badges badges,
                      CeBalances ce, Events events) {
        for (var m : demo.members()) {
            var status = AccountStatus.valueOf(m.status().name());
            var level = AccountLevel.valueOf(m.level().name());
            var activity = m.activity();
            var lastLogin = startOf(demo.today().minusDays(activity.daysSinceLastLogin())).plusSeconds(60L * (m.number() % 720));
            accounts.seed(new Account(m.communityId(), m.crmContactId(), m.memberNumber(), m.firstName(), m.lastName(),
                    m.email(), m.phone(), m.employer(), m.city(), m.country(), status, m.endDate(), level,
                    Access.forMembership(status, level), null, null, null,
                    new Account.CommunicationPreferences(true, m.number() % 3 == 0, m.number() % 4 != 0),
                    new Account.Engagement(lastLogin, activity.postsLast90Days(), activity.contentViewsLast90Days(),
                            activity.eventsAttendedLast12Months()),
                    1, startOf(m.memberSince()), now));
            var joined = m.memberSince().plusDays(m.number() % 90);
            for (var group : activity.groups()) {
                groups.join(group, m.communityId(), startOf(joined.isAfter(demo.today()) ? demo.today() : joined));
            }
            var certification = m.certification();
            if (certification != null) {
                badges.award(m.communityId(), new Badges.Award(certification.program(), certification.id(),
                        certification.awarded(), certification.expires(), CERTIFICATE_BASE + certification.id()), now);
                ce.set(m.communityId(), new CeBalances.Update(certification.ceEarned(), certification.ceRequired(),
                        certification.expires()), now);
            }
        }
        for (var e : demo.events()) {
            events.seed(new Events.EventPage(e.communityId(), e.crmId(), e.name(), e.date(), e.capacity(),
                    e.memberPrice(), e.nonMemberPrice(), e.ceuCredits(), true, now, now, Events.EventPage.SCHEDULED));
        }
    }

    private static Instant startOf(LocalDate day) {
        return day.atStartOfDay().toInstant(ZoneOffset.UTC);
    }
}
