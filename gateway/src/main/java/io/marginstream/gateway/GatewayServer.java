package io.marginstream.gateway;

import io.marginstream.gateway.binance.BinanceApi;
import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.gateway.cluster.NatsEngineClient;
import io.marginstream.gateway.engine.CommandJournal;
import io.marginstream.gateway.engine.EngineClient;
import io.marginstream.gateway.engine.EngineHealth;
import io.marginstream.gateway.engine.EngineListener;
import io.marginstream.gateway.engine.MarginEngine;
import io.marginstream.gateway.journal.EngineStorage;
import io.marginstream.gateway.metrics.GatewayMetrics;
import io.marginstream.gateway.netty.NettyServer;
import io.marginstream.gateway.netty.ServerServices;
import io.marginstream.gateway.ratelimit.RateLimiter;
import io.marginstream.gateway.session.EngineCommands;
import io.marginstream.gateway.session.EventFanout;
import io.marginstream.gateway.session.KeyStore;
import io.marginstream.gateway.session.SessionRegistry;
import io.marginstream.gateway.web.StaticFiles;
import io.marginstream.protocol.ProtocolJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The gateway: the margin engine (or, as a cluster's gateway node, the {@link NatsEngineClient} to its shards), the
 * session layer and the Netty server, wired together. The session layer sees only an {@link EngineClient} and an
 * {@link EngineListener} (the local fan-out): it cannot tell the modes apart.
 *
 * <p>Lifecycle: NEW → {@link #start()} → RUNNING → {@link #close()} → CLOSED. {@code close()} is graceful: every
 * session gets {@code serverShutdown} and close 1001, the server waits a bounded time, then stops the engine; it
 * throws if the event loops did not stop. Thread-safe lifecycle methods.
 */
public final class GatewayServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GatewayServer.class);
    /** How long {@link #close()} waits for sessions to end and event loops to stop. */
    public static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

    private enum State { NEW, RUNNING, CLOSED }

    private final GatewayConfig config;
    private final GatewayMetrics metrics = new GatewayMetrics();
    private final KeyStore keys;
    private final SessionRegistry sessions;
    private final RateLimiter limiter;
    private final EngineClient engine;
    private final NettyServer netty;
    private final AtomicInteger connections = new AtomicInteger();
    private final long createdAt;
    private final EngineStorage storage;
    private volatile State state = State.NEW;
    private volatile int port = -1;

    /** A gateway on the wall clock with no journal (state lives in memory only). */
    public GatewayServer(GatewayConfig config) {
        this(config, System::currentTimeMillis,
                listener -> new MarginEngine(config, System::currentTimeMillis, listener, CommandJournal.NONE));
    }

    /**
     * A gateway whose engine {@code engineFactory} builds (with its journal, recovered state, ...) around the given
     * listener; {@code clock} (epoch ms) drives rate limits, logon windows and event times of the session layer.
     */
    public GatewayServer(GatewayConfig config, LongSupplier clock, Function<EngineListener, MarginEngine> engineFactory) {
        this(config, clock, engineFactory, null);
    }

    /**
     * A durable gateway (§9): locks {@code dataDir}, recovers the engine from its snapshot and journal (on a fresh
     * directory, from the config's accounts), journals every change, and takes periodic snapshots.
     *
     * @throws IOException if the data directory cannot be locked, read or recovered
     */
    public static GatewayServer durable(GatewayConfig config) throws IOException {
        EngineStorage storage = EngineStorage.open(Path.of(config.dataDir()));
        try {
            LongSupplier clock = System::currentTimeMillis;
            return new GatewayServer(config, clock, listener -> {
                MarginEngine engine = new MarginEngine(config, clock, listener, storage.journal());
                try {
                    storage.recover(engine);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return engine;
            }, storage);
        } catch (UncheckedIOException e) {
            storage.close();
            throw e.getCause();
        } catch (RuntimeException e) {
            storage.close();
            throw e;
        }
    }

    /**
     * A gateway node of a cluster (§13, {@code cluster.role = "gateway"}): no engine and no data directory here;
     * commands go to the shards over NATS and their events come back into the local fan-out.
     */
    public static GatewayServer clusterNode(GatewayConfig config) {
        LongSupplier clock = System::currentTimeMillis;
        GatewayServer node = new GatewayServer(config, clock, listener -> new NatsEngineClient(config, listener), null);
        ((NatsEngineClient) node.engine).shareListenKeys(node.sessions.listenKeys(), node.sessions.pmStreams());
        return node;
    }

    private GatewayServer(GatewayConfig config, LongSupplier clock,
                          Function<EngineListener, ? extends EngineClient> engineFactory, EngineStorage storage) {
        this.config = config;
        this.storage = storage;
        this.createdAt = clock.getAsLong();
        this.keys = new KeyStore(config);
        this.limiter = new RateLimiter(nodeShare(config), clock);
        this.sessions = new SessionRegistry(config, clock, metrics, limiter, keys);
        this.engine = engineFactory.apply(new EventFanout(sessions));
        this.sessions.interest(engine.interest());
        this.sessions.attach(new EngineCommands(engine));
        metrics.bindGauges(sessions::size, connections::get, engine::queueDepth);
        BinanceApi binance = config.binance().enabled()
                ? new BinanceApi(config, engine, keys, limiter, sessions, metrics, clock) : null;
        ServerServices services = new ServerServices(config, sessions, limiter, metrics, new StaticFiles(),
                this::healthy, this::healthJson, connections, binance);
        this.netty = new NettyServer(services);
    }

    /**
     * The rate limits this node enforces. A key's sessions may be spread over the cluster's gateway nodes, so each
     * node holds its share of the per-key and per-account limits ({@code requestWeightPerMinute},
     * {@code ordersPerMinute}): {@code ceil(limit / cluster.gateways)}, which keeps the cluster-wide total within
     * {@code limit} (up to rounding) with no shared counter on the request path (docs/CLUSTER.md "Rate limits").
     * Outside cluster mode, and for per-connection limits, the configured values.
     */
    static GatewayConfig.LimitsConfig nodeShare(GatewayConfig config) {
        GatewayConfig.LimitsConfig l = config.limits();
        int n = config.cluster().isGateway() ? config.cluster().gateways() : 1;
        if (n == 1) {
            return l;
        }
        return new GatewayConfig.LimitsConfig(ceilDiv(l.requestWeightPerMinute(), n), ceilDiv(l.ordersPerMinute(), n),
                l.messagesPerSecond(), l.messageBurst(), l.connectionsPerIpPer5Minutes(),
                l.logonFailuresPerIpPerMinute(), l.banAfter429s(), l.autoCollectionPerDay(),
                l.bnbTransfersPer10Minutes(), l.trustedNetworks(), l.connectionsPerIp(), l.openOrdersPerAccount());
    }

    private static int ceilDiv(int limit, int n) {
        return (limit + n - 1) / n;
    }

    /** Starts the engine, then binds {@code server.host:server.port}. */
    public synchronized GatewayServer start() {
        if (state != State.NEW) {
            throw new IllegalStateException("gateway already " + state);
        }
        engine.start();
        if (storage != null) {
            storage.startSnapshots((MarginEngine) engine);
        }
        try {
            port = netty.start(config.server().host(), config.server().port());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            engine.close();
            throw new IllegalStateException("interrupted while binding", e);
        } catch (Exception e) {
            engine.close();
            closeStorage();
            netty.stop(Duration.ofSeconds(2));
            throw new IllegalStateException("cannot listen on " + config.server().host() + ":"
                    + config.server().port() + ": " + e.getMessage(), e);
        }
        state = State.RUNNING;
        return this;
    }

    /** The bound port (useful with port 0). */
    public int port() {
        if (port < 0) {
            throw new IllegalStateException("gateway not started");
        }
        return port;
    }

    public GatewayConfig config() {
        return config;
    }

    /** What the session layer submits to: the embedded engine, or the cluster's engine client. */
    public EngineClient engine() {
        return engine;
    }

    public KeyStore keys() {
        return keys;
    }

    public SessionRegistry sessions() {
        return sessions;
    }

    public GatewayMetrics metrics() {
        return metrics;
    }

    /** Disables an API key at run time: logons fail and its sessions lose authorization and account streams. */
    public void disableKey(String apiKey) {
        keys.disable(apiKey);
        sessions.revoke(apiKey);
    }

    /**
     * A snapshot of the stopped engine: the next start replays nothing, and the engine config may change in between
     * (records are replayed only under the config that wrote them). Skipped when the engine failed.
     */
    private void snapshotAtShutdown() {
        if (storage == null) {
            return;
        }
        try {
            storage.snapshotNow((MarginEngine) engine);
        } catch (IOException | RuntimeException e) {
            log.warn("no snapshot at shutdown ({}); the next start replays the journal", e.toString());
        }
    }

    private void closeStorage() {
        if (storage != null) {
            try {
                storage.close();
            } catch (IOException e) {
                log.error("closing the data directory failed", e);
            }
        }
    }

    private boolean healthy() {
        return state == State.RUNNING && engine.health().up();
    }

    /**
     * {@code {"status":"UP"|"DEGRADED"|"DOWN","engine":"RUNNING"|"STALLED"|"STORAGE_FAILED"|"FAILED"|"DEGRADED"|
     * "STOPPED","reason":...,...}}: UP only while the gateway runs and the engine accepts commands; DEGRADED while a
     * cluster node's broker connection or a shard is missing (it recovers by itself).
     */
    private String healthJson() {
        EngineHealth h = engine.health();
        boolean up = state == State.RUNNING && h.up();
        String status = up ? "UP" : state == State.RUNNING && h.condition() == EngineHealth.Condition.DEGRADED
                ? "DEGRADED" : "DOWN";
        return "{\"status\":\"" + status + "\",\"engine\":\"" + h.condition() + "\""
                + (h.reason() == null ? "" : ",\"reason\":" + ProtocolJson.toJson(h.reason()))
                + ",\"sessions\":" + sessions.size()
                + ",\"connections\":" + connections.get() + ",\"engineQueueDepth\":" + engine.queueDepth()
                + ",\"transport\":\"" + (netty.epoll() ? "epoll" : "nio") + "\",\"role\":\""
                + config.cluster().role() + "\",\"node\":\"" + config.cluster().nodeId() + "\",\"startedAt\":"
                + createdAt + "}";
    }

    /**
     * Graceful stop: {@code serverShutdown} and close 1001 to every session, bounded wait, then the engine.
     *
     * @throws IllegalStateException if the server did not stop within {@link #SHUTDOWN_TIMEOUT}
     */
    @Override
    public synchronized void close() {
        if (state == State.CLOSED) {
            return;
        }
        boolean wasRunning = state == State.RUNNING;
        state = State.CLOSED;
        try {
            netty.stop(wasRunning ? SHUTDOWN_TIMEOUT : Duration.ofSeconds(2));
        } finally {
            try {
                engine.close();
                snapshotAtShutdown();
            } finally {
                closeStorage();
                metrics.close();
            }
            log.info("gateway stopped");
        }
    }
}
