package org.memberbus.member;

import java.math.BigDecimal;
import java.time.LocalDate;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

/** A membership (the CRM's Membership__c): its level, status and period are the CRM's to decide. */
public record Membership(
        String crmId,
        @NotNull MembershipLevel level,
        @NotNull MembershipStatus status,
        @NotNull LocalDate startDate,
        @NotNull LocalDate endDate,
        @PositiveOrZero BigDecimal dues) {

    @AssertTrue(message = "endDate must not be before startDate")
    boolean isPeriodValid() {
        return startDate == null || endDate == null || !endDate.isBefore(startDate);
    }

    /** True when the membership ends within {@code days} days of {@code today} and is still active. */
    public boolean expiresWithin(LocalDate today, int days) {
        return status == MembershipStatus.ACTIVE && !endDate.isBefore(today) && !endDate.isAfter(today.plusDays(days));
    }
}
