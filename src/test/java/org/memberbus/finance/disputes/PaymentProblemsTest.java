package org.memberbus.finance.disputes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a dispute event or an ACH return means for the CRM's payment record and the membership. */
class PaymentProblemsTest {

    final PaymentProblems problems = new PaymentProblems();

    static Map<String, Object> dispute(String type, String status) {
        return Map.of("id", "evt_d", "type", type, "created", 1L, "data", Map.of("object", Map.of("object", "dispute",
                "id", "dp_1", "charge", "ch_1", "payment_intent", "pi_1", "status", status, "reason", "fraudulent",
                "amount", 29500L)));
    }

    static Map<String, Object> failed(String methodType) {
        return Map.of("id", "evt_f", "type", "payment_intent.payment_failed", "created", 1L, "data", Map.of("object", Map.of(
                "id", "pi_2", "amount", 29500L, "latest_charge", "py_1", "metadata", Map.of("purpose", "membership_join"),
                "last_payment_error", Map.of("code", "account_closed", "payment_method", Map.of("type", methodType)))));
    }

    static Map<String, Object> crm(String status) {
        return Map.of("totalSize", 1, "records", List.of(Map.of("Id", "a09", "Contact__c", "003DM0000000001AAA", "Status__c", status)));
    }

    @Test
    void aDisputeHoldsThePaymentALostOneUndoesItAWonOneRestoresIt() {
        var created = problems.dispute(dispute("charge.dispute.created", "needs_response"));
        assertThat(created.status()).isEqualTo("Disputed");
        assertThat(created.undoes()).isFalse();
        var lost = problems.dispute(dispute("charge.dispute.closed", "lost"));
        assertThat(lost.status()).isEqualTo("Dispute Lost");
        assertThat(lost.undoes()).isTrue();
        assertThat(lost.cause()).isEqualTo("dispute_lost");
        var won = problems.dispute(dispute("charge.dispute.closed", "won"));
        assertThat(won.status()).isEqualTo("Succeeded");
        assertThat(won.undoes()).isFalse();
        assertThat(problems.dispute(dispute("charge.dispute.updated", "under_review"))).isNull();
    }

    @Test
    void onlyABankDebitsFailureIsAnAchReturn() {
        var ach = problems.achReturn(failed("us_bank_account"));
        assertThat(ach.status()).isEqualTo("Failed");
        assertThat(ach.undoes()).isTrue();
        assertThat(ach.reason()).contains("account_closed");
        assertThat(problems.achReturn(failed("card"))).isNull();
    }

    @Test
    void aCreatedDeliveredAfterTheLostCloseChangesNothing() {
        var created = problems.dispute(dispute("charge.dispute.created", "needs_response"));
        assertThat(problems.superseded(created, crm("Dispute Lost"))).isTrue();
        assertThat(problems.superseded(created, crm("Succeeded"))).isFalse();
    }

    @Test
    void theCrmRecordIsWaitedForOnlyWhileAJoinMayStillWriteIt() {
        var old = problems.dispute(dispute("charge.dispute.created", "needs_response")); // created in 1970
        assertThat(problems.stillComing(old, crm("Succeeded"), null, 0)).isFalse();
        assertThat(problems.stillComing(old, Map.of("records", List.of()), "completing", 0)).isTrue();
        assertThat(problems.stillComing(old, Map.of("records", List.of()), "completing", 30)).isFalse();
        assertThat(problems.stillComing(old, Map.of("records", List.of()), null, 0)).isFalse();
        // the join completed between the two reads: once more
        assertThat(problems.stillComing(old, Map.of("records", List.of()), "completed", 0)).isTrue();
        assertThat(problems.stillComing(old, Map.of("records", List.of()), "completed", 3)).isFalse();
        assertThat(problems.purposeOf(old, "membership_renewal")).isEqualTo("membership_renewal");
    }
}
