package org.memberbus.health;

import java.time.LocalDate;
import java.util.List;

/**
 * The chance that a membership renews (GET /api/v1/cs-sales/renewal/risk/{membership_id}), from
 * the member's health and renewal history, with the playbook recommended for it and the evidence.
 */
public record RenewalRisk(
        String memberId,
        LocalDate renewalDate,
        Long daysToRenewal,
        double probability,
        String playbook,
        String playbookDescription,
        List<Evidence> evidence,
        String modelVersion) {}
