package org.memberbus.sandbox.exams;

/**
 * One exam in the exam body's catalogue. {@code name} is the certification program it leads to,
 * spelled as the CRM and the demo association spell it.
 */
record Exam(String code, String name, int passingScore, int durationMinutes, int retakeWaitingPeriodDays,
            int questions) {

    boolean passes(int score) {
        return score >= passingScore;
    }
}
