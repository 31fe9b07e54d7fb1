package org.memberbus.sandbox.marketing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Marketo's paging of lead activities: each call goes through a fixed number of activities of all types. */
class ActivitiesTest {

    final Campaigns.Campaign welcome = Campaigns.named("welcome").orElseThrow();
    final Campaigns.Campaign renewal = Campaigns.named("renewal-confirmation").orElseThrow();
    final Instant t0 = Instant.parse("2026-12-01T10:00:00.600Z");

    @Test
    void aCallGoesThroughAPageOfAllActivitiesAndSaysWhetherMoreRemain() {
        var log = new Activities(3);
        for (int i = 0; i < 4; i++) {
            log.campaignRequested(1, t0.plusSeconds(i), welcome); // another lead's runs fill the first page
        }
        log.campaignRequested(7, t0.plusSeconds(10), renewal);

        var first = log.page(Activities.pagingToken("2026-12-01T10:00:00Z"), Set.of(47), Set.of(7));
        assertThat(first.result()).as("the first 3 activities hold none of lead 7").isEmpty();
        assertThat(first.moreResult()).isTrue();
        var second = log.page(first.nextPageToken(), Set.of(47), Set.of(7));
        assertThat(second.moreResult()).isFalse();
        assertThat(second.result()).singleElement().satisfies(a -> {
            assertThat(a.leadId()).isEqualTo(7);
            assertThat(a.activityTypeId()).isEqualTo(47);
            assertThat(a.primaryAttributeValueId()).isEqualTo(renewal.id());
            assertThat(a.primaryAttributeValue()).isEqualTo("renewal-confirmation");
            assertThat(a.activityDate()).as("dated to the second, UTC").isEqualTo("2026-12-01T10:00:10Z");
            assertThat(a.attributes()).extracting(Activities.Attribute::name).containsExactly("Source");
        });
    }

    @Test
    void theDateTokenStartsAtTheFirstActivityOnOrAfterIt() {
        var log = new Activities(300);
        log.campaignRequested(7, t0, renewal);
        log.campaignRequested(7, t0.plusSeconds(60), welcome);
        assertThat(log.page(Activities.pagingToken("2026-12-01T10:00:00Z"), Set.of(47), Set.of()).result()).hasSize(2);
        assertThat(log.page(Activities.pagingToken("2026-12-01T11:00:30+01:00"), Set.of(47), Set.of(7)).result())
                .extracting(Activities.Activity::primaryAttributeValue).containsExactly("welcome");
        assertThat(log.page(Activities.pagingToken("2026-12-01T10:02:00Z"), Set.of(47), Set.of(7)).result()).isEmpty();
    }

    @Test
    void badRequestsAreRefusedWithMarketosCode() {
        var log = new Activities(300);
        assertThatThrownBy(() -> Activities.pagingToken("yesterday")).hasMessageContaining("sinceDatetime");
        assertThatThrownBy(() -> log.page("not-a-token", Set.of(47), Set.of())).hasMessageContaining("nextPageToken");
        assertThatThrownBy(() -> log.page(Activities.pagingToken("2026-12-01"), Set.of(), Set.of()))
                .hasMessageContaining("activityTypeIds");
        assertThatThrownBy(() -> log.page(null, Set.of(47), Set.of()))
                .isInstanceOfSatisfying(MarketoException.class, e -> assertThat(e.code()).isEqualTo("1003"));
    }
}
