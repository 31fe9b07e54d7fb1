package org.memberbus.sandbox.exams;

import java.util.List;
import java.util.Optional;

/** The exams both exam bodies deliver, one per certification program of the association. */
final class ExamCatalogue {

    static final List<Exam> EXAMS = List.of(
            new Exam("CAP-101", "Certified Association Professional", 70, 180, 90, 150),
            new Exam("CDS-201", "Certified Data Steward", 75, 150, 60, 120),
            new Exam("CEM-301", "Certified Event Manager", 68, 120, 30, 100));

    private ExamCatalogue() {}

    static Optional<Exam> byCode(String code) {
        return EXAMS.stream().filter(e -> e.code().equals(code)).findFirst();
    }

    /** The exam leading to {@code program}, a program name from the demo association. */
    static Exam forProgram(String program) {
        return EXAMS.stream().filter(e -> e.name().equals(program)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no exam for program " + program));
    }
}
