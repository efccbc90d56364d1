package io.marginstream.client.load;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the subscribe-only load tester counts, shared by all subscribers: written from the event loops (a wait-free
 * {@link Recorder}, {@link LongAdder}s, a concurrent set of the window's message timestamps), read by the driver
 * thread. A frame <em>counts</em> when its timestamp lies in the measured window [{@code from}, {@code to}) set by
 * {@link #open}: its lag (arrival − timestamp) is recorded and its timestamp names its message, so
 * {@code messages × subscribers} is what every subscriber receiving every message would give.
 */
final class StreamMeasure {
    private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(10);

    final AtomicInteger connected = new AtomicInteger();
    final LongAdder frames = new LongAdder();
    final LongAdder untimed = new LongAdder();
    final LongAdder counted = new LongAdder();
    private final Recorder lag = new Recorder(MAX_MICROS, 3);
    private final Histogram total = new Histogram(MAX_MICROS, 3);
    private final Set<Long> messages = ConcurrentHashMap.newKeySet();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> closes = new ConcurrentHashMap<>();
    private volatile long fromMs = Long.MAX_VALUE;
    private volatile long toMs = Long.MAX_VALUE;

    /** Starts counting frames stamped in [{@code from}, {@code to}) (epoch ms). */
    void open(long from, long to) {
        lag.reset();
        toMs = to;
        fromMs = from;
    }

    /** Event loop: one text frame with timestamp {@code ts} arrived; true when it counts (in the window). */
    boolean count(long ts, long arrivedMicros) {
        frames.increment();
        if (ts == FrameTimestamp.NONE) {
            untimed.increment();
            return false;
        }
        if (ts < fromMs || ts >= toMs) {
            return false;
        }
        counted.increment();
        lag.recordValue(Math.max(0, Math.min(MAX_MICROS, arrivedMicros - ts * 1000)));
        messages.add(ts);
        return true;
    }

    void failed(String cause) {
        failures.computeIfAbsent(cause, c -> new LongAdder()).increment();
    }

    void closed(int code) {
        closes.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    /** Driver thread: this interval's lags (also added to the run's total). */
    synchronized Histogram interval() {
        Histogram h = lag.getIntervalHistogram();
        total.add(h);
        return h;
    }

    /** Driver thread, after {@link #interval()} took the last lags: the whole window's. */
    synchronized Histogram total() {
        return total.copy();
    }

    int messages() {
        return messages.size();
    }

    Map<String, Long> failures() {
        Map<String, Long> m = new TreeMap<>();
        failures.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    Map<String, Long> closes() {
        Map<String, Long> m = new TreeMap<>();
        closes.forEach((k, v) -> m.put(Integer.toString(k), v.sum()));
        return m;
    }

    static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    }
}
