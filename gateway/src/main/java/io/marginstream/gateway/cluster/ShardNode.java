package io.marginstream.gateway.cluster;

import com.sun.net.httpserver.HttpServer;
import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.gateway.engine.EngineCommand;
import io.marginstream.gateway.engine.EngineHealth;
import io.marginstream.gateway.engine.MarginEngine;
import io.marginstream.gateway.journal.EngineStorage;
import io.marginstream.protocol.ApiException;
import io.marginstream.protocol.ErrorCode;
import io.marginstream.protocol.ProtocolJson;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One engine shard of a cluster (§13, {@code cluster.role = "shard"}): the single writer of the accounts the
 * {@link io.marginstream.gateway.config.ShardRule} gives it, with its own {@code dataDir}, journal and snapshots
 * (recovered exactly as the single-process gateway recovers), answering {@code ms.cmd.<shard>} by request/reply and
 * publishing its accounts' events through a {@link NatsEventSink}. Shard 0 is the cluster's one mark source: its
 * feed ticks go out on {@code ms.tick}, and every shard, shard 0 included, applies and journals the ticks it receives.
 * Every {@value Subjects#HEARTBEAT_MILLIS} ms it publishes its engine's condition on {@code ms.hb.<shard>}, and it
 * serves {@code GET /healthz} on {@code server.host:server.port}.
 *
 * <p>A request whose deadline passed before it arrived is not run (the gateway has answered it already), so a
 * command the gateway reported as unknown ({@code -1007}) only runs if it reached the engine in time. Threads: the
 * NATS dispatcher decodes requests and submits them; replies go out from the engine thread when the futures
 * complete, after the batch's events (same connection, so a gateway sees the events first).
 */
public final class ShardNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ShardNode.class);

    private final GatewayConfig config;
    private final int shard;
    private final EngineStorage storage;
    private final MarginEngine engine;
    private final Connection nc;
    private final ScheduledExecutorService heartbeat;
    private final HttpServer http;
    private volatile boolean closed;

    private ShardNode(GatewayConfig config, EngineStorage storage, Connection nc) throws IOException {
        this.config = config;
        this.shard = config.cluster().shard();
        this.storage = storage;
        this.nc = nc;
        boolean markSource = shard == 0;
        this.engine = new MarginEngine(config, System::currentTimeMillis, new NatsEventSink(nc, markSource),
                storage.journal());
        storage.recover(engine);
        engine.routeTicks(markSource ? this::publishTick : null);
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "marginstream-shard-heartbeat");
            t.setDaemon(true);
            return t;
        });
        this.http = HttpServer.create(new InetSocketAddress(config.server().host(), config.server().port()), 16);
        http.createContext("/healthz", ex -> {
            byte[] body = healthJson().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(healthy() ? 200 : 503, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
    }

    /**
     * Opens the shard's data directory, recovers its engine, connects to the broker (waiting for it when it is
     * not up yet) and starts answering.
     *
     * @throws IOException when the data directory cannot be locked, read or recovered
     */
    public static ShardNode start(GatewayConfig config) throws IOException {
        if (!config.cluster().isShard()) {
            throw new IllegalArgumentException("cluster.role must be \"shard\"");
        }
        EngineStorage storage = EngineStorage.open(Path.of(config.dataDir()));
        Connection nc = null;
        try {
            nc = Broker.connect(config.cluster().natsUrl(), config.cluster().nodeId(), (c, e) -> { });
            ShardNode node = new ShardNode(config, storage, nc);
            node.run();
            return node;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(nc, storage);
            throw new IOException("interrupted while connecting to the broker", e);
        } catch (IOException | RuntimeException e) {
            closeQuietly(nc, storage);
            throw e;
        }
    }

    private static void closeQuietly(Connection nc, EngineStorage storage) {
        try {
            if (nc != null) {
                nc.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            storage.close();
        } catch (IOException e) {
            log.warn("closing the data directory failed", e);
        }
    }

    private void run() {
        engine.start();
        storage.startSnapshots(engine);
        Dispatcher commands = nc.createDispatcher(this::onCommand);
        commands.setPendingLimits(1_000_000, 256L * 1024 * 1024);
        commands.subscribe(Subjects.commands(shard));
        Dispatcher ticks = nc.createDispatcher(this::onTick);
        ticks.subscribe(Subjects.TICK);
        if (shard == 0) {
            nc.createDispatcher(this::onMarksRequest).subscribe(Subjects.MARKS_GET);
        }
        heartbeat.scheduleAtFixedRate(this::beat, 0, Subjects.HEARTBEAT_MILLIS, TimeUnit.MILLISECONDS);
        http.start();
        log.info("shard {} of {} running on {} (data {}, healthz http://{}:{}/healthz)", shard,
                config.cluster().shards(), config.cluster().natsUrl(), config.dataDir(), config.server().host(),
                port());
    }

    /** The bound {@code /healthz} port. */
    public int port() {
        return http.getAddress().getPort();
    }

    public MarginEngine engine() {
        return engine;
    }

    private void onCommand(Message m) {
        String reply = m.getReplyTo();
        WireCodec.Request req;
        try {
            req = WireCodec.readRequest(m.getData());
        } catch (IOException | RuntimeException e) {
            respond(reply, WireCodec.error(new ApiException(ErrorCode.MALFORMED_REQUEST,
                    "The cluster request could not be read: " + e.getMessage())));
            return;
        }
        if (System.currentTimeMillis() > req.deadlineMillis()) {
            log.debug("dropping {}: its deadline passed before it arrived", req.command());
            return;
        }
        engine.submit(req.command()).whenComplete((result, error) -> {
            if (error == null) {
                byte[] data;
                try {
                    data = WireCodec.result(result);
                } catch (RuntimeException e) {
                    log.error("cannot encode the result of {}", req.command(), e);
                    data = WireCodec.error(new ApiException(ErrorCode.UNKNOWN, "The result could not be sent; it "
                            + "was applied: read the account before retrying."));
                }
                respond(reply, data);
            } else {
                Throwable cause = error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                ApiException api = cause instanceof ApiException a ? a
                        : new ApiException(ErrorCode.UNKNOWN, "An unexpected error occurred; nothing changed.");
                respond(reply, WireCodec.error(api));
            }
        });
    }

    private void respond(String reply, byte[] data) {
        if (reply == null) {
            return;
        }
        try {
            nc.publish(reply, data);
        } catch (RuntimeException e) {
            log.debug("reply lost (broker away): {}", e.toString());
        }
    }

    private void onTick(Message m) {
        try {
            if (WireCodec.readRequest(m.getData()).command() instanceof EngineCommand.ApplyMarks marks) {
                engine.applyTick(marks);
            }
        } catch (IOException | RuntimeException e) {
            log.warn("ignoring a bad tick: {}", e.toString());
        }
    }

    private void onMarksRequest(Message m) {
        if (m.getReplyTo() != null) {
            respond(m.getReplyTo(), WireCodec.request(new EngineCommand.ApplyMarks(engine.marks(),
                    java.util.Map.of()), Long.MAX_VALUE));
        }
    }

    private void publishTick(EngineCommand.ApplyMarks tick) {
        try {
            nc.publish(Subjects.TICK, WireCodec.request(tick, Long.MAX_VALUE));
        } catch (RuntimeException e) {
            log.debug("tick dropped (broker away): {}", e.toString());
        }
    }

    private void beat() {
        EngineHealth h = engine.health();
        try {
            if (Broker.connected(nc)) {
                nc.publish(Subjects.heartbeat(shard), WireCodec.heartbeat(new WireCodec.Heartbeat(shard,
                        h.condition().name(), h.reason())));
            }
        } catch (RuntimeException e) {
            log.debug("heartbeat not sent: {}", e.toString());
        }
    }

    private boolean healthy() {
        return !closed && engine.health().up() && Broker.connected(nc);
    }

    private String healthJson() {
        EngineHealth h = engine.health();
        String status = healthy() ? "UP" : !closed && h.up() ? "DEGRADED" : "DOWN";
        return "{\"status\":\"" + status + "\",\"role\":\"shard\",\"shard\":" + shard + ",\"shards\":"
                + config.cluster().shards() + ",\"engine\":\"" + h.condition() + "\""
                + (h.reason() == null ? "" : ",\"reason\":" + ProtocolJson.toJson(h.reason()))
                + ",\"broker\":\"" + nc.getStatus() + "\",\"lastSeq\":" + engine.lastSeq()
                + ",\"node\":\"" + config.cluster().nodeId() + "\"}";
    }

    /** Stops answering, stops the engine, takes a snapshot and releases the data directory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        http.stop(0);
        heartbeat.shutdownNow();
        try {
            nc.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            engine.close();
            storage.snapshotNow(engine);
        } catch (IOException | RuntimeException e) {
            log.warn("no snapshot at shutdown ({}); the next start replays the journal", e.toString());
        } finally {
            try {
                storage.close();
            } catch (IOException e) {
                log.error("closing the data directory failed", e);
            }
        }
        log.info("shard {} stopped", shard);
    }
}
