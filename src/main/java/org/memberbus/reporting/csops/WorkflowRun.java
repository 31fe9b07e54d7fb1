package org.memberbus.reporting.csops;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One playbook run for one member, step by step, as the route drives it and the answer shows it. */
public final class WorkflowRun {

    final String requestKey;
    final String memberId;
    final Playbooks.Playbook playbook;
    final String requestedBy;
    final boolean repeated;
    final List<Map<String, Object>> steps;
    final Instant startedAt;
    String status;
    Instant finishedAt;
    int step = -1;
    int route = -1;

    WorkflowRun(String requestKey, String memberId, Playbooks.Playbook playbook, String requestedBy) {
        this.requestKey = requestKey;
        this.memberId = memberId;
        this.playbook = playbook;
        this.requestedBy = requestedBy;
        this.repeated = false;
        this.startedAt = Instant.now();
        this.status = "running";
        this.steps = new ArrayList<>();
        for (var s : playbook.steps()) {
            var row = new LinkedHashMap<String, Object>();
            row.put("step", s.name());
            row.put("description", s.description());
            row.put("routes", s.routes());
            row.put("status", "pending");
            steps.add(row);
        }
    }

    /** A run recorded before under the same key, answered as it stands. */
    WorkflowRun(String requestKey, String memberId, Playbooks.Playbook playbook, String status,
                List<Map<String, Object>> steps, Instant startedAt, Instant finishedAt) {
        this.requestKey = requestKey;
        this.memberId = memberId;
        this.playbook = playbook;
        this.requestedBy = null;
        this.repeated = true;
        this.steps = steps;
        this.startedAt = startedAt;
        this.finishedAt = finishedAt;
        this.status = status;
    }

    Playbooks.Step currentStep() {
        return playbook.steps().get(step);
    }

    Map<String, Object> currentRow() {
        return steps.get(step);
    }

    boolean failed() {
        return steps.stream().anyMatch(s -> "failed".equals(s.get("status")));
    }
}
