package io.marginstream.client.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of one subscribe-only run: how many subscribers held, the messages of the window and the frames that
 * carried them, the lag distribution (publish time → arrival), and the CPU the client and, when its PID was given,
 * the server used during the window. One JSON line ({@link #jsonLine()}) and a short summary.
 *
 * @param label           the server's name as given
 * @param subscribers     subscribers asked for
 * @param held            subscribers connected when the window closed
 * @param messages        distinct timestamps seen in the window (published messages that reached anyone)
 * @param published       messages the tester POSTed during the window ({@code -1}: the server publishes)
 * @param frames          frames stamped in the window that arrived (by the end of the grace period)
 * @param expected        {@code messages × held}: every held subscriber receiving every message
 * @param minPerSubscriber the fewest window frames one held subscriber received
 * @param lagMs           arrival − timestamp, over every counted frame
 * @param windowSeconds   the window's length
 * @param clientCores     the tester's CPU time over the window, in cores
 * @param clientThreads   its event loops
 * @param serverCores     the server's CPU time over the window, in cores ({@code -1}: no PID)
 * @param failures        connections that failed, by cause
 * @param closes          close frames from the server, by code
 */
public record StreamLoadReport(String label, int subscribers, int held, long messages, long published, long frames,
                               long expected, long minPerSubscriber, LatencyStats lagMs, double windowSeconds,
                               double clientCores, int clientThreads, double serverCores,
                               Map<String, Long> failures, Map<String, Long> closes) {

    /** Every held subscriber got every message of the window, and every subscriber asked for held. */
    public boolean everyFrameDelivered() {
        return held == subscribers && messages > 0 && frames == expected && (published < 0 || messages == published);
    }

    /** The share of the expected frames that arrived. */
    public double deliveredShare() {
        return expected == 0 ? 0 : (double) frames / expected;
    }

    /** One line of JSON (what {@code scripts/bench-peers.sh} collects into its table). */
    public String jsonLine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("server", label);
        m.put("subscribers", subscribers);
        m.put("held", held);
        m.put("messages", messages);
        m.put("published", published);
        m.put("frames", frames);
        m.put("expected", expected);
        m.put("everyFrameDelivered", everyFrameDelivered());
        m.put("minPerSubscriber", minPerSubscriber);
        m.put("p50", lagMs.p50Ms());
        m.put("p90", lagMs.p90Ms());
        m.put("p99", lagMs.p99Ms());
        m.put("p999", lagMs.p999Ms());
        m.put("max", lagMs.maxMs());
        m.put("windowSeconds", round(windowSeconds));
        m.put("clientCores", round(clientCores));
        m.put("clientThreads", clientThreads);
        m.put("serverCores", round(serverCores));
        m.put("failures", failures);
        m.put("closes", closes);
        try {
            return new ObjectMapper().writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A few human-readable lines. */
    public String summary() {
        return String.format(Locale.ROOT, "%s: %d of %d subscribers held; %d messages, %d of %d frames (%.3f %%, "
                        + "fewest per subscriber %d)%s%n  lag p50 %.1f / p90 %.1f / p99 %.1f / p99.9 %.1f / max %.1f ms"
                        + "%n  CPU over %.1f s: client %.2f cores (%d event loops), server %s%s%s%n",
                label, held, subscribers, messages, frames, expected, 100 * deliveredShare(), minPerSubscriber,
                published < 0 ? "" : ", " + published + " published", lagMs.p50Ms(), lagMs.p90Ms(), lagMs.p99Ms(),
                lagMs.p999Ms(), lagMs.maxMs(), windowSeconds, clientCores, clientThreads,
                serverCores < 0 ? "not measured" : String.format(Locale.ROOT, "%.2f cores", serverCores),
                failures.isEmpty() ? "" : "; failures " + failures, closes.isEmpty() ? "" : "; closes " + closes);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
