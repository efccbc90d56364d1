package io.marginstream.gateway.cluster;

import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.gateway.config.ShardRule;
import io.marginstream.gateway.engine.AccountEvent;
import io.marginstream.gateway.engine.AccountInterest;
import io.marginstream.gateway.engine.AccountStatusView;
import io.marginstream.gateway.engine.AssetInfo;
import io.marginstream.gateway.engine.CommandJournal;
import io.marginstream.gateway.engine.EngineClient;
import io.marginstream.gateway.engine.EngineCommand;
import io.marginstream.gateway.engine.EngineHealth;
import io.marginstream.gateway.engine.EngineListener;
import io.marginstream.gateway.engine.InstrumentInfo;
import io.marginstream.gateway.engine.MarginEngine;
import io.marginstream.gateway.engine.MarginSnapshot;
import io.marginstream.gateway.engine.PortfolioMarginResult;
import io.marginstream.gateway.session.ListenKeys;
import io.marginstream.gateway.session.PmStreams;
import io.marginstream.protocol.ApiException;
import io.marginstream.protocol.ErrorCode;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A gateway node's engine client and event source in cluster mode (§13, docs/CLUSTER.md): each command goes by NATS
 * request/reply to the shard that owns its account ({@link ShardRule}); account-less queries go to shard 0;
 * account-less changes (the admin feed and mark commands) go to every shard. The events of the accounts this node
 * {@linkplain #follow follows} and the marks come back on their subjects and are played, in arrival order, into the
 * node's {@link EngineListener} (the local fan-out) — on one thread, the NATS dispatcher's, with one
 * {@link EngineListener#onBatchEnd()} whenever the dispatcher's queue runs empty (and at least every 1024 messages).
 * Replies arrive on the same connection and dispatcher: a reply is completed only after the events that came before
 * it were handed on, so a response still follows the events of its command.
 *
 * <p>Failure rules: the broker away, or a shard without a heartbeat for {@value #SHARD_SILENT_MILLIS} ms, answers the
 * commands that need it with {@code -1008} at once (nothing was sent); a shard with no subscriber (killed) answers
 * {@code -1008} through NATS's no-responders status; a command sent but not answered within
 * {@code cluster.requestTimeoutMillis} is answered {@code -1008} when it was a query and {@code -1007} ("execution
 * status unknown") when it could have changed something — the shard drops a request whose deadline has passed,
 * and a retry with the same {@code clientTranId} / {@code newClientOrderId} cannot apply twice. {@link #health()}
 * says {@code DEGRADED} while the broker or a shard is missing. Thread-safe.
 */
public final class NatsEngineClient implements EngineClient, AccountInterest {
    private static final Logger log = LoggerFactory.getLogger(NatsEngineClient.class);
    /** A shard that has not sent a heartbeat for this long is taken as gone. */
    static final long SHARD_SILENT_MILLIS = 1_500;
    private static final int MAX_UNFLUSHED = 1_024;

    private final GatewayConfig config;
    private final EngineListener listener;
    private final MarginEngine catalog;
    private final int shards;
    private final long timeoutMillis;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Map<String, BigDecimal> marks = new ConcurrentHashMap<>();
    private final Map<String, Boolean> portfolioMargin = new ConcurrentHashMap<>();
    private final AtomicLongArray lastBeatNanos;
    private final String[] shardConditions;
    private final AtomicLong ids = new AtomicLong();
    private final ScheduledExecutorService timer;
    private volatile Connection nc;
    private volatile Dispatcher dispatcher;
    private volatile String inbox;
    private volatile boolean running;
    private volatile boolean marksRead;
    private volatile ListenKeyReplica listenKeys;
    /** Messages played into the listener since its last {@code onBatchEnd}; dispatcher thread only. */
    private int unflushed;

    /** A sent command waiting for its reply. */
    private record Pending(CompletableFuture<Object> future, long deadlineNanos, boolean query, int shard,
                           String account) {}

    public NatsEngineClient(GatewayConfig config, EngineListener listener) {
        this.config = config;
        this.listener = listener;
        this.shards = config.cluster().shards();
        this.timeoutMillis = config.cluster().requestTimeoutMillis();
        // never started: it only answers the catalog (instruments, assets), which follows from the config alone
        this.catalog = new MarginEngine(config.withAccounts(List.of()).withSyntheticAccounts(
                GatewayConfig.SyntheticAccountsConfig.DEFAULT), System::currentTimeMillis, EngineListener.NONE,
                CommandJournal.NONE);
        this.lastBeatNanos = new AtomicLongArray(shards);
        this.shardConditions = new String[shards];
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "marginstream-cluster-timer");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Shares this node's listenKeys with the cluster's other gateway nodes ({@link ListenKeyReplica}); before
     * {@link #start()}.
     */
    public synchronized void shareListenKeys(ListenKeys keys, PmStreams streams) {
        if (nc != null) {
            throw new IllegalStateException("shareListenKeys() only before start()");
        }
        ListenKeyReplica r = new ListenKeyReplica(config.cluster().nodeId(), keys, streams);
        keys.replicate(r);
        listenKeys = r;
    }

    @Override
    public AccountInterest interest() {
        return this;
    }

    /** Connects to the broker (waiting for it when it is not up yet) and subscribes to marks and heartbeats. */
    @Override
    public synchronized void start() {
        if (running || nc != null) {
            throw new IllegalStateException("already started");
        }
        Connection c;
        try {
            c = Broker.connect(config.cluster().natsUrl(), config.cluster().nodeId(), this::onConnectionEvent);
        } catch (IOException e) {
            throw new IllegalStateException("cannot connect to " + config.cluster().natsUrl() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting to the broker", e);
        }
        nc = c;
        inbox = c.createInbox();
        Dispatcher d = c.createDispatcher(this::onMessage);
        d.setPendingLimits(1_000_000, 256L * 1024 * 1024);
        d.subscribe(inbox + ".*");
        d.subscribe(Subjects.ALL_MARKS);
        d.subscribe(Subjects.ALL_HEARTBEATS);
        ListenKeyReplica lk = listenKeys;
        if (lk != null) {
            lk.attach(c);
            c.createDispatcher(lk::onMessage).subscribe(ListenKeyReplica.SUBJECT);
        }
        dispatcher = d;
        running = true;
        timer.scheduleWithFixedDelay(this::expire, 20, 20, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::readMarksIfNeeded, 0, 200, TimeUnit.MILLISECONDS);
    }

    private void onConnectionEvent(Connection c, ConnectionListener.Events e) {
        if (e == ConnectionListener.Events.DISCONNECTED || e == ConnectionListener.Events.RECONNECTED) {
            // a heartbeat from before the broker went away says nothing about the shard's connection now: until each
            // shard beats again over the new connection (its subscriptions are back by then), it counts as silent
            for (int s = 0; s < shards; s++) {
                lastBeatNanos.set(s, 0);
            }
        }
        if (e == ConnectionListener.Events.RECONNECTED || e == ConnectionListener.Events.RESUBSCRIBED) {
            marksRead = false;
        }
    }

    // ---- commands ----

    @Override
    public CompletableFuture<Object> submit(EngineCommand cmd) {
        if (cmd == null) {
            return CompletableFuture.failedFuture(new ApiException(ErrorCode.MALFORMED_REQUEST,
                    "The command is missing."));
        }
        if (cmd instanceof EngineCommand.AccountCommand a) {
            return send(ShardRule.shardOf(a.accountId(), shards), cmd);
        }
        if (cmd instanceof EngineCommand.Query) {
            return send(0, cmd);
        }
        return broadcast(cmd);
    }

    /** An account-less change (admin feed, marks, vols, market time) runs on every shard; shard 0's result. */
    private CompletableFuture<Object> broadcast(EngineCommand cmd) {
        @SuppressWarnings("unchecked")
        CompletableFuture<Object>[] each = new CompletableFuture[shards];
        for (int s = 0; s < shards; s++) {
            each[s] = send(s, cmd);
        }
        return CompletableFuture.allOf(each).handle((ignored, error) -> {
            for (int s = 0; s < shards; s++) {
                if (each[s].isCompletedExceptionally()) {
                    ApiException e = unwrap(each[s]);
                    throw new ApiException(e.code(), e.status(), "Shard " + s + " of " + shards + ": "
                            + e.getMessage() + (s > 0 ? " (shards before it applied the command)" : ""), e.data());
                }
            }
            return each[0].join();
        });
    }

    private static ApiException unwrap(CompletableFuture<Object> f) {
        try {
            f.join();
            throw new IllegalStateException("not failed");
        } catch (java.util.concurrent.CompletionException e) {
            return e.getCause() instanceof ApiException a ? a
                    : new ApiException(ErrorCode.UNKNOWN, "An unexpected error occurred.");
        }
    }

    private CompletableFuture<Object> send(int shard, EngineCommand cmd) {
        Connection c = nc;
        if (!running || c == null) {
            return failed(ErrorCode.SERVICE_OVERLOADED, "The gateway node is not running; nothing changed.");
        }
        if (!Broker.connected(c)) {
            return failed(ErrorCode.SERVICE_OVERLOADED, "The gateway node is reconnecting to the broker; nothing "
                    + "changed; retry later.");
        }
        long silent = silentMillis(shard);
        if (silent > SHARD_SILENT_MILLIS) {
            return failed(ErrorCode.SERVICE_OVERLOADED, "Engine shard " + shard + " is not answering ("
                    + silence(silent) + "); nothing changed; retry later.");
        }
        CompletableFuture<Object> f = new CompletableFuture<>();
        String reply = inbox + "." + ids.incrementAndGet();
        pending.put(reply, new Pending(f, System.nanoTime() + timeoutMillis * 1_000_000, cmd instanceof
                EngineCommand.Query, shard, cmd instanceof EngineCommand.AccountCommand a ? a.accountId() : null));
        try {
            c.publish(Subjects.commands(shard), reply, WireCodec.request(cmd, System.currentTimeMillis()
                    + timeoutMillis));
        } catch (RuntimeException e) {
            pending.remove(reply);
            return failed(ErrorCode.SERVICE_OVERLOADED, "The command could not be sent to engine shard " + shard
                    + " (" + e.getMessage() + "); nothing changed; retry later.");
        }
        return f;
    }

    private static CompletableFuture<Object> failed(ErrorCode code, String msg) {
        return CompletableFuture.failedFuture(new ApiException(code, msg));
    }

    /** Answers the commands whose deadline passed: {@code -1008} for a query, {@code -1007} for a change. */
    private void expire() {
        long now = System.nanoTime();
        for (Map.Entry<String, Pending> e : pending.entrySet()) {
            Pending p = e.getValue();
            if (now - p.deadlineNanos() > 0 && pending.remove(e.getKey(), p)) {
                p.future().completeExceptionally(p.query()
                        ? new ApiException(ErrorCode.SERVICE_OVERLOADED, "Engine shard " + p.shard()
                                + " did not answer within " + timeoutMillis + " ms; nothing changed; retry later.")
                        : new ApiException(ErrorCode.EXECUTION_STATUS_UNKNOWN, "Engine shard " + p.shard()
                                + " did not answer within " + timeoutMillis + " ms: execution status unknown. Read "
                                + "the account, or retry with the same clientTranId / newClientOrderId."));
            }
        }
    }

    private static String silence(long silentMillis) {
        return silentMillis == Long.MAX_VALUE ? "no heartbeat over the current broker connection yet"
                : "no heartbeat for " + silentMillis + " ms";
    }

    private long silentMillis(int shard) {
        long beat = lastBeatNanos.get(shard);
        return beat == 0 ? Long.MAX_VALUE : (System.nanoTime() - beat) / 1_000_000;
    }

    // ---- inbound: replies, events, marks, heartbeats (dispatcher thread) ----

    private void onMessage(Message m) {
        String subject = m.getSubject();
        try {
            if (subject.startsWith(inbox)) {
                flush();
                reply(subject, m);
                return;
            }
            if (subject.startsWith("ms.acct.")) {
                String account = Subjects.name(subject, 2);
                if (subject.endsWith(".u")) {
                    List<AccountEvent> events = WireCodec.readEvents(m.getData());
                    listener.onAccountEvents(account, events);
                } else {
                    MarginSnapshot snapshot = WireCodec.readMarginSnapshot(m.getData());
                    listener.onMarginRatio(account, snapshot);
                }
                unflushed++;
            } else if (subject.startsWith("ms.mark.")) {
                String symbol = Subjects.name(subject, 2);
                WireCodec.Mark mark = WireCodec.readMark(m.getData());
                marks.put(symbol, mark.price());
                listener.onMarkPrices(mark.eventTime(), Map.of(symbol, mark.price()));
                unflushed++;
            } else if (subject.startsWith("ms.hb.")) {
                WireCodec.Heartbeat h = WireCodec.readHeartbeat(m.getData());
                if (h.shard() >= 0 && h.shard() < shards) {
                    shardConditions[h.shard()] = h.condition() + (h.reason() == null ? "" : ": " + h.reason());
                    lastBeatNanos.set(h.shard(), Math.max(1, System.nanoTime()));
                }
            }
        } catch (IOException | RuntimeException e) {
            log.warn("ignoring a bad message on {}: {}", subject, e.toString());
        }
        if (unflushed >= MAX_UNFLUSHED || dispatcher.getPendingMessageCount() == 0) {
            flush();
        }
    }

    private void flush() {
        if (unflushed > 0) {
            unflushed = 0;
            listener.onBatchEnd();
        }
    }

    private void reply(String subject, Message m) throws IOException {
        Pending p = pending.remove(subject);
        if (p == null) {
            log.debug("a reply on {} came after its deadline", subject);
            return;
        }
        if (m.isStatusMessage()) {
            p.future().completeExceptionally(new ApiException(ErrorCode.SERVICE_OVERLOADED, "Engine shard "
                    + p.shard() + " is down (no responder); nothing changed; retry later."));
            return;
        }
        Object r = WireCodec.readReply(m.getData());
        if (r instanceof ApiException e) {
            p.future().completeExceptionally(e);
            return;
        }
        if (p.account() != null && r instanceof AccountStatusView v) {
            portfolioMargin.computeIfPresent(p.account(), (k, old) -> v.portfolioMargin());
        } else if (p.account() != null && r instanceof PortfolioMarginResult pm) {
            portfolioMargin.computeIfPresent(p.account(), (k, old) -> pm.portfolioMargin());
        }
        p.future().complete(r);
    }

    private void readMarksIfNeeded() {
        Connection c = nc;
        if (marksRead || !running || !Broker.connected(c) || silentMillis(0) > SHARD_SILENT_MILLIS) {
            return;
        }
        try {
            Message m = c.request(Subjects.MARKS_GET, new byte[0], java.time.Duration.ofMillis(timeoutMillis));
            if (m != null && !m.isStatusMessage()
                    && WireCodec.readRequest(m.getData()).command() instanceof EngineCommand.ApplyMarks a) {
                a.marks().forEach(marks::putIfAbsent);
                marksRead = true;
            }
        } catch (IOException | RuntimeException e) {
            log.debug("marks not read yet: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- account interest ----

    @Override
    public void follow(String accountId) {
        Dispatcher d = dispatcher;
        if (d != null) {
            d.subscribe(Subjects.account(accountId));
        }
    }

    @Override
    public void unfollow(String accountId) {
        Dispatcher d = dispatcher;
        if (d != null) {
            d.unsubscribe(Subjects.account(accountId));
        }
        portfolioMargin.remove(accountId);
    }

    // ---- metadata ----

    @Override
    public List<InstrumentInfo> instruments() {
        return catalog.instruments();
    }

    @Override
    public List<AssetInfo> assets() {
        return catalog.assets();
    }

    /**
     * Whether the account is in portfolio-margin mode: kept while the node follows the account (a
     * {@code portfolioMargin.enable/disable} through this node updates it), else asked of its shard
     * ({@code account.status}) without waiting for it here: the stage completes on the NATS dispatcher thread, or
     * fails as the query does ({@code -1008}) when the shard does not answer. A session's event loop never blocks
     * on it (it did: one lookup at a time per loop, under load up to a second each, held up every handshake and
     * frame of the loop, and a lookup that timed out answered "not PM", {@code -5006}).
     */
    @Override
    public CompletionStage<Boolean> portfolioMargin(String accountId) {
        Boolean known = portfolioMargin.get(accountId);
        if (known != null) {
            return CompletableFuture.completedFuture(known);
        }
        return submit(new EngineCommand.GetAccountStatus(accountId)).thenApply(r -> {
            boolean pm = r instanceof AccountStatusView v && v.portfolioMargin();
            portfolioMargin.put(accountId, pm);
            return pm;
        });
    }

    @Override
    public Map<String, BigDecimal> marks() {
        return Collections.unmodifiableMap(marks);
    }

    @Override
    public EngineHealth health() {
        if (!running) {
            return new EngineHealth(EngineHealth.Condition.STOPPED, "The gateway node's engine client is not "
                    + "running.");
        }
        Connection c = nc;
        if (!Broker.connected(c)) {
            return new EngineHealth(EngineHealth.Condition.DEGRADED, "The broker connection is "
                    + (c == null ? "not open" : c.getStatus()) + "; reconnecting every "
                    + Broker.RECONNECT_WAIT.toMillis() + " ms.");
        }
        for (int s = 0; s < shards; s++) {
            long silent = silentMillis(s);
            if (silent > SHARD_SILENT_MILLIS) {
                return new EngineHealth(EngineHealth.Condition.DEGRADED, "Engine shard " + s + " is not answering ("
                        + silence(silent) + ").");
            }
            String condition = shardConditions[s];
            if (condition != null && !condition.startsWith(EngineHealth.Condition.RUNNING.name())) {
                return new EngineHealth(EngineHealth.Condition.DEGRADED, "Engine shard " + s + " is " + condition);
            }
        }
        return new EngineHealth(EngineHealth.Condition.RUNNING, null);
    }

    @Override
    public int queueDepth() {
        return pending.size();
    }

    /** Fails what is still waiting with {@code -1007}/{@code -1008} and closes the broker connection. */
    @Override
    public synchronized void close() {
        running = false;
        timer.shutdownNow();
        for (Map.Entry<String, Pending> e : pending.entrySet()) {
            if (pending.remove(e.getKey(), e.getValue())) {
                e.getValue().future().completeExceptionally(new ApiException(e.getValue().query()
                        ? ErrorCode.SERVICE_OVERLOADED : ErrorCode.EXECUTION_STATUS_UNKNOWN,
                        "The gateway node stopped before engine shard " + e.getValue().shard() + " answered."));
            }
        }
        Connection c = nc;
        if (c != null) {
            try {
                c.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
