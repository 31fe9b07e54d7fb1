package org.memberbus.reporting.reports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.memberbus.infra.ConfigFile;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The report templates of {@code config/reports.yaml}, read again when the file changes. */
@Component("reportTemplates")
public class ReportTemplates {

    static final Set<String> FORMATS = Set.of("csv", "xlsx", "pdf");
    static final Set<String> SCHEDULES = Set.of("none", "daily", "weekly", "monthly");
    static final Set<String> CHANNELS = Set.of("sftp", "directory", "email", "portal");
    static final Set<String> COLUMN_FORMATS = Set.of("text", "integer", "decimal", "money", "date");
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    public record Column(String name, String header, String format) {}

    public record Template(String id, String title, String sql, List<Column> columns, String format,
                           String schedule, List<String> deliver) {

        public Map<String, Object> describe() {
            var m = new LinkedHashMap<String, Object>();
            m.put("id", id);
            m.put("title", title);
            m.put("format", format);
            m.put("schedule", schedule);
            m.put("deliver", deliver);
            m.put("columns", columns.stream().map(Column::header).toList());
            return m;
        }
    }

    private final ConfigFile<Map<String, Template>> file;

    public ReportTemplates(@Value("${memberbus.reports.config-path:config/reports.yaml}") String path) {
        this.file = new ConfigFile<>("Report templates", path, ReportTemplates::parse, t -> t.keySet().toString());
    }

    public Map<String, Template> all() {
        return file.current();
    }

    public List<Template> scheduled(String schedule) {
        return all().values().stream().filter(t -> t.schedule().equals(schedule)).toList();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Template> parse(String yaml, String source) {
        var root = ConfigFile.yaml(yaml, source);
        if (!(root instanceof Map<?, ?> top) || !(top.get("reports") instanceof Map<?, ?> reports)) {
            throw new IllegalArgumentException(source + ": expected a section reports");
        }
        var errors = new ArrayList<String>();
        var templates = new LinkedHashMap<String, Template>();
        reports.forEach((key, value) -> {
            var id = String.valueOf(key);
            var where = source + ": report " + id;
            if (!ID.matcher(id).matches()) {
                errors.add(where + ": an id is lower case letters, digits and dashes");
            }
            if (!(value instanceof Map<?, ?> raw)) {
                errors.add(where + ": expected title, sql, columns");
                return;
            }
            var m = (Map<String, Object>) raw;
            var sql = m.get("sql") == null ? null : String.valueOf(m.get("sql")).strip();
            if (sql == null || !sql.regionMatches(true, 0, "SELECT", 0, 6) && !sql.regionMatches(true, 0, "WITH", 0, 4)) {
                errors.add(where + ": sql must be one SELECT");
            }
            var columns = new ArrayList<Column>();
            for (var c : m.get("columns") instanceof List<?> l ? l : List.of()) {
                var col = (Map<String, Object>) c;
                var format = String.valueOf(col.getOrDefault("format", "text"));
                if (!COLUMN_FORMATS.contains(format)) {
                    errors.add(where + ": column format " + format + " is not one of " + COLUMN_FORMATS);
                }
                var name = String.valueOf(col.get("name"));
                columns.add(new Column(name, String.valueOf(col.getOrDefault("header", name)), format));
            }
            if (columns.isEmpty()) {
                errors.add(where + ": columns are required");
            }
            var format = String.valueOf(m.getOrDefault("format", "csv"));
            if (!FORMATS.contains(format)) {
                errors.add(where + ": format " + format + " is not one of " + FORMATS);
            }
            var schedule = String.valueOf(m.getOrDefault("schedule", "none"));
            if (!SCHEDULES.contains(schedule)) {
                errors.add(where + ": schedule " + schedule + " is not one of " + SCHEDULES);
            }
            var deliver = (m.get("deliver") instanceof List<?> l ? l : List.of()).stream().map(String::valueOf).toList();
            deliver.stream().filter(d -> !CHANNELS.contains(d))
                    .forEach(d -> errors.add(where + ": deliver " + d + " is not one of " + CHANNELS));
            templates.put(id, new Template(id, String.valueOf(m.getOrDefault("title", id)), sql, List.copyOf(columns),
                    format, schedule, deliver));
        });
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", errors));
        }
        return java.util.Collections.unmodifiableMap(templates);
    }
}
