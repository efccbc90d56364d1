package io.marginstream.client.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of one load test: what was held, what was sent and answered, latencies, throughput, errors, closes,
 * and the server's own view from {@code /metrics}. Written as {@code report.json} plus {@code latency.svg}.
 *
 * <p>The request counts add up when every request sent was answered exactly once or lost with its connection:
 * {@code requestsSent == responsesOk + responsesError + requestsLost + requestsUnanswered} and
 * {@code unexpectedResponses == 0} ({@link #countsAddUp()}).
 */
public record LoadReport(
        String finishedAt,
        LoadTestOptions options,
        Sessions sessions,
        Requests requests,
        Frames frames,
        Map<String, LatencyStats> latencyMs,
        Map<String, LatencyStats> commandLatencyMsByMethod,
        Map<String, Long> errorsByCode,
        Map<String, Long> closesByCode,
        Map<String, Long> connectFailuresByCause,
        Server server) {

    public static final String JSON_FILE = "report.json";
    public static final String SVG_FILE = "latency.svg";
    /** HdrHistogram's percentile format, one file per latency kind: {@code latency-<kind>.hgrm}, in ms. */
    public static final String HGRM_PREFIX = "latency-";
    private static final java.time.format.DateTimeFormatter TITLE_TIME = java.time.format.DateTimeFormatter
            .ofPattern("uuuu-MM-dd HH:mm:ss'Z'", Locale.ROOT).withZone(java.time.ZoneOffset.UTC);

    /**
     * @param target             sessions asked for
     * @param connectedPeak      handshakes completed
     * @param loggedOnPeak       most sessions logged on at once
     * @param heldAtEnd          sessions logged on when the hold phase ended
     * @param stalled            stalled sessions still open when the hold phase ended
     * @param stalledBacklogFrames frames the stalled sessions read after resuming
     * @param connectFailures    connections or handshakes that failed
     * @param logonFailures      logons answered with an error
     * @param rampSeconds        from the first connect until every session settled
     * @param holdSeconds        the hold phase
     */
    public record Sessions(int target, long connectedPeak, int loggedOnPeak, int heldAtEnd, int stalled,
                           long stalledBacklogFrames, long connectFailures, long logonFailures, double rampSeconds,
                           double holdSeconds) {
    }

    /** Requests of every kind (logon, subscribe, commands) and the commands among them. */
    public record Requests(long requestsSent, long responsesOk, long responsesError, long requestsLost,
                           long requestsUnanswered, long unexpectedResponses, long commandsSent, long commandsOk,
                           long commandsFailed, long commandsSkippedBackpressure, long events) {
    }

    /**
     * Frame totals, per-second rates over the hold phase, and the CPU both processes used during the hold, in cores
     * (1.0 = one core busy all the time; {@code -1} when unknown).
     */
    public record Frames(long framesIn, long framesOut, long bytesIn, long bytesOut, double framesInPerSecond,
                         double framesOutPerSecond, double gatewayCpuCores, double testerCpuCores) {
    }

    /**
     * The server's {@code /metrics}: used heap before the sessions, at the end of the hold phase, the most seen,
     * and after closing; sessions at the end of the hold phase; heap growth per held session. With
     * {@code --server-pid}: live heap after a full GC and RSS before the ramp, after the ramp (sessions open and
     * subscribed, no command yet: {@code liveHeapPerSessionBytes} and {@code rssPerSessionBytes} come from these two)
     * and after the drain (also holding what the commands left: transfer records, idempotency ids). {@code -1}
     * where unknown.
     */
    public record Server(long heapBaselineBytes, long heapAtHoldEndBytes, long heapPeakBytes, long heapAfterBytes,
                         long sessionsAtHoldEnd, long sessionsPeak, long heapPerSessionBytes, int scrapes,
                         long liveHeapBaselineBytes, long liveHeapAfterRampBytes, long liveHeapAfterDrainBytes,
                         long liveHeapPerSessionBytes, long rssBaselineBytes, long rssAfterRampBytes,
                         long rssAfterDrainBytes, long rssPerSessionBytes,
                         Map<String, Double> rawAtHoldEnd, Map<String, Double> closesAndRejectionsAfter) {
    }

    record Timing(long rampNanos, long holdNanos, long gatewayCpuNanos, long testerCpuNanos) {
    }

    static LoadReport build(LoadTestOptions o, LoadMetrics m, Timing t, int held, int stalled, long backlog,
                            long unanswered, long framesIn, long framesOut, ServerMetrics.Sample baseline,
                            List<ServerMetrics.Sample> samples, ServerMetrics.Sample after,
                            long[] process) {
        double holdSeconds = t.holdNanos() / 1e9;
        Map<String, LatencyStats> lat = new LinkedHashMap<>();
        for (LoadMetrics.Kind k : LoadMetrics.Kind.values()) {
            lat.put(k.label, LatencyStats.of(m.total(k)));
        }
        Map<String, LatencyStats> byMethod = new LinkedHashMap<>();
        for (Map.Entry<String, Histogram> e : m.commandTotals().entrySet()) {
            byMethod.put(e.getKey(), LatencyStats.of(e.getValue()));
        }
        ServerMetrics.Sample holdEnd = samples.isEmpty() ? null : samples.get(samples.size() - 1);
        long heapPeak = samples.stream().mapToLong(ServerMetrics.Sample::heapUsedBytes).max().orElse(-1);
        long sessionsPeak = samples.stream().mapToLong(ServerMetrics.Sample::sessions).max().orElse(-1);
        long base = baseline == null ? -1 : baseline.heapUsedBytes();
        long heapEnd = holdEnd == null ? -1 : holdEnd.heapUsedBytes();
        long perSession = base >= 0 && heapEnd >= 0 && held > 0 ? (heapEnd - base) / held : -1;
        Server server = new Server(base, heapEnd, heapPeak, after == null ? -1 : after.heapUsedBytes(),
                holdEnd == null ? -1 : holdEnd.sessions(), sessionsPeak, perSession, samples.size(),
                process[0], process[4], process[2], perHeld(process[0], process[4], m.peakLoggedOn.get()),
                process[1], process[5], process[3], perHeld(process[1], process[5], m.peakLoggedOn.get()),
                holdEnd == null ? Map.of() : holdEnd.raw(),
                counters(after));
        return new LoadReport(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(), o,
                new Sessions(o.sessions(), m.connectedTotal(), m.peakLoggedOn.get(), held, stalled, backlog,
                        m.connectFailures.sum(), m.logonFailures.sum(), t.rampNanos() / 1e9, holdSeconds),
                new Requests(m.requestsSent.sum(), m.responsesOk.sum(), m.responsesError.sum(),
                        m.requestsLost.sum(), unanswered, m.unexpectedResponses.sum(), m.commandsSent.sum(),
                        m.commandsOk.sum(), m.commandsFailed.sum(), m.commandsSkippedBackpressure.sum(),
                        m.events.sum()),
                new Frames(m.framesIn.sum(), m.framesOut.sum(), m.bytesIn.sum(), m.bytesOut.sum(),
                        holdSeconds > 0 ? framesIn / holdSeconds : 0, holdSeconds > 0 ? framesOut / holdSeconds : 0,
                        cores(t.gatewayCpuNanos(), t.holdNanos()), cores(t.testerCpuNanos(), t.holdNanos())),
                lat, byMethod, m.errorsByCode(), m.closesByCode(), m.connectFailuresByCause(), server);
    }

    private static double cores(long cpuNanos, long wallNanos) {
        return cpuNanos < 0 || wallNanos <= 0 ? -1 : Math.round(cpuNanos * 1000.0 / wallNanos) / 1000.0;
    }

    private static Map<String, Double> counters(ServerMetrics.Sample s) {
        Map<String, Double> m = new java.util.TreeMap<>();
        if (s != null) {
            s.raw().forEach((k, v) -> {
                if (k.contains("closes_total") || k.contains("rejections_total") || k.contains("tick_to_write")) {
                    m.put(k, v);
                }
            });
        }
        return m;
    }

    private static long perHeld(long before, long after, int held) {
        return before > 0 && after > 0 && held > 0 ? (after - before) / held : -1;
    }

    /** Whether every request sent was answered exactly once, or lost with its connection. */
    public boolean countsAddUp() {
        Requests r = requests;
        return r.requestsSent == r.responsesOk + r.responsesError + r.requestsLost + r.requestsUnanswered
                && r.unexpectedResponses == 0
                && r.commandsSent >= r.commandsOk + r.commandsFailed;
    }

    /**
     * Writes {@code report.json}, {@code latency.svg} and a {@code latency-<kind>.hgrm} per latency kind with data
     * (HdrHistogram's percentile distribution in ms, what its plotters read) into {@code dir}.
     */
    void write(Path dir, Map<String, Histogram> plot) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(JSON_FILE), toJson());
        Files.writeString(dir.resolve(SVG_FILE), LatencyPlot.svg(String.format(Locale.ROOT,
                "MarginStream load test: %d sessions, %.0f commands/s, %s", sessions.heldAtEnd, options.commandRate(),
                TITLE_TIME.format(Instant.parse(finishedAt))), plot));
        for (Map.Entry<String, Histogram> e : plot.entrySet()) {
            if (e.getValue().getTotalCount() > 0) {
                try (java.io.PrintStream ps = new java.io.PrintStream(Files.newOutputStream(dir.resolve(
                        HGRM_PREFIX + e.getKey() + ".hgrm")), false, java.nio.charset.StandardCharsets.UTF_8)) {
                    e.getValue().outputPercentileDistribution(ps, 1000.0);
                }
            }
        }
    }

    public String toJson() throws IOException {
        ObjectMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
                .build();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("finishedAt", finishedAt);
        Map<String, Object> opts = new LinkedHashMap<>();
        opts.put("url", options.url().toString());
        opts.put("sessions", options.sessions());
        opts.put("rampPerSecond", options.rampPerSecond());
        opts.put("warmupSeconds", options.warmupSeconds());
        opts.put("durationSeconds", options.durationSeconds());
        opts.put("accounts", options.effectiveAccounts());
        opts.put("streams", options.streams());
        opts.put("intervalMs", options.intervalMs());
        opts.put("commandRate", options.commandRate());
        opts.put("mix", options.mix());
        opts.put("stalledShare", options.stalledShare());
        opts.put("threads", options.threads());
        root.put("options", opts);
        root.put("sessions", sessions);
        root.put("requests", requests);
        root.put("countsAddUp", countsAddUp());
        root.put("frames", frames);
        root.put("latencyMs", latencyMs);
        root.put("commandLatencyMsByMethod", commandLatencyMsByMethod);
        root.put("errorsByCode", errorsByCode);
        root.put("closesByCode", closesByCode);
        root.put("connectFailuresByCause", connectFailuresByCause);
        root.put("server", server);
        return mapper.writeValueAsString(root);
    }

    /** The summary table printed at the end of a run. */
    public String summaryTable() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%-26s %s%n", "sessions held", sessions.heldAtEnd + " of "
                + sessions.target + " (peak logged on " + sessions.loggedOnPeak + ", stalled " + sessions.stalled
                + ", connect failures " + sessions.connectFailures + ", logon failures " + sessions.logonFailures
                + ")"));
        s.append(String.format(Locale.ROOT, "%-26s %.1f s ramp, %d s warm-up, %.1f s hold%n", "phases",
                sessions.rampSeconds, options.warmupSeconds(), sessions.holdSeconds));
        s.append(String.format(Locale.ROOT, "%-26s %d sent = %d ok + %d error + %d lost + %d unanswered; "
                        + "%d unexpected -> %s%n", "requests", requests.requestsSent, requests.responsesOk,
                requests.responsesError, requests.requestsLost, requests.requestsUnanswered,
                requests.unexpectedResponses, countsAddUp() ? "counts add up" : "COUNTS DO NOT ADD UP"));
        s.append(String.format(Locale.ROOT, "%-26s %d sent, %d ok, %d rejected, %d skipped (backpressure); counts "
                        + "include the %d s warm-up, latencies and rates are of the hold only%n", "commands",
                requests.commandsSent, requests.commandsOk, requests.commandsFailed,
                requests.commandsSkippedBackpressure, options.warmupSeconds()));
        s.append(String.format(Locale.ROOT, "%-26s in %.0f/s, out %.0f/s (hold phase); %d events%n", "frames",
                frames.framesInPerSecond, frames.framesOutPerSecond, requests.events));
        s.append(String.format(Locale.ROOT, "%-26s gateway %s cores, load tester %s cores (hold phase)%n", "CPU",
                frames.gatewayCpuCores < 0 ? "n/a" : Double.toString(frames.gatewayCpuCores),
                frames.testerCpuCores < 0 ? "n/a" : Double.toString(frames.testerCpuCores)));
        s.append(String.format(Locale.ROOT, "%-26s %10s %9s %9s %9s %9s %9s%n", "latency (ms)", "count", "p50",
                "p90", "p99", "p99.9", "max"));
        latencyMs.forEach((k, v) -> s.append(row(k, v)));
        commandLatencyMsByMethod.forEach((k, v) -> s.append(row("  " + k, v)));
        s.append(String.format(Locale.ROOT, "%-26s %s%n", "errors by code", errorsByCode.isEmpty() ? "none"
                : errorsByCode));
        s.append(String.format(Locale.ROOT, "%-26s %s%n", "closes seen by clients", closesByCode.isEmpty() ? "none"
                : closesByCode));
        Map<String, Long> counters = new java.util.TreeMap<>();
        server.closesAndRejectionsAfter.forEach((k, v) -> {
            if (!k.contains("tick_to_write")) {
                counters.put(k.replace("marginstream_", ""), v.longValue());
            }
        });
        s.append(String.format(Locale.ROOT, "%-26s %s%n", "server counters at end", counters.isEmpty() ? "none"
                : counters));
        double p50 = ServerMetrics.quantileUpperBound(server.closesAndRejectionsAfter, 0.5);
        if (!Double.isNaN(p50)) {
            s.append(String.format(Locale.ROOT, "%-26s p50 <= %s s, p99 <= %s s (bucket bounds of the server's "
                            + "marginstream_tick_to_write_seconds histogram, whole run)%n", "server tick-to-write",
                    bound(p50), bound(ServerMetrics.quantileUpperBound(server.closesAndRejectionsAfter, 0.99))));
        }
        if (!connectFailuresByCause.isEmpty()) {
            s.append(String.format(Locale.ROOT, "%-26s %s%n", "connect failures", connectFailuresByCause));
        }
        s.append(String.format(Locale.ROOT, "%-26s used heap %s before the sessions, %s at hold end (peak %s); "
                        + "sessions %d%n", "server (/metrics)", mib(server.heapBaselineBytes),
                mib(server.heapAtHoldEndBytes), mib(server.heapPeakBytes), server.sessionsAtHoldEnd));
        if (server.liveHeapAfterRampBytes > 0) {
            s.append(String.format(Locale.ROOT, "%-26s %s per session: live heap (after a full GC, jcmd) after the "
                            + "ramp minus before it, over the sessions held%n", "server heap per session",
                    kib(server.liveHeapPerSessionBytes)));
            s.append(String.format(Locale.ROOT, "%-26s live heap %s before the sessions, %s after the ramp, %s after "
                            + "the drain%n", "server (jcmd)", mib(server.liveHeapBaselineBytes),
                    mib(server.liveHeapAfterRampBytes), mib(server.liveHeapAfterDrainBytes)));
            s.append(String.format(Locale.ROOT, "%-26s RSS %s before the sessions, %s after the ramp (%s per session), "
                            + "%s after the drain%n", "server (/proc)", mib(server.rssBaselineBytes),
                    mib(server.rssAfterRampBytes), kib(server.rssPerSessionBytes), mib(server.rssAfterDrainBytes)));
        } else {
            s.append(String.format(Locale.ROOT, "%-26s ~%s per session: used heap at hold end minus before, over the "
                            + "sessions held (includes garbage not yet collected; --server-pid measures live heap)%n",
                    "server heap per session", server.heapPerSessionBytes < 0 ? "n/a"
                            : kib(server.heapPerSessionBytes)));
        }
        return s.toString();
    }

    private static String bound(double seconds) {
        return Double.isInfinite(seconds) ? "+Inf" : java.math.BigDecimal.valueOf(seconds).stripTrailingZeros()
                .toPlainString();
    }

    private static String row(String label, LatencyStats v) {
        return String.format(Locale.ROOT, "%-26s %10d %9.2f %9.2f %9.2f %9.2f %9.2f%n", label, v.count(), v.p50Ms(),
                v.p90Ms(), v.p99Ms(), v.p999Ms(), v.maxMs());
    }

    static String mib(long bytes) {
        return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    private static String kib(long bytes) {
        return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }
}
