package org.memberbus.sandbox.exams;

import java.time.Instant;

/** The outcome of a completed appointment: what the {@code exam.result} webhook carries. */
record ExamResult(String resultId, String appointmentId, String applicationId, String crmContactId,
                  String memberNumber, String examCode, int score, int passingScore, boolean passed,
                  Instant takenAt) {}
