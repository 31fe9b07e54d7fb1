package org.memberbus.sandbox.exams;

import java.util.List;
import org.memberbus.sandbox.demo.Standing;
import org.memberbus.sandbox.demo.DemoAssociation;
import org.memberbus.sandbox.demo.DemoAssociation.DemoMember;

/**
 * Who sits which exam, derived from the demo association so both exam bodies and every restart
 * agree. Holders sat the exam of the program they hold; about one active member in nine without a
 * certification is pursuing one (program by member number), split in three cohorts: failed a
 * recent attempt at the REST exam body, booked there, or sat yesterday at the file-drop body.
 */
final class ExamCandidates {

    enum Cohort { FAILED_RECENTLY, BOOKED, SAT_YESTERDAY_BY_FILE }

    /** A member and the exam they hold or pursue. */
    record Pursuit(DemoMember member, Exam exam) {}

    private ExamCandidates() {}

    static List<Pursuit> holders(DemoAssociation demo) {
        return demo.members().stream().filter(m -> m.certification() != null)
                .map(m -> new Pursuit(m, ExamCatalogue.forProgram(m.certification().program())))
                .toList();
    }

    static List<Pursuit> pursuing(DemoAssociation demo) {
        return demo.members().stream()
                .filter(m -> m.certification() == null && m.status() == Standing.ACTIVE && m.number() % 9 == 0)
                .map(m -> new Pursuit(m, ExamCatalogue.EXAMS.get(m.number() % ExamCatalogue.EXAMS.size())))
                .toList();
    }

    static Cohort cohort(DemoMember member) {
        return Cohort.values()[(member.number() / 9) % 3];
    }

    /** Holders (one in ten) working towards a second certification: the next program's exam. */
    static List<Pursuit> holdersPursuingNext(DemoAssociation demo) {
        return holders(demo).stream().filter(p -> p.member().number() % 10 == 0)
                .map(p -> new Pursuit(p.member(), ExamCatalogue.EXAMS.get(
                        (ExamCatalogue.EXAMS.indexOf(p.exam()) + 1) % ExamCatalogue.EXAMS.size())))
                .toList();
    }

    /**
     * The CRM {@code Certification_Application__c} id of the member's application (key prefix
     * {@code a07}), derived like every demo id from the member number.
     */
    static String applicationId(DemoMember member) {
        return DemoAssociation.sfId("a07", member.number());
    }
}
