package org.memberbus.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VersionOrderTest {

    @Test
    void salesforceTimestampsCompareAsInstants() {
        var order = VersionOrder.TIMESTAMP;
        assertThat(order.isNewer("2026-11-23T10:00:00.001+0000", "2026-11-23T10:00:00.000+0000")).isTrue();
        assertThat(order.isNewer("2026-11-23T10:00:00.000+0000", "2026-11-23T10:00:00.000Z")).isFalse();
        assertThat(order.compare("2026-11-23T11:00:00+01:00", "2026-11-23T10:00:00.000+0000")).isZero();
        assertThat(order.isNewer("2026-11-23T09:00:00Z", "2026-11-23T10:00:00Z")).isFalse();
        assertThat(order.isNewer("2026-11-23T09:00:00Z", null)).isTrue();
    }

    @Test
    void sequencesCompareAsNumbersNotText() {
        var order = VersionOrder.SEQUENCE;
        assertThat(order.isNewer("10", "9")).isTrue();
        assertThat(order.isNewer("9", "9")).isFalse();
        assertThat(order.isNewer("99999999999999999999", "1")).isTrue();
    }

    @Test
    void malformedVersionsAreRefusedWithTheirValue() {
        assertThatThrownBy(() -> VersionOrder.SEQUENCE.compare("v7", "7"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("not an integer version: 'v7'");
        assertThatThrownBy(() -> VersionOrder.TIMESTAMP.compare("2026-11-23", "2026-11-23T10:00:00Z"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not an ISO-8601 timestamp version: '2026-11-23'");
    }
}
