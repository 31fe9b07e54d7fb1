package org.memberbus.certification;

import java.time.Instant;

/**
 * The {@code exam.result} fact: one attempt at one exam, whichever channel reported it (the exam
 * body's signed webhook or a row of its nightly SFTP file). {@code resultId} is the exam body's id
 * of the attempt, the same in both channels; {@code score} is null for a no-show.
 */
public record ExamResult(String resultId, String crmContactId, String examCode, Instant takenAt,
                         Outcome outcome, Integer score, Integer passingScore, String channel) {

    public enum Outcome { PASS, FAIL, NO_SHOW }

    public boolean passed() {
        return outcome == Outcome.PASS;
    }
}
