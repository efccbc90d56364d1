package io.marginstream.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The gateway's meters on Micrometer's Prometheus registry, scraped as {@code GET /metrics}: the service's counters,
 * gauges and the tick-to-write histogram with service-level buckets (so it can be windowed with {@code rate()} and
 * summed over nodes), plus JVM memory, GC, threads, class loading, CPU, uptime and file descriptors; the Netty
 * allocator's are bound by the Netty layer ({@link #systemRegistry()}). docs/GATEWAY.md lists every name.
 *
 * <p>Thread-safe. The methods called per frame ({@link #frameIn}, {@link #framesOut}, {@link #tickToWrite},
 * {@link #conflated}) update pre-registered meters and allocate nothing; rejections and closes look up a counter per
 * code, created once; the JVM, process and Netty meters are rendered at most once a second ({@link #render()}).
 * Lifecycle: built with the server, {@link #close()}d with it (detaches the GC listeners).
 */
public final class GatewayMetrics implements AutoCloseable {
    /** Service-level buckets of the tick-to-write histogram. */
    static final Duration[] TICK_TO_WRITE_BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
            Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(200), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(5)};

    /** The service's own meters: cheap to render (~30 µs), rendered on every scrape. */
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /** JVM, process and Netty binders: they read MXBeans and /proc (~0.8 ms a render), so rendered once a second. */
    private final PrometheusMeterRegistry system = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Counter framesIn = counter("marginstream.frames.in", "Text frames received.");
    private final Counter framesOut = counter("marginstream.frames.out", "Text frames written.");
    private final Counter conflated = counter("marginstream.outbox.conflated",
            "Conflatable values replaced by a newer one before being written.");
    private final Counter slowConsumerCloses = counter("marginstream.slow.consumer.closes",
            "Sessions closed with 4008.");
    private final Counter connectionsRefused = counter("marginstream.connections.refused",
            "Upgrades refused with HTTP 429 or 503.");
    private final Counter sessionsOpened = counter("marginstream.sessions.opened", "WebSocket sessions opened.");
    private final ConcurrentHashMap<Integer, Counter> rejections = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, Counter> closes = new ConcurrentHashMap<>();
    private final Timer tickToWrite = Timer.builder("marginstream.tick.to.write")
            .description("From an event's creation (E) to its write to a session.")
            .serviceLevelObjectives(TICK_TO_WRITE_BUCKETS)
            .maximumExpectedValue(Duration.ofSeconds(60))
            .register(registry);
    /** How long one render of the JVM, process and Netty meters is served to further scrapes. */
    public static final Duration SYSTEM_MAX_AGE = Duration.ofSeconds(1);
    private String systemText;
    private long systemRenderedAtNanos;
    private volatile LongSupplier sessions = () -> 0;
    private volatile LongSupplier connections = () -> 0;
    private volatile LongSupplier engineQueueDepth = () -> 0;

    public GatewayMetrics() {
        new JvmMemoryMetrics().bindTo(system);
        gc.bindTo(system);
        new JvmThreadMetrics().bindTo(system);
        new ClassLoaderMetrics().bindTo(system);
        new ProcessorMetrics().bindTo(system);
        new UptimeMetrics().bindTo(system);
        new FileDescriptorMetrics().bindTo(system);
        Gauge.builder("marginstream.sessions", this, m -> m.sessions.getAsLong())
                .description("Open WebSocket sessions.").register(registry);
        Gauge.builder("marginstream.connections", this, m -> m.connections.getAsLong())
                .description("Open TCP connections.").register(registry);
        Gauge.builder("marginstream.engine.queue.depth", this, m -> m.engineQueueDepth.getAsLong())
                .description("Commands waiting in the engine queue.").register(registry);
    }

    private Counter counter(String name, String help) {
        return Counter.builder(name).description(help).register(registry);
    }

    /**
     * The registry for binders of other layers (the Netty allocator's): rendered with the JVM's, at most once per
     * {@link #SYSTEM_MAX_AGE}.
     */
    public MeterRegistry systemRegistry() {
        return system;
    }

    public void bindGauges(LongSupplier sessions, LongSupplier connections, LongSupplier engineQueueDepth) {
        this.sessions = sessions;
        this.connections = connections;
        this.engineQueueDepth = engineQueueDepth;
    }

    public void frameIn() {
        framesIn.increment();
    }

    public void framesOut(int n) {
        framesOut.increment(n);
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
        rejections.computeIfAbsent(code, c -> Counter.builder("marginstream.rejections")
                .description("Requests answered with an error, by code.").tag("code", Integer.toString(c))
                .register(registry)).increment();
    }

    /** The server closed a connection with a WebSocket close code. */
    public void closed(int closeCode) {
        closes.computeIfAbsent(closeCode, c -> Counter.builder("marginstream.closes")
                .description("Connections closed by the server, by close code.").tag("code", Integer.toString(c))
                .register(registry)).increment();
    }

    /** Records the time from an event's creation ({@code E}, epoch ms) to its write to one session. */
    public void tickToWrite(long micros) {
        tickToWrite.record(Math.max(0, micros), TimeUnit.MICROSECONDS);
    }

    public long slowConsumerCloses() {
        return (long) slowConsumerCloses.count();
    }

    /**
     * The Prometheus text exposition (format 0.0.4): the service's meters as they are now, then the JVM, process and
     * Netty meters as of their last render, at most {@link #SYSTEM_MAX_AGE} ago. Those binders read MXBeans and
     * {@code /proc} (~0.8 ms a render on this box), so a client pipelining thousands of scrapes costs one such render a
     * second, not one per request, while every counter of the service is exact on every scrape.
     */
    public String render() {
        return registry.scrape() + systemText();
    }

    /** {@link #render()} as UTF-8, what {@code GET /metrics} answers. */
    public byte[] scrape() {
        return render().getBytes(StandardCharsets.UTF_8);
    }

    private synchronized String systemText() {
        long now = System.nanoTime();
        if (systemText == null || now - systemRenderedAtNanos >= SYSTEM_MAX_AGE.toNanos()) {
            systemText = system.scrape();
            systemRenderedAtNanos = now;
        }
        return systemText;
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
        system.close();
    }
}
