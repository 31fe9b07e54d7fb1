package org.memberbus.sandbox.exams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.memberbus.sandbox.demo.DemoAssociation;
import org.memberbus.sandbox.demo.DemoAssociation.DemoMember;
import org.memberbus.sandbox.exams.ApiException.FieldError;

/**
 * {@code POST /__sandbox/sftp/drop}: the file-drop exam body writes another results file now.
 * Body (all optional): {@code date} (the night, YYYY-MM-DD, default today), {@code rows}
 * ({@code [{"memberNumber" or "crmContactId", "examCode", "score", "examDate"?, "resultId"?}]}),
 * else {@code count} generated rows (default 5), and {@code badRow: true} to add a malformed row.
 */
final class ResultDrop {

    private final ResultFiles files;
    private final Map<String, DemoMember> byMemberNumber;
    private final Map<String, DemoMember> byContactId;

    ResultDrop(ResultFiles files) {
        this.files = files;
        this.byMemberNumber = files.demo().members().stream()
                .collect(Collectors.toMap(DemoMember::memberNumber, Function.identity()));
        this.byContactId = files.demo().members().stream()
                .collect(Collectors.toMap(DemoMember::crmContactId, Function.identity()));
    }

    synchronized ResultFiles.Written drop(JsonNode body, LocalDate today) throws IOException {
        if (body != null && !body.isNull() && !body.isObject()) {
            throw ApiException.invalid("$", "the body must be a JSON object");
        }
        var json = body == null ? MissingNode.getInstance() : body;
        var night = today;
        if (json.hasNonNull("date")) {
            night = date(json.get("date").asText(), "date");
        }
        int index = files.nextIndex(night);
        var rows = new ArrayList<ResultFiles.Row>();
        if (json.hasNonNull("rows")) {
            if (!json.get("rows").isArray()) {
                throw ApiException.invalid("rows", "must be an array");
            }
            var errors = new ArrayList<FieldError>();
            int n = 0;
            for (var row : json.get("rows")) {
                n++;
                var parsed = row(row, "rows[" + (n - 1) + "]", night, index, n, errors);
                if (parsed != null) {
                    rows.add(parsed);
                }
            }
            if (!errors.isEmpty()) {
                throw ApiException.invalid(List.copyOf(errors));
            }
        } else {
            int count = json.path("count").asInt(5);
            if (count < 0 || count > 500) {
                throw ApiException.invalid("count", "must be from 0 to 500");
            }
            var pool = files.candidatePool();
            var random = new Random(DemoAssociation.SEED ^ night.toEpochDay() ^ index);
            for (int i = 1; i <= count; i++) {
                var p = pool.get(random.nextInt(pool.size()));
                rows.add(new ResultFiles.Row(ResultFiles.resultId(night, index, i), p.member().memberNumber(),
                        p.member().crmContactId(), p.exam().code(), night, 45 + random.nextInt(55),
                        p.exam().passingScore()));
            }
        }
        return files.write(night, index, rows, json.path("badRow").asBoolean(false));
    }

    private ResultFiles.Row row(JsonNode row, String path, LocalDate night, int index, int n, List<FieldError> errors) {
        if (!row.isObject()) {
            errors.add(new FieldError(path, "must be an object"));
            return null;
        }
        DemoMember member = null;
        if (row.hasNonNull("memberNumber")) {
            member = byMemberNumber.get(row.get("memberNumber").asText());
        } else if (row.hasNonNull("crmContactId")) {
            member = byContactId.get(row.get("crmContactId").asText());
        }
        if (member == null) {
            errors.add(new FieldError(path, "memberNumber or crmContactId of a demo member is required"));
        }
        var exam = ExamCatalogue.byCode(row.path("examCode").asText()).orElse(null);
        if (exam == null) {
            errors.add(new FieldError(path + ".examCode", "must be one of the catalogue's exam codes"));
        }
        var score = row.get("score");
        if (score == null || !score.isIntegralNumber() || score.asInt() < 0 || score.asInt() > 100) {
            errors.add(new FieldError(path + ".score", "must be a whole number from 0 to 100"));
        }
        LocalDate examDate = night;
        if (row.hasNonNull("examDate")) {
            try {
                examDate = LocalDate.parse(row.get("examDate").asText());
            } catch (DateTimeParseException e) {
                errors.add(new FieldError(path + ".examDate", "must be a date as YYYY-MM-DD"));
            }
        }
        if (member == null || exam == null || errors.stream().anyMatch(e -> e.field().startsWith(path))) {
            return null;
        }
        var resultId = row.hasNonNull("resultId") ? row.get("resultId").asText() : ResultFiles.resultId(night, index, n);
        return new ResultFiles.Row(resultId, member.memberNumber(), member.crmContactId(), exam.code(), examDate,
                score.asInt(), exam.passingScore());
    }

    private static LocalDate date(String text, String field) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(field, "must be a date as YYYY-MM-DD");
        }
    }
}
