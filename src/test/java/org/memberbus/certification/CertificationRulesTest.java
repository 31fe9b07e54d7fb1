package org.memberbus.certification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The application fee and the exam body's eligibility window in config/certification.yaml, and edits refused. */
class CertificationRulesTest {

    static final String SHIPPED = "config/certification.yaml";

    @Test
    void theShippedRulesPriceMembersBelowNonMembersAndAuthoriseForAWindow() {
        var rules = new CertificationRules(SHIPPED);
        var fee = rules.applicationFee();
        assertThat(fee.currency()).isEqualTo("usd");
        assertThat(fee.member()).isEqualTo(25000);
        assertThat(fee.nonMember()).isEqualTo(40000);
        assertThat(rules.eligibilityDays()).isEqualTo(180);
    }

    @Test
    void aFeeOrWindowMissingOrWrongIsRefusedWithItsField() throws Exception {
        var text = Files.readString(Path.of(SHIPPED));
        var noFee = text.replaceAll("(?s)\\napplication-fee:.*?non-member: 40000\\n", "\n");
        assertThatThrownBy(() -> CertificationRules.parse(noFee, "test")).hasMessageContaining("application-fee: required");
        var negative = text.replace("member: 25000", "member: -1");
        assertThatThrownBy(() -> CertificationRules.parse(negative, "test")).hasMessageContaining("application-fee:");
        var noWindow = text.replace("eligibility-days: 180", "eligibility-days: 0");
        assertThatThrownBy(() -> CertificationRules.parse(noWindow, "test")).hasMessageContaining("exam-body.eligibility-days");
    }
}
