package org.memberbus.member.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.memberbus.BusClient;
import org.memberbus.PartnerProbe;
import org.memberbus.SandboxTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A run that fails half-way (the community is down while its accounts are read) still ends: the
 * next run is let in, and fails for the same reason instead of being refused as "running
 * already". Guards the route configuration that releases the run on completion.
 */
@SandboxTest
class ReconciliationAfterAFailureTest {

    @LocalServerPort int port;
    @Autowired PartnerProbe partners;

    @Test
    void aFailedRunLetsTheNextOneStart() {
        var bus = new BusClient(port);
        partners.communityFaults("{\"down\":true}");
        try {
            var first = bus.postAs(BusClient.OPS, MemberReconciliationTest.RUN, "");
            assertThat(first.statusCode()).as(first.body()).isGreaterThanOrEqualTo(500);
            var second = bus.postAs(BusClient.OPS, MemberReconciliationTest.RUN, "");
            assertThat(second.statusCode()).as(second.body()).isNotEqualTo(409).isGreaterThanOrEqualTo(500);
        } finally {
            partners.communityFaults(null);
        }
    }
}
