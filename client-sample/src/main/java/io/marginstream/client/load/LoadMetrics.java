package io.marginstream.client.load;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Everything the load tester counts and times. Written from the Netty event loops (wait-free {@link Recorder}s and
 * {@link LongAdder}s), read by the one progress thread, which folds each second's interval histograms into the
 * run totals ({@link #sample()}).
 */
final class LoadMetrics {
    /** Latency kinds, each a histogram of microseconds. */
    enum Kind {
        /** Upgrade request to handshake done. */
        CONNECT("connect"),
        /** {@code session.logon} sent to its response. */
        LOGON("logon"),
        /** A command (transfer, autoCollection, order.place) sent to its response. */
        COMMAND("command"),
        /** A price-driven event ({@code marginRatio}, {@code markPriceUpdate}): its {@code E} to its arrival. */
        TICK("tick-to-client"),
        /** A {@code userData} event: its {@code E} to its arrival. */
        USER_EVENT("userData-event");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(10);

    private final Map<Kind, Recorder> recorders = new ConcurrentHashMap<>();
    private final Map<Kind, Histogram> totals = new ConcurrentHashMap<>();
    private final Map<String, Recorder> commandRecorders = new ConcurrentHashMap<>();
    private final Map<String, Histogram> commandTotals = new ConcurrentHashMap<>();

    final LongAdder framesIn = new LongAdder();
    final LongAdder framesOut = new LongAdder();
    final LongAdder bytesIn = new LongAdder();
    final LongAdder bytesOut = new LongAdder();
    /** Every request sent: logons, subscribes and commands. */
    final LongAdder requestsSent = new LongAdder();
    final LongAdder responsesOk = new LongAdder();
    final LongAdder responsesError = new LongAdder();
    /** Requests whose session closed before the answer came. */
    final LongAdder requestsLost = new LongAdder();
    final LongAdder commandsSent = new LongAdder();
    final LongAdder commandsOk = new LongAdder();
    final LongAdder commandsFailed = new LongAdder();
    /** Responses whose id matched no outstanding request (answered twice, or never sent). */
    final LongAdder unexpectedResponses = new LongAdder();
    /** Commands not sent because the channel was not writable (our own outbound buffer was full). */
    final LongAdder commandsSkippedBackpressure = new LongAdder();
    final LongAdder events = new LongAdder();
    final LongAdder connectFailures = new LongAdder();
    final LongAdder logonFailures = new LongAdder();
    final AtomicInteger connecting = new AtomicInteger();
    final AtomicInteger open = new AtomicInteger();
    final AtomicInteger loggedOn = new AtomicInteger();
    final AtomicInteger stalled = new AtomicInteger();
    final AtomicInteger peakLoggedOn = new AtomicInteger();
    private final Map<String, LongAdder> errorsByCode = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> closesByCode = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> connectFailuresByCause = new ConcurrentHashMap<>();

    LoadMetrics() {
        for (Kind k : Kind.values()) {
            recorders.put(k, new Recorder(MAX_MICROS, 3));
            totals.put(k, new Histogram(MAX_MICROS, 3));
        }
    }

    void record(Kind kind, long micros) {
        recorders.get(kind).recordValue(clamp(micros));
    }

    void recordCommand(String method, long micros) {
        long v = clamp(micros);
        recorders.get(Kind.COMMAND).recordValue(v);
        commandRecorders.computeIfAbsent(method, m -> new Recorder(MAX_MICROS, 3)).recordValue(v);
    }

    private static long clamp(long micros) {
        return Math.max(0, Math.min(MAX_MICROS, micros));
    }

    void error(int code) {
        errorsByCode.computeIfAbsent(Integer.toString(code), c -> new LongAdder()).increment();
    }

    void closed(String code) {
        closesByCode.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    void connectFailed(String cause) {
        connectFailures.increment();
        connectFailuresByCause.computeIfAbsent(cause, c -> new LongAdder()).increment();
    }

    /** Handshakes completed over the whole run. */
    long connectedTotal() {
        return totals.get(Kind.CONNECT).getTotalCount();
    }

    void loggedOn() {
        int now = loggedOn.incrementAndGet();
        peakLoggedOn.accumulateAndGet(now, Math::max);
    }

    /**
     * Takes this interval's histograms out of the recorders, adds them to the totals and returns them (one thread
     * only: the progress thread).
     */
    synchronized Map<Kind, Histogram> sample() {
        Map<Kind, Histogram> interval = new TreeMap<>();
        for (Kind k : Kind.values()) {
            Histogram h = recorders.get(k).getIntervalHistogram();
            totals.get(k).add(h);
            interval.put(k, h);
        }
        commandRecorders.forEach((m, r) ->
                commandTotals.computeIfAbsent(m, x -> new Histogram(MAX_MICROS, 3)).add(r.getIntervalHistogram()));
        return interval;
    }

    /** Forgets what the warm-up recorded of commands and events, so the hold phase is measured alone. */
    synchronized void resetMeasured() {
        for (Kind k : new Kind[] {Kind.COMMAND, Kind.TICK, Kind.USER_EVENT}) {
            recorders.get(k).reset();
            totals.get(k).reset();
        }
        commandRecorders.values().forEach(Recorder::reset);
        commandTotals.clear();
    }

    Histogram total(Kind kind) {
        return totals.get(kind);
    }

    Map<String, Histogram> commandTotals() {
        return new TreeMap<>(commandTotals);
    }

    Map<String, Long> errorsByCode() {
        return snapshot(errorsByCode);
    }

    Map<String, Long> closesByCode() {
        return snapshot(closesByCode);
    }

    Map<String, Long> connectFailuresByCause() {
        return snapshot(connectFailuresByCause);
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> m) {
        Map<String, Long> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
