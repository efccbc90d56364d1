package io.marginstream.gateway.metrics;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The gateway's counters, gauges and latency histogram, rendered in the Prometheus text format for
 * {@code GET /metrics}.
 *
 * <p>Thread-safe: counters are {@link LongAdder}s written from every event loop; the tick-to-write histogram is an
 * HdrHistogram {@link Recorder} (wait-free writers), folded into a cumulative histogram on each scrape.
 */
public final class GatewayMetrics {
    private final LongAdder framesIn = new LongAdder();
    private final LongAdder framesOut = new LongAdder();
    private final LongAdder conflated = new LongAdder();
    private final LongAdder slowConsumerCloses = new LongAdder();
    private final LongAdder connectionsRefused = new LongAdder();
    private final LongAdder sessionsOpened = new LongAdder();
    private final Map<Integer, LongAdder> rejections = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> closes = new ConcurrentHashMap<>();
    private final Recorder tickToWriteMicros = new Recorder(TimeUnit.SECONDS.toMicros(60), 3);
    private final Histogram tickToWriteTotal = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
    private volatile LongSupplier sessions = () -> 0;
    private volatile LongSupplier connections = () -> 0;
    private volatile LongSupplier engineQueueDepth = () -> 0;

    public void bindGauges(LongSupplier sessions, LongSupplier connections, LongSupplier engineQueueDepth) {
        this.sessions = sessions;
        this.connections = connections;
        this.engineQueueDepth = engineQueueDepth;
    }

    public void frameIn() {
        framesIn.increment();
    }

    public void framesOut(int n) {
        framesOut.add(n);
    }

    /** A conflatable value was replaced in an outbox before it could be written. */
    public void conflated() {
        conflated.increment();
    }

    public void slowConsumerClosed() {
        slowConsumerCloses.increment();
    }

    public void connectionRefused() {
        connectionsRefused.increment();
    }

    public void sessionOpened() {
        sessionsOpened.increment();
    }

    /** A request was answered with error {@code code} (negative, as on the wire). */
    public void rejected(int code) {
        rejections.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    /** The server closed a connection with a WebSocket close code. */
    public void closed(int closeCode) {
        closes.computeIfAbsent(closeCode, c -> new LongAdder()).increment();
    }

    /** Records the time from an event's creation ({@code E}, epoch ms) to its write to one session. */
    public void tickToWrite(long micros) {
        tickToWriteMicros.recordValue(Math.max(0, Math.min(micros, TimeUnit.SECONDS.toMicros(60))));
    }

    public long slowConsumerCloses() {
        return slowConsumerCloses.sum();
    }

    /** A snapshot of the tick-to-write histogram so far (µs). */
    public synchronized Histogram tickToWriteSnapshot() {
        tickToWriteTotal.add(tickToWriteMicros.getIntervalHistogram());
        return tickToWriteTotal.copy();
    }

    /** The Prometheus text exposition (format 0.0.4). */
    public String render() {
        StringBuilder sb = new StringBuilder(2048);
        gauge(sb, "marginstream_sessions", "Open WebSocket sessions.", sessions.getAsLong());
        gauge(sb, "marginstream_connections", "Open TCP connections.", connections.getAsLong());
        gauge(sb, "marginstream_engine_queue_depth", "Commands waiting in the engine queue.",
                engineQueueDepth.getAsLong());
        java.lang.management.MemoryUsage heap =
                java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        sb.append("# HELP jvm_memory_used_bytes Used JVM memory, by area.\n")
                .append("# TYPE jvm_memory_used_bytes gauge\n")
                .append("jvm_memory_used_bytes{area=\"heap\"} ").append(heap.getUsed()).append('\n');
        sb.append("# HELP jvm_memory_max_bytes Maximum JVM memory, by area.\n")
                .append("# TYPE jvm_memory_max_bytes gauge\n")
                .append("jvm_memory_max_bytes{area=\"heap\"} ").append(heap.getMax()).append('\n');
        counter(sb, "marginstream_sessions_opened_total", "WebSocket sessions opened.", sessionsOpened.sum());
        counter(sb, "marginstream_frames_in_total", "Text frames received.", framesIn.sum());
        counter(sb, "marginstream_frames_out_total", "Text frames written.", framesOut.sum());
        counter(sb, "marginstream_outbox_conflated_total",
                "Conflatable values replaced by a newer one before being written.", conflated.sum());
        counter(sb, "marginstream_slow_consumer_closes_total", "Sessions closed with 4008.",
                slowConsumerCloses.sum());
        counter(sb, "marginstream_connections_refused_total", "Upgrades refused with HTTP 429 or 503.",
                connectionsRefused.sum());
        sb.append("# HELP marginstream_rejections_total Requests answered with an error, by code.\n")
                .append("# TYPE marginstream_rejections_total counter\n");
        new TreeMap<>(rejections).forEach((code, n) -> sb.append("marginstream_rejections_total{code=\"")
                .append(code).append("\"} ").append(n.sum()).append('\n'));
        sb.append("# HELP marginstream_closes_total Connections closed by the server, by close code.\n")
                .append("# TYPE marginstream_closes_total counter\n");
        new TreeMap<>(closes).forEach((code, n) -> sb.append("marginstream_closes_total{code=\"")
                .append(code).append("\"} ").append(n.sum()).append('\n'));
        Histogram h = tickToWriteSnapshot();
        sb.append("# HELP marginstream_tick_to_write_seconds From an event's creation to its write to a session.\n")
                .append("# TYPE marginstream_tick_to_write_seconds summary\n");
        for (double q : new double[] {0.5, 0.9, 0.99, 0.999}) {
            sb.append("marginstream_tick_to_write_seconds{quantile=\"").append(q).append("\"} ")
                    .append(seconds(h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(q * 100))).append('\n');
        }
        double sum = h.getTotalCount() == 0 ? 0 : h.getMean() * h.getTotalCount();
        sb.append("marginstream_tick_to_write_seconds_sum ").append(seconds((long) sum)).append('\n');
        sb.append("marginstream_tick_to_write_seconds_count ").append(h.getTotalCount()).append('\n');
        return sb.toString();
    }

    private static String seconds(long micros) {
        return java.math.BigDecimal.valueOf(micros, 6).toPlainString();
    }

    private static void gauge(StringBuilder sb, String name, String help, long v) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" gauge\n").append(name).append(' ').append(v).append('\n');
    }

    private static void counter(StringBuilder sb, String name, String help, long v) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" counter\n").append(name).append(' ').append(v).append('\n');
    }
}
