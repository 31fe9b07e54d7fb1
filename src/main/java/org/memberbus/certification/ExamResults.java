package org.memberbus.certification;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.camel.component.salesforce.api.dto.SaveSObjectResult;
import org.memberbus.crm.dto.Exam_Attempt__c;
import org.memberbus.inbound.ExamResultEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Exam results from both channels as one stream (routes/certification-results.camel.yaml): the
 * webhook's event and the file's rows become {@link ExamResult}s, the CRM's {@code Exam_Attempt__c}
 * records in batches upserted by {@code Result_Id__c}, and one {@code exam.result} fact per attempt
 * (table {@code exam_attempt}). Files are recognised by name and SHA-256 ({@code exam_result_file}).
 */
public final class ExamResults {

    private static final Logger log = LoggerFactory.getLogger(ExamResults.class);
    static final int BATCH = 200; // sObject Collections take at most 200 records a call

    /** What a batch came to: the results the CRM holds now, and those it refused with its reason. */
    public record Saved(List<ExamResult> accepted, List<ResultFileReader.Malformed> refused) {}

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public ExamResults(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public String sha256(String content) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
    }

    /** Whether this file (name and content) was processed already. */
    public boolean fileSeen(String name, String sha256) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists(select 1 from exam_result_file where file_name = ? and sha256 = ?)", Boolean.class,
                name, sha256));
    }

    public void fileDone(String name, String sha256, ResultFileReader.Parsed parsed) {
        jdbc.update("insert into exam_result_file (file_name, sha256, rows_read, malformed) values (?, ?, ?, ?) "
                + "on conflict do nothing", name, sha256, parsed.results().size() + parsed.malformed().size(),
                parsed.malformed().size());
        log.info("exam result file {} processed: {} results, {} malformed rows quarantined", name,
                parsed.results().size(), parsed.malformed().size());
    }

    public ResultFileReader.Parsed read(String content) {
        return ResultFileReader.read(content);
    }

    /** The webhook's event (as accepted into Kafka) as a result of the REST channel. */
    public ExamResult fromWebhook(String body) throws Exception {
        var event = json.readValue(body, ExamResultEvent.class);
        var d = event.data();
        return new ExamResult(d.resultId(), d.crmContactId(), d.examCode(), d.takenAt(),
                d.passed() ? ExamResult.Outcome.PASS : ExamResult.Outcome.FAIL, d.score(), d.passingScore(), "webhook");
    }

    public List<ExamResult> single(ExamResult result) {
        return List.of(result);
    }

    /** The results in sObject Collections batches of at most 200, in the order of their sittings. */
    public List<List<ExamResult>> batches(List<ExamResult> results) {
        var sorted = results.stream().sorted(java.util.Comparator.comparing(ExamResult::takenAt)).toList();
        var batches = new ArrayList<List<ExamResult>>();
        for (int from = 0; from < sorted.size(); from += BATCH) {
            batches.add(List.copyOf(sorted.subList(from, Math.min(sorted.size(), from + BATCH))));
        }
        return batches;
    }

    /** The batch as the CRM's records, upserted by {@code Result_Id__c}. */
    public List<Exam_Attempt__c> attempts(List<ExamResult> batch) {
        return batch.stream().map(ExamResults::attempt).toList();
    }

    static Exam_Attempt__c attempt(ExamResult r) {
        var a = new Exam_Attempt__c();
        a.setResult_Id__c(r.resultId());
        a.setContact__c(r.crmContactId());
        a.setExam_Code__c(r.examCode());
        a.setExam_Body__c("webhook".equals(r.channel()) ? "Exam body (REST)" : "Exam body (SFTP files)");
        a.setExam_Date__c(LocalDate.ofInstant(r.takenAt(), ZoneOffset.UTC));
        a.setScore__c(r.score() == null ? null : r.score().doubleValue());
        a.setPassed__c(r.passed());
        a.setOutcome__c(switch (r.outcome()) {
            case PASS -> "Pass";
            case FAIL -> "Fail";
            case NO_SHOW -> "No-Show";
        });
        return a;
    }

    /** The CRM's answer to one batch, record by record in the order sent. */
    public Saved saved(List<ExamResult> batch, List<?> answers) {
        var accepted = new ArrayList<ExamResult>();
        var refused = new ArrayList<ResultFileReader.Malformed>();
        for (int i = 0; i < batch.size(); i++) {
            var answer = i >= answers.size() ? null : answers.get(i) instanceof SaveSObjectResult r ? r
                    : json.convertValue(answers.get(i), SaveSObjectResult.class);
            if (answer != null && Boolean.TRUE.equals(answer.getSuccess())) {
                accepted.add(batch.get(i));
            } else {
                var errors = answer == null || answer.getErrors() == null ? "no answer" : answer.getErrors().stream()
                        .map(e -> e.getErrorCode() + " " + e.getFields()).toList().toString(); // codes only: no personal data
                refused.add(new ResultFileReader.Malformed(0, "the CRM refused result " + batch.get(i).resultId() + ": "
                        + errors, batch.get(i).resultId()));
            }
        }
        if (!refused.isEmpty()) {
            log.warn("{} of {} exam attempts refused by the CRM", refused.size(), batch.size());
        }
        return new Saved(List.copyOf(accepted), List.copyOf(refused));
    }

    /** Whether no fact was published for this attempt yet (by either channel). */
    public boolean isNew(ExamResult result) {
        return !Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists(select 1 from exam_attempt where result_id = ?)", Boolean.class, result.resultId()));
    }

    /** Recorded once its fact is on Kafka: a crash in between publishes it again (at least once). */
    public void published(ExamResult r) {
        jdbc.update("insert into exam_attempt (result_id, crm_contact_id, exam_code, taken_at, outcome, score, channel) "
                + "values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing", r.resultId(), r.crmContactId(), r.examCode(),
                Timestamp.from(r.takenAt()), r.outcome().name(), r.score(), r.channel());
    }

    /** The quarantine entry's headers for a file row: which file and line. */
    public String rowHeaders(String fileName, int line) throws Exception {
        return json.writeValueAsString(Map.of("file", fileName, "line", line));
    }
}
