package org.memberbus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Load from a real load tool for the benchmarks: {@code hey} (its own process per request shape,
 * all at once, each with its workers held to a rate), its per-request CSV read back into latencies.
 * Loopback only; bounded by the duration given.
 */
public final class HeyLoad {

    /** One request shape: hey sends it again and again. */
    public record Request(String url, String method, String body, Map<String, String> headers) {

        public static Request get(String url, Map<String, String> headers) {
            return new Request(url, "GET", null, headers);
        }

        public static Request postJson(String url, String body, Map<String, String> headers) {
            return new Request(url, "POST", body, headers);
        }
    }

    /** What hey measured: latencies in ms (sorted) and the answers other than 200. */
    public record Result(List<Double> millis, long notOk, int seconds) {

        public int count() {
            return millis.size();
        }

        public double perSecond() {
            return millis.size() / (double) seconds;
        }

        public double percentile(int p) {
            if (millis.isEmpty()) {
                return 0;
            }
            int index = (int) Math.ceil(p / 100.0 * millis.size()) - 1;
            return millis.get(Math.max(0, Math.min(millis.size() - 1, index)));
        }

        public double max() {
            return millis.isEmpty() ? 0 : millis.get(millis.size() - 1);
        }
    }

    private HeyLoad() {}

    /**
     * Runs hey on every request at once for {@code seconds}, {@code workers} each, every worker held
     * to {@code perWorkerRate} requests a second (0: no limit, the next request as soon as the answer is in).
     */
    public static Result run(List<Request> requests, int workers, double perWorkerRate, int seconds)
            throws IOException, InterruptedException {
        var processes = new ArrayList<Process>();
        var outputs = new ArrayList<Path>();
        try {
            for (var request : requests) {
                var out = Files.createTempFile("hey", ".csv");
                outputs.add(out);
                var command = new ArrayList<>(List.of("hey", "-z", seconds + "s", "-c", String.valueOf(workers),
                        "-q", String.format(Locale.ROOT, "%.2f", perWorkerRate), "-m", request.method(), "-o", "csv"));
                request.headers().forEach((name, value) -> command.addAll(List.of("-H", name + ": " + value)));
                if (request.body() != null) {
                    command.addAll(List.of("-T", "application/json", "-d", request.body()));
                }
                command.add(request.url());
                processes.add(new ProcessBuilder(command).redirectOutput(out.toFile())
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start());
            }
            for (var process : processes) {
                process.waitFor();
            }
            var millis = new ArrayList<Double>();
            long notOk = 0;
            for (var out : outputs) {
                // response-time,DNS+dialup,DNS,Request-write,Response-delay,Response-read,status-code,offset
                for (var line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
                    var cells = line.split(",");
                    if (cells.length < 7 || cells[0].isEmpty() || !Character.isDigit(cells[0].charAt(0))) {
                        continue; // the header
                    }
                    millis.add(Double.parseDouble(cells[0]) * 1000);
                    if (!cells[6].trim().equals("200")) {
                        notOk++;
                    }
                }
            }
            Collections.sort(millis);
            return new Result(millis, notOk, seconds);
        } finally {
            processes.forEach(Process::destroy);
            for (var out : outputs) {
                Files.deleteIfExists(out);
            }
        }
    }
}
