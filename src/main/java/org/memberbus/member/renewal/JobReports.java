package org.memberbus.member.renewal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Starts, counts and renders the reports of the scheduled jobs (routes keep one in a property). */
@Component("jobReports")
public class JobReports {

    private final ObjectMapper json;

    JobReports(ObjectMapper json) {
        this.json = json;
    }

    /** A report whose named counts start at zero, so a job that changed nothing says so. */
    public JobReport start(String job, String keys) {
        return new JobReport(job, Instant.now(), keys == null || keys.isBlank() ? new String[0] : keys.split("\\s*,\\s*"));
    }

    public void add(JobReport report, String key, long n) {
        report.add(key, n);
    }

    public void addAll(JobReport report, Map<String, Long> counts) {
        counts.forEach(report::add);
    }

    /** {@code {"job":..,"startedAt":..,"finishedAt":..,"counts":{..}}} */
    public String toJson(JobReport report) throws JsonProcessingException {
        var body = new LinkedHashMap<String, Object>();
        body.put("job", report.job());
        body.put("startedAt", report.startedAt().toString());
        body.put("finishedAt", Instant.now().toString());
        body.put("counts", report.counts());
        return json.writeValueAsString(body);
    }
}
