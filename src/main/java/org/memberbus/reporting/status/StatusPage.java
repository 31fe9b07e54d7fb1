package org.memberbus.reporting.status;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The status page as plain HTML, rendered on the server from one snapshot (no script, reloads
 * itself every 30 s). Every figure's cell names the gauge that carries it ({@code data-metric},
 * {@code data-labels}), so a reader or a test can hold the page against {@code /actuator/prometheus}.
 */
final class StatusPage {

    private StatusPage() {}

    @SuppressWarnings("unchecked")
    static String render(SyncStatus.Snapshot snapshot) {
        var v = snapshot.view();
        var html = new StringBuilder(8192);
        html.append("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8">
                <meta http-equiv="refresh" content="30">
                <title>memberbus: sync status</title>
                <style>
                body{font-family:system-ui,sans-serif;margin:1.5rem;color:#222}
                h1{font-size:1.4rem} h2{font-size:1.1rem;margin-top:1.6rem}
                table{border-collapse:collapse;min-width:30rem} th,td{border:1px solid #ccc;padding:.25rem .6rem;text-align:left}
                td.n{text-align:right} .muted{color:#777} .warn{color:#a40}
                </style></head><body>
                <h1>memberbus: sync status</h1>
                """);
        html.append("<p>As of <time id=\"as-of\" data-metric=\"memberbus_status_as_of_seconds\" data-labels=\"\" datetime=\"")
                .append(snapshot.asOf()).append("\" data-epoch-millis=\"").append(snapshot.asOf().toEpochMilli()).append("\">")
                .append(snapshot.asOf()).append("</time> <span class=\"muted\">(figures are read at most every few seconds; "
                        + "the same figures are the memberbus_status_* metrics)</span></p>\n");

        html.append("<h2>Changes per object and direction</h2>\n");
        table(html, v.get("changes"), List.of("object", "from", "to", "last hour", "last day"), row -> {
            var labels = labels("from", row.get("from"), "object", row.get("object"), "to", row.get("to"));
            return cells(text(row.get("object")), text(row.get("from")), text(row.get("to")),
                    figure("memberbus_status_changes", labels + ",window=1h", row.get("lastHour")),
                    figure("memberbus_status_changes", labels + ",window=1d", row.get("lastDay")));
        }, "table-changes");

        html.append("<h2>Events processed per flow</h2>\n");
        table(html, v.get("eventsProcessed"), List.of("flow", "last hour", "last day"), row -> cells(text(row.get("flow")),
                figure("memberbus_status_events_processed", labels("flow", row.get("flow")) + ",window=1h", row.get("lastHour")),
                figure("memberbus_status_events_processed", labels("flow", row.get("flow")) + ",window=1d", row.get("lastDay"))),
                "table-events");

        html.append("<h2>Errors by kind</h2>\n");
        table(html, v.get("errors"), List.of("kind", "where", "count", "records (ids)"), row -> cells(text(row.get("kind")),
                text(row.get("source")),
                figure("memberbus_status_errors", labels("kind", row.get("kind"), "source", row.get("source")), row.get("count")),
                text(String.join(", ", (List<String>) row.getOrDefault("records", List.of())))), "table-errors");

        html.append("<h2>Backlog</h2>\n");
        var backlog = (Map<String, Object>) v.get("backlog");
        if (backlog.containsKey("unavailable")) {
            html.append("<p class=\"warn\">").append(escape(String.valueOf(backlog.get("unavailable")))).append("</p>\n");
        } else {
            html.append("<p>Commands waiting: <b id=\"backlog-total\">").append(backlog.get("messages"))
                    .append("</b>; oldest waiting <span ").append(attrs("memberbus_status_backlog_oldest_seconds", ""))
                    .append(" id=\"backlog-oldest\">").append(backlog.get("oldestAgeSeconds") == null ? 0 : backlog.get("oldestAgeSeconds"))
                    .append("</span> s</p>\n");
            table(html, backlog.get("queues"), List.of("queue", "waiting", "oldest (s)"), row -> cells(text(row.get("queue")),
                    figure("memberbus_status_backlog_messages", labels("queue", row.get("queue")), row.get("messages")),
                    text(row.get("oldestAgeSeconds") == null ? "" : row.get("oldestAgeSeconds"))), "table-backlog");
        }

        html.append("<h2>Dead letters and quarantine</h2>\n");
        var deadLetters = (Map<String, Object>) v.get("deadLetters");
        var rows = new java.util.ArrayList<Map<String, Object>>();
        deadLetters.forEach((store, count) -> rows.add(Map.of("store", store, "count", String.valueOf(count))));
        table(html, rows, List.of("dead letters in", "open"), row -> cells(text(row.get("store")),
                figure("memberbus_status_dead_letters", labels("store", row.get("store")), row.get("count"))), "table-dead-letters");
        var quarantine = v.get("quarantine");
        var quarantineRows = new java.util.ArrayList<Map<String, Object>>();
        if (quarantine instanceof Map<?, ?> map) {
            map.forEach((source, count) -> quarantineRows.add(Map.of("source", source, "count", count)));
        }
        table(html, quarantine instanceof Map<?, ?> ? quarantineRows : quarantine, List.of("quarantined calls from", "kept"),
                row -> cells(text(row.get("source")),
                        figure("memberbus_status_quarantine", labels("source", row.get("source")), row.get("count"))),
                "table-quarantine");

        html.append("<h2>Salesforce API allowance (today)</h2>\n");
        var salesforce = (Map<String, Object>) v.get("salesforceApi");
        if (salesforce.containsKey("unavailable")) {
            html.append("<p class=\"muted\">").append(escape(String.valueOf(salesforce.get("unavailable")))).append("</p>\n");
        } else {
            html.append("<p>Used <b ").append(attrs("memberbus_status_salesforce_api_requests", "kind=used"))
                    .append(" id=\"salesforce-used\">").append(salesforce.get("used")).append("</b> of <b ")
                    .append(attrs("memberbus_status_salesforce_api_requests", "kind=max")).append(" id=\"salesforce-max\">")
                    .append(salesforce.get("max")).append("</b> (").append(salesforce.get("usedPercent"))
                    .append(" %) <span class=\"muted\">as /limits said at ").append(escape(String.valueOf(salesforce.get("readAt"))))
                    .append("</span></p>\n");
        }

        html.append("<h2>Scheduled jobs</h2>\n");
        table(html, v.get("jobs"), List.of("job", "last run", "next run", "state"), row -> cells(text(row.get("job")),
                time("memberbus_status_job_last_run_seconds", labels("job", row.get("job")), row.get("lastRun")),
                time("memberbus_status_job_next_run_seconds", labels("job", row.get("job")), row.get("nextRun")),
                text(row.get("state"))), "table-jobs");
        html.append("</body></html>\n");
        return html.toString();
    }

    @SuppressWarnings("unchecked")
    private static void table(StringBuilder html, Object rows, List<String> headings,
                              java.util.function.Function<Map<String, Object>, String> cells, String id) {
        if (!(rows instanceof List<?> list)) {
            html.append("<p class=\"warn\" id=\"").append(id).append("\">").append(escape(String.valueOf(rows))).append("</p>\n");
            return;
        }
        html.append("<table id=\"").append(id).append("\"><thead><tr>");
        headings.forEach(h -> html.append("<th>").append(escape(h)).append("</th>"));
        html.append("</tr></thead><tbody>\n");
        if (list.isEmpty()) {
            html.append("<tr><td class=\"muted\" colspan=\"").append(headings.size()).append("\">none</td></tr>\n");
        }
        for (var row : list) {
            html.append("<tr>").append(cells.apply((Map<String, Object>) row)).append("</tr>\n");
        }
        html.append("</tbody></table>\n");
    }

    private static String cells(String... cells) {
        return String.join("", cells);
    }

    private static String text(Object value) {
        return "<td>" + escape(value == null ? "" : String.valueOf(value)) + "</td>";
    }

    private static String figure(String metric, String labels, Object value) {
        return "<td class=\"n\" " + attrs(metric, labels) + ">" + escape(value == null ? "" : String.valueOf(value)) + "</td>";
    }

    /** A time cell: the ISO instant as text, and the gauge (epoch seconds) it matches. */
    private static String time(String metric, String labels, Object instant) {
        return instant == null ? "<td class=\"muted\">never</td>"
                : "<td><time " + attrs(metric, labels) + " datetime=\"" + escape(instant.toString()) + "\">"
                  + escape(instant.toString()) + "</time></td>";
    }

    private static String attrs(String metric, String labels) {
        return "data-metric=\"" + metric + "\" data-labels=\"" + escape(labels) + "\"";
    }

    /** Labels as {@code name=value,...}, sorted by name as Prometheus prints them. */
    private static String labels(Object... pairs) {
        var sorted = new TreeMap<String, String>();
        for (int i = 0; i < pairs.length; i += 2) {
            sorted.put((String) pairs[i], String.valueOf(pairs[i + 1]));
        }
        var text = new StringBuilder();
        sorted.forEach((name, value) -> text.append(text.isEmpty() ? "" : ",").append(name).append('=').append(value));
        return text.toString();
    }

    static String escape(String text) {
        var out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
