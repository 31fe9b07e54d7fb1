package org.memberbus.sandbox.webinar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The webinar platform's registrant status and past-webinar report, as Zoom's API behaves (no server, no webhooks subscribed). */
class WebinarPlatformTest {

    final ZoomWebhooks webhooks = new ZoomWebhooks("secret", 1, new ObjectMapper(), Clock.systemUTC());
    final WebinarPlatform platform = new WebinarPlatform("acct", "http://127.0.0.1:1", webhooks, Clock.systemUTC());

    @AfterEach
    void close() {
        webhooks.close();
    }

    @Test
    void aCancelledRegistrantLeavesTheApprovedListForTheDeniedOneAndACancelAgainChangesNothing() {
        var id = platform.create("host", "Ethics", Instant.parse("2030-01-20T15:00:00Z"), 60).get("id").toString();
        var ann = platform.register(id, "ann@example.org", "Ann", "Lee").get("registrant_id").toString();
        platform.register(id, "bob@example.org", "Bob", "Ray");
        platform.updateStatus(id, "cancel", List.of(Map.of("id", ann)));
        platform.updateStatus(id, "cancel", List.of(Map.of("id", ann)));
        assertThat(platform.registrants(id, "approved")).extracting(r -> r.get("email")).containsExactly("bob@example.org");
        assertThat(platform.registrants(id, "denied")).extracting(r -> r.get("email")).containsExactly("ann@example.org");
        // an id the webinar does not have, or an email that is not the registrant's: Zoom's 3027
        assertThatThrownBy(() -> platform.updateStatus(id, "cancel", List.of(Map.of("id", "nope"))))
                .isInstanceOf(ZoomException.class).hasMessageContaining("Registrant not found");
        assertThatThrownBy(() -> platform.updateStatus(id, "cancel", List.of(Map.of("id", ann, "email", "bob@example.org"))))
                .isInstanceOf(ZoomException.class);
        assertThatThrownBy(() -> platform.updateStatus(id, "delete", List.of(Map.of("id", ann))))
                .isInstanceOf(ZoomException.class).hasMessageContaining("action");
    }

    @Test
    void thePastWebinarsReportIsThereOnlyOnceItEndedEvenWhenItsWebhookIsLost() {
        var id = platform.create("host", "Ethics", Instant.parse("2030-01-20T15:00:00Z"), 60).get("id").toString();
        assertThatThrownBy(() -> platform.report(id)).isInstanceOf(ZoomException.class).hasMessageContaining("does not exist");
        platform.attend(id, "ann@example.org", "Ann", Instant.parse("2030-01-20T15:00:00Z"), Instant.parse("2030-01-20T15:40:00Z"));
        platform.end(id, Instant.parse("2030-01-20T15:45:00Z"), false);
        var report = platform.report(id);
        assertThat(report.get("start_time")).isEqualTo("2030-01-20T15:00:00Z");
        assertThat(report.get("end_time")).isEqualTo("2030-01-20T15:45:00Z");
        assertThat(report.get("duration")).isEqualTo(45);
        assertThat(report.get("participants_count")).isEqualTo(1);
        assertThat(webhooks.deliveries()).noneMatch(d -> "webinar.ended".equals(d.get("event")));
    }
}
