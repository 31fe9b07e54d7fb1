package org.memberbus.sandbox.exams;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.memberbus.sandbox.demo.DemoAssociation;
import org.memberbus.sandbox.exams.ExamCandidates.Pursuit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file-drop exam body's nightly result files in its SFTP {@code outbox/}.
 *
 * <p>Format: UTF-8 (no byte-order mark), comma separated, LF line ends, no quoting (no field
 * holds a comma), a header line
 * {@code result_id,member_number,crm_contact_id,exam_code,exam_date,score,passing_score,result}
 * and one line per result: {@code exam_date} as YYYY-MM-DD, {@code score} and
 * {@code passing_score} whole numbers 0-100, {@code result} PASS or FAIL. One file per night,
 * {@code results-YYYYMMDD.csv}; a further file for the same night is
 * {@code results-YYYYMMDD-2.csv}, {@code -3}, ... Files are written under a dot-name and renamed
 * into place, so a reader never sees half a file.
 */
final class ResultFiles {

    static final String HEADER = "result_id,member_number,crm_contact_id,exam_code,exam_date,score,passing_score,result";
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final Logger log = LoggerFactory.getLogger(ResultFiles.class);

    /** A well-formed line of a result file. */
    record Row(String resultId, String memberNumber, String crmContactId, String examCode, LocalDate examDate,
               int score, int passingScore) {

        String csv() {
            return String.join(",", resultId, memberNumber, crmContactId, examCode, examDate.toString(),
                    Integer.toString(score), Integer.toString(passingScore), score >= passingScore ? "PASS" : "FAIL");
        }
    }

    /** What one written file holds. */
    record Written(Path file, int rows, int malformedRows, List<String> resultIds) {}

    private final Path outbox;
    private final DemoAssociation demo;

    ResultFiles(Path outbox, DemoAssociation demo) {
        this.outbox = outbox;
        this.demo = demo;
    }

    Path outbox() {
        return outbox;
    }

    DemoAssociation demo() {
        return demo;
    }

    /**
     * Writes the night before {@code today}'s file unless it is already in {@code outbox/} or was
     * moved by the bus to {@code outbox/.done/}: about twenty demo candidates who sat an exam,
     * with one malformed row (a score that is not a number) as real files sometimes have.
     */
    Written seedIfAbsent(LocalDate today) throws IOException {
        var night = today.minusDays(1);
        var name = fileName(night, 1);
        if (Files.exists(outbox.resolve(name)) || Files.exists(outbox.resolve(".done").resolve(name))) {
            return null;
        }
        var pool = new ArrayList<Pursuit>();
        ExamCandidates.pursuing(demo).stream()
                .filter(p -> ExamCandidates.cohort(p.member()) == ExamCandidates.Cohort.SAT_YESTERDAY_BY_FILE)
                .limit(16).forEach(pool::add);
        ExamCandidates.holdersPursuingNext(demo).stream().limit(5).forEach(pool::add);
        var random = new Random(DemoAssociation.SEED ^ night.toEpochDay());
        var lines = new ArrayList<String>();
        var ids = new ArrayList<String>();
        for (int i = 0; i < pool.size(); i++) {
            var p = pool.get(i);
            var row = new Row(resultId(night, 1, i + 1), p.member().memberNumber(), p.member().crmContactId(),
                    p.exam().code(), night, 45 + random.nextInt(55), p.exam().passingScore());
            if (i == 7) {
                // the malformed row: the score column holds words, not a number
                lines.add(row.csv().replace("," + row.score() + "," + row.passingScore() + ",",
                        ",eighty-two," + row.passingScore() + ","));
            } else {
                lines.add(row.csv());
                ids.add(row.resultId());
            }
        }
        return write(outbox.resolve(name), lines, pool.size() - ids.size(), ids);
    }

    /** The next free file name for {@code night}. */
    int nextIndex(LocalDate night) {
        int index = 1;
        while (Files.exists(outbox.resolve(fileName(night, index)))
                || Files.exists(outbox.resolve(".done").resolve(fileName(night, index)))) {
            index++;
        }
        return index;
    }

    /** Candidates for generated rows: members pursuing a certification, and holders sitting a second one. */
    List<Pursuit> candidatePool() {
        return Stream.concat(ExamCandidates.pursuing(demo).stream(), ExamCandidates.holdersPursuingNext(demo).stream())
                .toList();
    }

    /**
     * Writes {@code rows} (and, with {@code badRow}, one line missing its exam_date column) as
     * the {@code index}-th file of {@code night}.
     */
    Written write(LocalDate night, int index, List<Row> rows, boolean badRow) throws IOException {
        var lines = new ArrayList<String>();
        rows.forEach(r -> lines.add(r.csv()));
        if (badRow) {
            var p = candidatePool().get(Math.floorMod((int) night.toEpochDay() + index, candidatePool().size()));
            var bad = new Row(resultId(night, index, rows.size() + 1), p.member().memberNumber(),
                    p.member().crmContactId(), p.exam().code(), night, 80, p.exam().passingScore());
            lines.add(lines.size() / 2, bad.csv().replace("," + night + ",", ","));
        }
        return write(outbox.resolve(fileName(night, index)), lines, badRow ? 1 : 0,
                rows.stream().map(Row::resultId).toList());
    }

    private Written write(Path file, List<String> lines, int malformed, List<String> ids) throws IOException {
        Files.createDirectories(outbox);
        var part = outbox.resolve("." + file.getFileName() + ".part");
        var content = new StringBuilder(HEADER).append('\n');
        lines.forEach(l -> content.append(l).append('\n'));
        Files.writeString(part, content, StandardCharsets.UTF_8);
        Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        log.info("exam results file {} written: {} rows, {} malformed", file.getFileName(), lines.size(), malformed);
        return new Written(file, lines.size(), malformed, List.copyOf(ids));
    }

    static String fileName(LocalDate night, int index) {
        return "results-" + DAY.format(night) + (index == 1 ? "" : "-" + index) + ".csv";
    }

    /** {@code RF-YYYYMMDD-<file>-<row>}: unique across files, the same when a file is written again. */
    static String resultId(LocalDate night, int index, int row) {
        return "RF-" + DAY.format(night) + "-" + index + "-" + String.format("%04d", row);
    }
}
