package org.memberbus.finance.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.memberbus.crm.CrmChange;

/** Ticket prices by the buyer's CRM status, early-bird dates, and the status cache read once per member. */
class EventFeesTest {

    static final LocalDate EARLY_UNTIL = LocalDate.of(2027, 3, 31);
    static final Map<String, TicketPrice> TABLE = Map.of(
            "conference", new TicketPrice(29_500, 39_500, EARLY_UNTIL, 24_500L, 34_500L),
            "workshop", TicketPrice.of(9_500, 19_500));

    final Map<String, String> crm = new HashMap<>(Map.of("003A", "Active", "003L", "Lapsed", "003P", "Pending"));
    final AtomicInteger crmReads = new AtomicInteger();
    final CrmStatusReader reader = id -> {
        crmReads.incrementAndGet();
        return crm.get(id);
    };
    final MemberStatusCache cache = new MemberStatusCache();
    final EventFees fees = new EventFees(cache);

    @Test
    void anActiveMemberPaysTheMemberRateEarlyBirdUpToItsLastDay() {
        assertThat(fees.price(TABLE, "conference", "003A", EARLY_UNTIL, reader))
                .isEqualTo(new EventFee("conference", 24_500, "early-bird member", true, "Active", false, null));
        assertThat(fees.price(TABLE, "conference", "003A", EARLY_UNTIL.plusDays(1), reader).amount()).isEqualTo(29_500);
        assertThat(fees.price(TABLE, "workshop", "003A", EARLY_UNTIL, reader).amount()).isEqualTo(9_500);
    }

    @Test
    void aLapsedMemberPaysTheNonMemberRateAndIsOfferedTheRenewalBundle() {
        EventFee fee = fees.price(TABLE, "conference", "003L", EARLY_UNTIL.plusDays(10), reader);
        assertThat(fee.amount()).isEqualTo(39_500);
        assertThat(fee.rate()).isEqualTo("non-member");
        assertThat(fee.renewalBundleOffered()).isTrue();
        assertThat(fee.memberAmountWithRenewal()).isEqualTo(29_500);
    }

    @Test
    void guestsPendingAndUnknownContactsPayTheNonMemberRate() {
        assertThat(fees.price(TABLE, "conference", null, EARLY_UNTIL, reader).amount()).isEqualTo(34_500);
        assertThat(fees.price(TABLE, "conference", "003P", EARLY_UNTIL.plusDays(1), reader).amount()).isEqualTo(39_500);
        EventFee nobody = fees.price(TABLE, "workshop", "003X", EARLY_UNTIL, reader);
        assertThat(nobody.amount()).isEqualTo(19_500);
        assertThat(nobody.renewalBundleOffered()).isFalse();
        assertThat(crmReads.get()).isEqualTo(2); // the guest costs no read
    }

    @Test
    void eachMemberIsReadFromTheCrmOnceThenKeptFreshByChangeEvents() {
        for (int i = 0; i < 5; i++) {
            fees.price(TABLE, "workshop", "003A", EARLY_UNTIL, reader);
            fees.price(TABLE, "workshop", "003X", EARLY_UNTIL, reader); // not a contact: remembered too
        }
        assertThat(crmReads.get()).isEqualTo(2);

        // the member lapses in the CRM: the change event, not a read, moves the price
        crm.put("003A", "Lapsed");
        cache.apply(change("003A", "UPDATE", Map.of("Membership_Status__c", "Lapsed")));
        assertThat(fees.price(TABLE, "workshop", "003A", EARLY_UNTIL, reader).amount()).isEqualTo(19_500);
        // other fields and other objects change nothing
        cache.apply(change("003A", "UPDATE", Map.of("Email", "x@example.org")));
        cache.apply(new CrmChange(9, "Membership__c", "UPDATE", "003A", 0, null, Map.of("Membership_Status__c", "Active")));
        assertThat(fees.price(TABLE, "workshop", "003A", EARLY_UNTIL, reader).rate()).isEqualTo("non-member");
        assertThat(crmReads.get()).isEqualTo(2);

        // a deleted contact is forgotten and read again if asked about
        cache.apply(change("003A", "DELETE", Map.of()));
        fees.price(TABLE, "workshop", "003A", EARLY_UNTIL, reader);
        assertThat(crmReads.get()).isEqualTo(3);
    }

    @Test
    void aChangeEventForAMemberNotSeenYetSavesTheRead() {
        cache.apply(change("003N", "CREATE", Map.of("Membership_Status__c", "Active", "LastName", "New")));
        assertThat(fees.price(TABLE, "workshop", "003N", EARLY_UNTIL, reader).rate()).isEqualTo("member");
        assertThat(crmReads.get()).isZero();
    }

    @Test
    void anUnknownTicketTypeIsRefusedWithTheTypesSold() {
        assertThatThrownBy(() -> fees.price(TABLE, "gala", "003A", EARLY_UNTIL, reader))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gala");
        assertThatThrownBy(() -> TicketPrice.of(-1, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    static CrmChange change(String id, String type, Map<String, Object> fields) {
        return new CrmChange(1, "Contact", type, id, 0, "com/salesforce/api/rest/56.0", fields);
    }
}
