package org.memberbus.certification;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads an exam body's nightly result file: UTF-8 CSV, a header line
 * {@code result_id,member_number,crm_contact_id,exam_code,exam_date,score,passing_score,result}
 * and one attempt per line ({@code result} PASS, FAIL or NO_SHOW, the score empty for a no-show).
 * A malformed line is set aside with its line number and reason; the others proceed. A file
 * whose header is not the expected one cannot be read at all (it goes to {@code .error/}).
 */
final class ResultFileReader {

    static final String HEADER = "result_id,member_number,crm_contact_id,exam_code,exam_date,score,passing_score,result";
    private static final Pattern CONTACT_ID = Pattern.compile("[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?");

    /** A line set aside: its number in the file (the header is line 1), why, and the line itself. */
    record Malformed(int line, String reason, String text) {}

    record Parsed(List<ExamResult> results, List<Malformed> malformed) {}

    static Parsed read(String content) {
        var text = content.startsWith("\uFEFF") ? content.substring(1) : content;
        var lines = text.split("\r?\n", -1);
        if (lines.length == 0 || !lines[0].trim().equals(HEADER)) {
            throw new IllegalArgumentException("not an exam result file: the first line must be " + HEADER);
        }
        var results = new ArrayList<ExamResult>();
        var malformed = new ArrayList<Malformed>();
        var seen = new HashSet<String>();
        for (int i = 1; i < lines.length; i++) {
            var line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            try {
                var result = row(line);
                if (!seen.add(result.resultId())) {
                    throw new IllegalArgumentException("result_id " + result.resultId() + " appears earlier in the file");
                }
                results.add(result);
            } catch (IllegalArgumentException e) {
                malformed.add(new Malformed(i + 1, e.getMessage(), line));
            }
        }
        return new Parsed(List.copyOf(results), List.copyOf(malformed));
    }

    private static ExamResult row(String line) {
        var cols = line.split(",", -1);
        if (cols.length != 8) {
            throw new IllegalArgumentException("expected 8 columns, found " + cols.length);
        }
        var resultId = required(cols[0], "result_id");
        if (resultId.length() > 64) {
            throw new IllegalArgumentException("result_id is longer than 64 characters");
        }
        var contact = required(cols[2], "crm_contact_id");
        if (!CONTACT_ID.matcher(contact).matches()) {
            throw new IllegalArgumentException("crm_contact_id is not a Salesforce id");
        }
        var exam = required(cols[3], "exam_code");
        LocalDate date;
        try {
            date = LocalDate.parse(required(cols[4], "exam_date"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("exam_date is not a date as YYYY-MM-DD");
        }
        ExamResult.Outcome outcome;
        try {
            outcome = ExamResult.Outcome.valueOf(required(cols[7], "result"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("result must be PASS, FAIL or NO_SHOW");
        }
        Integer passing = number(cols[6], "passing_score");
        Integer score = null;
        if (outcome == ExamResult.Outcome.NO_SHOW) {
            if (!cols[5].isBlank()) {
                throw new IllegalArgumentException("a NO_SHOW has no score");
            }
        } else {
            score = number(cols[5], "score");
            if (passing != null && (score >= passing) != (outcome == ExamResult.Outcome.PASS)) {
                throw new IllegalArgumentException("result " + outcome + " does not agree with score and passing_score");
            }
        }
        return new ExamResult(resultId, contact, exam, date.atStartOfDay().toInstant(ZoneOffset.UTC), outcome,
                score, passing, "sftp");
    }

    private static String required(String value, String column) {
        if (value.isBlank()) {
            throw new IllegalArgumentException(column + " is empty");
        }
        return value.trim();
    }

    private static Integer number(String value, String column) {
        if (!value.trim().matches("\\d{1,3}") || Integer.parseInt(value.trim()) > 100) {
            throw new IllegalArgumentException(column + " is not a whole number from 0 to 100");
        }
        return Integer.parseInt(value.trim());
    }
}
