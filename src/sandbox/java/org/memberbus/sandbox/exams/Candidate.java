package org.memberbus.sandbox.exams;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The person sitting an exam, as the bus sends it; {@code memberNumber} is absent for non-members. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Candidate(String crmContactId, String memberNumber, String firstName, String lastName, String email) {}
