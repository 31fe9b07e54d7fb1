package org.memberbus.sandbox.exams;

import java.time.LocalDate;
import java.time.ZoneOffset;
import org.memberbus.sandbox.demo.DemoAssociation;
import org.memberbus.sandbox.demo.DemoAssociation.DemoMember;

/**
 * Seeds the REST exam body with the demo association's history: every certification holder
 * passed their exam two weeks before the award; of the members pursuing a certification, one
 * cohort failed an attempt 1-40 days ago (many still inside the retake waiting period) and one
 * has a sitting booked in the coming weeks. Ids are stable across restarts.
 */
final class DemoExamHistory {

    private DemoExamHistory() {}

    static void seed(AppointmentBook book, Eligibility eligibility, DemoAssociation demo) {
        for (var holder : ExamCandidates.holders(demo)) {
            var m = holder.member();
            var exam = holder.exam();
            var takenOn = m.certification().awarded().minusDays(14 + m.number() % 30);
            int score = Math.min(100, exam.passingScore() + 3 + m.number() % 25);
            sat(book, m, exam, takenOn, score);
            authorized(eligibility, m, exam, takenOn.minusDays(30), takenOn.plusDays(60), 1);
        }
        for (var pursuit : ExamCandidates.pursuing(demo)) {
            var m = pursuit.member();
            var exam = pursuit.exam();
            switch (ExamCandidates.cohort(m)) {
                case FAILED_RECENTLY -> {
                    var takenOn = demo.today().minusDays(1 + m.number() % 40);
                    sat(book, m, exam, takenOn, Math.max(0, exam.passingScore() - 4 - m.number() % 20));
                    authorized(eligibility, m, exam, takenOn.minusDays(30), takenOn.plusDays(60), 1);
                }
                case BOOKED -> {
                    var date = demo.today().plusDays(7 + m.number() % 30);
                    var created = demo.today().minusDays(3).atStartOfDay().toInstant(ZoneOffset.UTC);
                    authorized(eligibility, m, exam, demo.today().minusDays(3), date.plusDays(60), 1);
                    book.record(new Appointment(Ids.seeded("apt", "demo:" + m.number() + ":" + exam.code()),
                            Appointment.SCHEDULED, exam.code(), candidate(m), ExamCandidates.applicationId(m),
                            ExamCandidates.applicationId(m), date,
                            date.atTime(AppointmentBook.SITTING_TIME).toInstant(ZoneOffset.UTC),
                            TestCenter.forCandidate(m.crmContactId()), created, null, null), null);
                }
                case SAT_YESTERDAY_BY_FILE -> { } // the SFTP exam body's seeded results file
            }
        }
    }

    private static void sat(AppointmentBook book, DemoMember m, Exam exam,
                            LocalDate takenOn, int score) {
        var key = "demo:" + m.number() + ":" + exam.code();
        var takenAt = takenOn.atTime(AppointmentBook.SITTING_TIME).toInstant(ZoneOffset.UTC);
        var result = new ExamResult(Ids.seeded("res", key), Ids.seeded("apt", key), ExamCandidates.applicationId(m),
                m.crmContactId(), m.memberNumber(), exam.code(), score, exam.passingScore(), exam.passes(score),
                takenAt.plusSeconds(exam.durationMinutes() * 60L));
        var appointment = new Appointment(result.appointmentId(), Appointment.COMPLETED, exam.code(), candidate(m),
                result.applicationId(), result.applicationId(), takenOn, takenAt, TestCenter.forCandidate(m.crmContactId()),
                takenAt.minusSeconds(30L * 24 * 3600), null, result.resultId());
        book.record(appointment, result);
    }

    /** The member registered and authorised (under their application's id) for the sitting they had, used. */
    private static void authorized(Eligibility eligibility, DemoMember m, Exam exam, LocalDate first, LocalDate last,
                                   int used) {
        var at = first.atStartOfDay().toInstant(ZoneOffset.UTC);
        eligibility.seed(new Eligibility.RegisteredCandidate(m.crmContactId(), Ids.seeded("cand", "demo:" + m.number()),
                        m.memberNumber(), m.firstName(), m.lastName(), m.email(), at, at),
                new Eligibility.Authorization(ExamCandidates.applicationId(m),
                        Ids.seeded("ead", "demo:" + m.number() + ":" + exam.code()), m.crmContactId(), exam.code(), 1,
                        first, last, ExamCandidates.applicationId(m), used, false, at, at));
    }

    private static Candidate candidate(DemoMember m) {
        return new Candidate(m.crmContactId(), m.memberNumber(), m.firstName(), m.lastName(), m.email());
    }
}
