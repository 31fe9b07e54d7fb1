package org.memberbus.member;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class MemberModelTest {

    final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();
    final LocalDate today = LocalDate.of(2026, 11, 23);

    Membership membership(MembershipLevel level, MembershipStatus status, LocalDate end) {
        return new Membership("a01DM0000000001AAA", level, status, end.minusYears(1), end, BigDecimal.valueOf(295));
    }

    @Test
    void aValidMemberHasNoViolations() {
        var member = new Member(
                new Contact("003DM0000000001AAA", "Ada", "Lovelace", "ada@example.org", null, "Analytical Engines", null),
                membership(MembershipLevel.PROFESSIONAL, MembershipStatus.ACTIVE, today.plusDays(100)),
                new CommunityAccount("cm_000001", AccessLevel.MEMBER, false));
        assertThat(validator.validate(member)).isEmpty();
    }

    @Test
    void invalidFieldsAreNamed() {
        var member = new Member(new Contact("001XYZ", "", "Lovelace", "not-an-email", null, null, null),
                new Membership(null, MembershipLevel.STUDENT, MembershipStatus.ACTIVE, today, today.minusDays(1), null),
                null);
        assertThat(validator.validate(member)).extracting(v -> v.getPropertyPath().toString()).containsExactlyInAnyOrder(
                "contact.crmId", "contact.firstName", "contact.email", "membership.periodValid");
    }

    @Test
    void communityAccessFollowsTheCrmMembership() {
        assertThat(CommunityAccount.accessFor(membership(MembershipLevel.PROFESSIONAL, MembershipStatus.ACTIVE, today)))
                .isEqualTo(AccessLevel.MEMBER);
        assertThat(CommunityAccount.accessFor(membership(MembershipLevel.FELLOW, MembershipStatus.ACTIVE, today)))
                .isEqualTo(AccessLevel.PREMIUM);
        assertThat(CommunityAccount.accessFor(membership(MembershipLevel.FELLOW, MembershipStatus.LAPSED, today)))
                .isEqualTo(AccessLevel.RESTRICTED);
        assertThat(CommunityAccount.accessFor(membership(MembershipLevel.STUDENT, MembershipStatus.ARCHIVED, today)))
                .isEqualTo(AccessLevel.NONE);
        assertThat(CommunityAccount.accessFor(null)).isEqualTo(AccessLevel.NONE);
    }

    @Test
    void expiringSoonMeansActiveAndEndingWithinTheWindow() {
        assertThat(membership(MembershipLevel.STUDENT, MembershipStatus.ACTIVE, today.plusDays(30)).expiresWithin(today, 30)).isTrue();
        assertThat(membership(MembershipLevel.STUDENT, MembershipStatus.ACTIVE, today.plusDays(31)).expiresWithin(today, 30)).isFalse();
        assertThat(membership(MembershipLevel.STUDENT, MembershipStatus.LAPSED, today.plusDays(3)).expiresWithin(today, 30)).isFalse();
    }
}
