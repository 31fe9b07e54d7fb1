package org.memberbus.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** config/events.yaml and config/ceu-rules.yaml as shipped, and their mistakes named; an event's registration window. */
class EventsConfigTest {

    @Test
    void theShippedFilesParse() throws Exception {
        var settings = EventsSettings.parse(Files.readString(Path.of("config/events.yaml")), "config/events.yaml");
        assertThat(settings.offerExpiresAfter()).isEqualTo(Duration.ofHours(24));
        assertThat(settings.reminderBefore()).isEqualTo(Duration.ofHours(4));
        var rules = CeuRules.parse(Files.readString(Path.of("config/ceu-rules.yaml")), "config/ceu-rules.yaml");
        assertThat(rules.fallback().requiredAttendance()).isTrue();
        assertThat(rules.fallback().minShareOfMinutes()).isEqualTo(0.75);
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> EventsSettings.parse("waitlist:\n  offer-expires-after: PT1H\n  reminder-before: PT2H\n", "x"))
                .hasMessageContaining("reminder-before must be shorter");
        assertThatThrownBy(() -> EventsSettings.parse("waitlist:\n  offer-expires-after: tomorrow\n  reminder-before: PT2H\n", "x"))
                .hasMessageContaining("not an ISO duration");
        assertThatThrownBy(() -> CeuRules.parse("default:\n  min-share-of-minutes: 1.5\n", "x"))
                .hasMessageContaining("0 to 1");
        assertThatThrownBy(() -> CeuRules.parse("events: {}\n", "x")).hasMessageContaining("'default'");
    }

    @Test
    void registrationIsOpenInsideItsWindowOnly() {
        var day = LocalDate.of(2027, 5, 10);
        var event = new CrmEvent("a03000000000001AAA", "Summit", day, 100, "Open", 100_00, 200_00, null, null, null,
                day.minusDays(30), day.minusDays(2), 4);
        assertThat(event.closedReason(day.minusDays(31))).contains("opens");
        assertThat(event.closedReason(day.minusDays(2))).isNull();
        assertThat(event.closedReason(day.minusDays(1))).contains("closed");
        var cancelled = new CrmEvent("a03000000000001AAA", "Summit", day, 100, "Cancelled", 100_00, 200_00, null, null,
                null, null, null, 4);
        assertThat(cancelled.closedReason(day.minusDays(10))).contains("cancelled");
        assertThat(cancelled.communityPage()).containsEntry("status", "cancelled");
    }
}
