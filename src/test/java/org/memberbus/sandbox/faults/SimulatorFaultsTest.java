package org.memberbus.sandbox.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The shared switches: what they show, what they refuse, and in which order a call meets them. */
class SimulatorFaultsTest {

    private final ObjectMapper json = new ObjectMapper();
    private final List<SimulatorFaults.Fault> answered = new ArrayList<>();
    private final SimulatorFaults faults = new SimulatorFaults(() -> new IllegalStateException("out of range"),
            (fault, request, response) -> {
                answered.add(fault);
                response.setStatus(418);
            });

    private boolean call() throws Exception {
        return faults.preHandle(new MockHttpServletRequest(), new MockHttpServletResponse(), null);
    }

    @Test
    void downIsShownAndTakenOnlyWhereOffered() throws Exception {
        faults.set(json.readTree("{\"down\":true,\"latencyMs\":5}"), json);
        assertThat(faults.show()).containsOnlyKeys("latencyMs", "errorRate", "rateLimitNext");
        assertThat(call()).isTrue();

        faults.offeringDown().set(json.readTree("{\"down\":true}"), json);
        assertThat(faults.show()).containsEntry("down", true).containsEntry("latencyMs", 0L);
        assertThat(call()).isFalse();
        assertThat(answered).containsExactly(SimulatorFaults.Fault.DOWN);
    }

    @Test
    void theNextCallsAreRateLimitedWithRetryAfter() throws Exception {
        faults.set(json.readTree("{\"rateLimitNext\":1}"), json);
        var response = new MockHttpServletResponse();
        assertThat(faults.preHandle(new MockHttpServletRequest(), response, null)).isFalse();
        assertThat(response.getHeader("Retry-After")).isEqualTo("1");
        assertThat(call()).isTrue();
        assertThat(faults.show()).containsEntry("rateLimitNext", 0);
    }

    @Test
    void outOfRangeSwitchesAreRefusedAndChangeNothing() throws Exception {
        faults.set(json.readTree("{\"errorRate\":1}"), json);
        assertThatThrownBy(() -> faults.set(json.readTree("{\"errorRate\":2}"), json)).hasMessage("out of range");
        assertThat(call()).isFalse();
        assertThat(answered).containsExactly(SimulatorFaults.Fault.ERROR);
        faults.clear();
        assertThat(call()).isTrue();
    }

    @Test
    void extrasAreShownAfterTheCommonSwitchesAndTheirLimitAnswersAsRateLimited() throws Exception {
        faults.with(new SimulatorFaults.Extras() {
            @Override
            public void set(com.fasterxml.jackson.databind.JsonNode body, ObjectMapper json) {}

            @Override
            public void clear() {}

            @Override
            public void show(Map<String, Object> view) {
                view.put("ratePerSecond", 0);
            }

            @Override
            public boolean overLimit() {
                return true;
            }
        });
        assertThat(faults.show().keySet()).containsExactly("latencyMs", "errorRate", "rateLimitNext", "ratePerSecond");
        assertThat(call()).isFalse();
        assertThat(answered).containsExactly(SimulatorFaults.Fault.RATE_LIMITED);
    }
}
