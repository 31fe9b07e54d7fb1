package org.memberbus.finance.dues;

/**
 * What a level-change payment does, decided once and stored (table dues_change) before the CRM is
 * written: the membership and the contact move from one level to the other, the term unchanged.
 */
public record ChangeDecision(String paymentId, String contactId, String membershipId, String fromLevel, String toLevel) {}
