package org.memberbus.reporting.csops;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.memberbus.reporting.ReportingApiException;
import org.memberbus.sync.SyncLedger;
import org.memberbus.infra.ConfigFile;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * CS-operations playbooks ({@code POST /api/v1/cs-ops/workflows/{member_id}}): which playbook, for
 * whom, under which request key; the route calls each step's routes in turn and this bean keeps
 * each step's status, in {@code cs_ops_workflow_run} after every step. The same request key again
 * answers the run recorded under it and runs nothing twice; a step's own effects carry the key too
 * (the welcome campaign's requestId), so even a run cut short by a crash sends nothing twice.
 */
@Component("csOpsWorkflows")
public class CsOpsWorkflows {

    private static final Pattern CRM_ID = Pattern.compile("[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?");
    private static final Pattern REQUEST_KEY = Pattern.compile("[A-Za-z0-9:_.-]{1,80}");
    private static final TypeReference<List<Map<String, Object>>> STEPS = new TypeReference<>() {};

    private final JdbcTemplate jdbc;
    private final SyncLedger ledger;
    private final ObjectMapper json;
    private final ConfigFile<Playbooks> playbooks;

    CsOpsWorkflows(DataSource dataSource, SyncLedger ledger, ObjectMapper json,
                   @Value("${memberbus.cs-ops.playbooks-path:config/cs-playbooks.yaml}") String path) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.ledger = ledger;
        this.json = json;
        this.playbooks = new ConfigFile<>("CS-operations playbooks", path, Playbooks::parse, Playbooks::describe);
    }

    /** The playbooks in force (for the test that every route a step names exists). */
    Playbooks playbooks() {
        return playbooks.current();
    }

    /**
     * Checks the request ({"playbook": name, "requestKey": key}; the key may come as the
     * Idempotency-Key header instead) and records the run, or answers the one recorded under the key.
     */
    public WorkflowRun start(String memberId, String body, String idempotencyKey, String requestedBy) {
        if (memberId == null || !CRM_ID.matcher(memberId).matches()) {
            throw new ReportingApiException(400, "member_id must be a CRM contact id (15 or 18 letters and digits)");
        }
        JsonNode request;
        try {
            request = json.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (Exception e) {
            throw new ReportingApiException(400, "body must be JSON {\"playbook\": name, \"requestKey\": key}");
        }
        var catalogue = playbooks.current();
        var name = request.path("playbook").asText("");
        var playbook = catalogue.playbooks().get(name);
        if (playbook == null) {
            throw new ReportingApiException(400, "playbook must be one of " + catalogue.playbooks().keySet()
                    + (name.isEmpty() ? "" : " (not '" + name + "')"));
        }
        var key = request.hasNonNull("requestKey") ? request.path("requestKey").asText() : idempotencyKey;
        if (key == null || !REQUEST_KEY.matcher(key).matches()) {
            throw new ReportingApiException(400, "a request key is required (requestKey in the body or the Idempotency-Key "
                    + "header): 1-80 letters, digits or :_.-, the same for a retry of the same request");
        }
        var earlier = earlier(key);
        if (earlier != null) {
            if (!earlier.memberId.equals(memberId) || !earlier.playbook.name().equals(name)) {
                throw new ReportingApiException(409, "request key " + key + " was used for playbook " + earlier.playbook.name()
                        + " of member " + earlier.memberId + "; use a new key for a new request");
            }
            return earlier;
        }
        if (ledger.describe(memberId, 0) == null) {
            throw new ReportingApiException(404, "no member " + memberId + " in the sync ledger");
        }
        var run = new WorkflowRun(key, memberId, playbook, requestedBy);
        int inserted = jdbc.update("""
                INSERT INTO cs_ops_workflow_run (request_key, member_id, playbook, status, steps, requested_by)
                VALUES (?, ?, ?, 'running', CAST(? AS jsonb), ?) ON CONFLICT (request_key) DO NOTHING""",
                key, memberId, name, write(run.steps), requestedBy);
        if (inserted == 0) { // the same key, recorded meanwhile by a concurrent call
            return start(memberId, body, idempotencyKey, requestedBy);
        }
        return run;
    }

    public boolean isRepeated(WorkflowRun run) {
        return run.repeated;
    }

    /** Moves to the next step; false when the playbook is done or a step failed (the rest are skipped). */
    public boolean nextStep(WorkflowRun run) {
        if (run.failed()) {
            for (int i = run.step + 1; i < run.steps.size(); i++) {
                run.steps.get(i).put("status", "skipped");
            }
            return false;
        }
        if (run.step + 1 >= run.playbook.steps().size()) {
            return false;
        }
        run.step++;
        run.route = -1;
        run.currentRow().put("status", "running");
        run.currentRow().put("startedAt", Instant.now().toString());
        save(run);
        return true;
    }

    /** Moves to the step's next route; false when it has called them all. */
    public boolean nextRoute(WorkflowRun run) {
        run.route++;
        return run.route < run.currentStep().routes().size();
    }

    /**
     * Readies the exchange for the step's next route: the member, the step's properties and body,
     * and the endpoint in property {@code csOpsRoute}. (A bean step, not an expression: Camel
     * evaluates a bean expression on a copy of the exchange, whose properties would be lost.)
     */
    public void prepare(WorkflowRun run, Exchange exchange) throws Exception {
        var step = run.currentStep();
        exchange.setProperty("memberId", run.memberId);
        step.properties().forEach(exchange::setProperty);
        if (run.route == 0) {
            exchange.getMessage().setBody(step.body() == null ? null : json.writeValueAsString(fill(step.body(), run)));
        }
        exchange.setProperty("csOpsRoute", "direct:" + step.routes().get(run.route));
    }

    /** A route that answers like an API (a refused request: status 4xx/5xx) failed the step. */
    public void answered(WorkflowRun run, Integer status, String body) {
        if (status != null && status >= 400) {
            throw new StepFailed(run.currentStep().routes().get(run.route) + " answered " + status
                    + (body == null || body.isBlank() ? "" : ": " + body.strip()));
        }
    }

    public void stepDone(WorkflowRun run) {
        run.currentRow().put("status", "done");
        run.currentRow().put("finishedAt", Instant.now().toString());
        save(run);
    }

    public void stepFailed(WorkflowRun run, Exception failure) {
        run.currentRow().put("status", "failed");
        run.currentRow().put("error", failure instanceof StepFailed ? failure.getMessage()
                : failure.getClass().getSimpleName() + ": " + failure.getMessage());
        run.currentRow().put("finishedAt", Instant.now().toString());
        save(run);
    }

    /** Ends the run (completed, or failed when a step did) and answers it. */
    public Map<String, Object> finish(WorkflowRun run) {
        if (!run.repeated) {
            run.status = run.failed() ? "failed" : "completed";
            run.finishedAt = Instant.now();
            save(run);
        }
        var answer = new LinkedHashMap<String, Object>();
        answer.put("requestKey", run.requestKey);
        answer.put("memberId", run.memberId);
        answer.put("playbook", run.playbook.name());
        answer.put("status", run.status);
        answer.put("repeated", run.repeated);
        answer.put("startedAt", run.startedAt == null ? null : run.startedAt.toString());
        answer.put("finishedAt", run.finishedAt == null ? null : run.finishedAt.toString());
        answer.put("steps", run.steps);
        return answer;
    }

    /** A step's route refused (an answer of 4xx/5xx): the step fails with the answer as its reason. */
    static final class StepFailed extends RuntimeException {
        StepFailed(String reason) {
            super(reason);
        }
    }

    private WorkflowRun earlier(String key) {
        var rows = jdbc.queryForList("SELECT * FROM cs_ops_workflow_run WHERE request_key = ?", key);
        if (rows.isEmpty()) {
            return null;
        }
        var row = rows.get(0);
        var name = (String) row.get("playbook");
        var playbook = playbooks.current().playbooks().getOrDefault(name, new Playbooks.Playbook(name, "", List.of()));
        try {
            return new WorkflowRun(key, (String) row.get("member_id"), playbook, (String) row.get("status"),
                    json.readValue(String.valueOf(row.get("steps")), STEPS), instant(row.get("started_at")),
                    instant(row.get("finished_at")));
        } catch (Exception e) {
            throw new IllegalStateException("cs_ops_workflow_run " + key + ": steps unreadable", e);
        }
    }

    private void save(WorkflowRun run) {
        jdbc.update("UPDATE cs_ops_workflow_run SET status = ?, steps = CAST(? AS jsonb), finished_at = ? WHERE request_key = ?",
                run.status, write(run.steps), run.finishedAt == null ? null : java.sql.Timestamp.from(run.finishedAt),
                run.requestKey);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Object fill(Object template, WorkflowRun run) {
        if (template instanceof String s) {
            return s.replace("{memberId}", run.memberId).replace("{requestKey}", run.requestKey);
        }
        if (template instanceof Map<?, ?> map) {
            var out = new LinkedHashMap<String, Object>();
            ((Map<String, Object>) map).forEach((k, v) -> out.put(k, fill(v, run)));
            return out;
        }
        return template;
    }

    private static Instant instant(Object value) {
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        return null;
    }
}
