package io.marginstream.gateway.engine;

import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.gateway.engine.feed.SimulatedFeed;
import io.marginstream.protocol.ApiException;
import io.marginstream.protocol.ErrorCode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The embedded portfolio-margin engine (PROTOCOL.md §5): a single writer. One thread, {@code marginstream-engine},
 * owns every account, mark and counter; other threads talk to it only through {@link #submit}, which puts the
 * command on a bounded MPSC queue and returns a future.
 *
 * <p>The engine thread drains the queue in batches. It applies each command at the clock's time
 * ({@code EngineCore.apply(cmd, nowMillis)}), appends every accepted state-changing command to the
 * {@link CommandJournal}, calls {@code sync()} once for the batch, and only then hands the batch's events to the
 * {@link EngineListener} and completes the batch's futures (in order; so a caller that got its result has had the
 * events of its command delivered). A rejected command changes nothing, is not journaled, and fails its future with
 * an {@link ApiException}.
 *
 * <p>Before each batch (and at least every 100 ms) the engine thread asks the core for a command it owes itself: the
 * settlement of options whose expiry the market clock has reached ({@code EngineCommand.SettleOptions}), which then
 * heads the batch and is journaled like any command.
 *
 * <p>Fail-stop: nothing that was refused is ever visible, and nothing that looks healthy is broken.
 * <ul>
 *   <li>If an {@code append} or the {@code sync} throws (the storage failed), the whole batch is refused with
 *       {@code -1008}: the journal {@linkplain CommandJournal#rollBack rolls back} the batch's records and the
 *       state is rebuilt from the durable state ({@link CommandJournal#replayDurable}), so neither reads nor a
 *       restart can see the batch. The engine then serves reads and refuses changes with {@code -1008}
 *       ({@link EngineHealth.Condition#STORAGE_FAILED}), retries the journal every {@link #RETRY_MILLIS}, and
 *       resumes by itself once it can be written again.</li>
 *   <li>Any other unexpected throwable — in a command, in the journal's code, in the listener, in the engine
 *       thread itself — refuses the batch the same way when it was not durable yet (its results are delivered
 *       when it was), logs the cause once and stops the engine for good
 *       ({@link EngineHealth.Condition#FAILED}): every queued and later command fails with {@code -1008} until
 *       the gateway restarts from its journal.</li>
 * </ul>
 *
 * <p>Lifecycle: {@code NEW} (replay/restore allowed) → {@link #start()} → {@code RUNNING} ⇄ {@code STORAGE_FAILED}
 * → ({@code FAILED}) → {@link #close()} → {@code CLOSED}. The metadata methods ({@link #instruments()},
 * {@link #assets()}, {@link #hasAccount}, {@link #isPortfolioMargin}, {@link #marks()}, {@link #health()}) are
 * thread-safe and never block.
 */
public final class MarginEngine implements EngineClient, RecoveryTarget {

    /** Default capacity of the command queue; a full queue fails {@link #submit} with {@code -1008}. */
    public static final int DEFAULT_QUEUE_CAPACITY = 65_536;
    /** A batch running longer than this makes {@link #health()} report {@code STALLED}. */
    public static final long STALL_MILLIS = 5_000;
    /** How often a failed journal is retried. */
    public static final long RETRY_MILLIS = 1_000;
    /** Most commands applied per journal sync. */
    static final int MAX_BATCH = 4_096;
    private static final long CLOSE_TIMEOUT_MILLIS = 5_000;
    private static final System.Logger LOG = System.getLogger(MarginEngine.class.getName());

    private enum State { NEW, RUNNING, STORAGE_FAILED, FAILED, CLOSED }

    private final GatewayConfig config;
    private final long configFingerprint;
    private final LongSupplier clock;
    private final EngineListener listener;
    private final CommandJournal journal;
    private volatile EngineCore core;
    private final ArrayBlockingQueue<Task> queue;
    private final Thread thread;
    private volatile State state = State.NEW;
    private volatile String reason;
    /** Set for good once the engine has {@code FAILED} (also after {@link #close()}): its state is not trusted. */
    private volatile boolean failed;
    /** {@code System.nanoTime()} when the running batch started, 0 between batches. */
    private volatile long batchStartedNanos;
    private long nextRetryNanos;
    private volatile SimulatedFeed feed;
    /** Where the feed's ticks go: this engine's queue by default; {@code null} = no feed in this process. */
    private volatile Consumer<EngineCommand.ApplyMarks> tickRoute = this::applyTick;

    public MarginEngine(GatewayConfig config, LongSupplier clockMillis, EngineListener listener,
                        CommandJournal journal) {
        this(config, clockMillis, listener, journal, DEFAULT_QUEUE_CAPACITY);
    }

    public MarginEngine(GatewayConfig config, LongSupplier clockMillis, EngineListener listener,
                        CommandJournal journal, int queueCapacity) {
        this.config = config;
        this.configFingerprint = ConfigFingerprint.of(config);
        this.clock = clockMillis;
        this.listener = listener;
        this.journal = journal;
        this.core = new EngineCore(config, clockMillis.getAsLong());
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.thread = new Thread(this::run, "marginstream-engine");
        this.thread.setDaemon(true);
    }

    /**
     * Sends the simulated feed's ticks to {@code route} instead of this engine's queue (a cluster's mark source
     * publishes them to every shard, each of which {@linkplain #applyTick applies} them), or runs no feed in this
     * process when {@code route} is {@code null} (the other shards). Only before {@link #start()}.
     */
    public synchronized void routeTicks(Consumer<EngineCommand.ApplyMarks> route) {
        requireNew("routeTicks");
        this.tickRoute = route;
    }

    /** Starts the engine thread and, if {@code feed.enabled} and the feed runs in this process, the simulated feed. */
    @Override
    public synchronized void start() {
        if (state != State.NEW) {
            throw new IllegalStateException("engine already " + state);
        }
        Consumer<EngineCommand.ApplyMarks> route = tickRoute;
        SimulatedFeed f = route == null ? null : new SimulatedFeed(config, this::marks, () -> core.publishedAtmVols(),
                () -> core.feedEnabled(), route);
        state = State.RUNNING;
        thread.start();
        if (f != null) {
            f.start();
            feed = f;
        }
    }

    /**
     * Queues a command. The future completes with the command's result record (see {@link EngineCommand}) once the
     * change is durable, or fails with an {@link ApiException}: the rejection, or {@code -1008} when the queue is
     * full, the engine is not running, or storage failed (nothing changed then).
     */
    @Override
    public CompletableFuture<Object> submit(EngineCommand cmd) {
        CompletableFuture<Object> f = new CompletableFuture<>();
        if (cmd == null) {
            f.completeExceptionally(new ApiException(ErrorCode.MALFORMED_REQUEST, "The command is missing."));
            return f;
        }
        ApiException refusal = refusal(cmd);
        if (refusal != null) {
            f.completeExceptionally(refusal);
            return f;
        }
        Task task = new Task(cmd, null, f);
        if (!queue.offer(task)) {
            f.completeExceptionally(new ApiException(ErrorCode.SERVICE_OVERLOADED,
                    "The engine queue is full (" + queue.size() + " commands); nothing changed; retry later."));
        } else if ((refusal = refusal(cmd)) != null && queue.remove(task)) {
            f.completeExceptionally(refusal);
        }
        return f;
    }

    /** Why {@code cmd} cannot be queued now, or {@code null}. */
    private ApiException refusal(EngineCommand cmd) {
        return switch (state) {
            case RUNNING -> null;
            case STORAGE_FAILED -> cmd instanceof EngineCommand.Query ? null : storageRefusal();
            case FAILED -> failedRefusal();
            case NEW, CLOSED -> new ApiException(ErrorCode.SERVICE_OVERLOADED, "The engine is not running.");
        };
    }

    private static ApiException storageRefusal() {
        return new ApiException(ErrorCode.SERVICE_OVERLOADED, "A storage failure stops the engine from recording "
                + "changes; nothing changed; retry later.");
    }

    private static ApiException failedRefusal() {
        return new ApiException(ErrorCode.SERVICE_OVERLOADED, "The engine stopped after an internal error; nothing "
                + "changed; it accepts commands again once the gateway restarts.");
    }

    /** Queues a feed tick while running; dropped when the queue is full (the next tick carries the marks on). */
    public void applyTick(EngineCommand.ApplyMarks marks) {
        if (state == State.RUNNING) {
            queue.offer(new Task(marks, null, new CompletableFuture<>()));
        }
    }

    /** The {@link ConfigFingerprint} of this engine's config (journal segments and snapshots carry it). */
    public long configFingerprint() {
        return configFingerprint;
    }

    /** Commands waiting in the queue. */
    @Override
    public int queueDepth() {
        return queue.size();
    }

    /** What the engine can do right now (for {@code /healthz}). */
    @Override
    public EngineHealth health() {
        State s = state;
        return switch (s) {
            case RUNNING -> {
                long started = batchStartedNanos;
                long ranMillis = started == 0 ? 0 : (System.nanoTime() - started) / 1_000_000;
                yield ranMillis > STALL_MILLIS
                        ? new EngineHealth(EngineHealth.Condition.STALLED, "One engine batch has been running for "
                                + ranMillis + " ms (a journal sync that does not return?).")
                        : new EngineHealth(EngineHealth.Condition.RUNNING, null);
            }
            case STORAGE_FAILED -> new EngineHealth(EngineHealth.Condition.STORAGE_FAILED, reason);
            case FAILED -> new EngineHealth(EngineHealth.Condition.FAILED, reason);
            case NEW, CLOSED -> new EngineHealth(EngineHealth.Condition.STOPPED, "The engine is " + s + ".");
        };
    }

    /** Every instrument, in config order. */
    @Override
    public List<InstrumentInfo> instruments() {
        return core.instrumentInfos();
    }

    /** Every collateral asset, in config order. */
    @Override
    public List<AssetInfo> assets() {
        return core.assetInfos();
    }

    /** Whether the account exists. */
    public boolean hasAccount(String accountId) {
        return core.hasAccount(accountId);
    }

    /** Whether the account exists and is in portfolio-margin mode (margin streams need it, §5.7). */
    public boolean isPortfolioMargin(String accountId) {
        return core.isPortfolioMargin(accountId);
    }

    /** {@link #isPortfolioMargin}, already complete (the flag is read from a set any thread may read). */
    @Override
    public CompletionStage<Boolean> portfolioMargin(String accountId) {
        return CompletableFuture.completedFuture(core.isPortfolioMargin(accountId));
    }

    /** The marks as of the last completed batch (symbol → mark). */
    @Override
    public Map<String, BigDecimal> marks() {
        return core.publishedMarks();
    }

    /** The sequence number of the last journaled (or replayed) command. */
    @Override
    public long lastSeq() {
        return core.lastSeq();
    }

    /**
     * Re-applies a journaled command at its recorded time, before {@link #start()}: no journaling, no events. The
     * sequence numbers must increase; commands at or below the current {@link #lastSeq()} are skipped (already in
     * a restored snapshot).
     *
     * @throws IllegalStateException naming the record when the command is rejected now: it was accepted when it was
     *     journaled, so the replayed state diverged (start-up must stop)
     */
    @Override
    public void replay(long seq, long timeMillis, EngineCommand cmd) {
        requireNew("replay");
        core.replay(seq, timeMillis, cmd);
    }

    /** Replaces the whole state with a snapshot, before {@link #start()}. */
    @Override
    public void restore(EngineState snapshot) {
        requireNew("restore");
        core.restore(snapshot);
    }

    /**
     * A deep immutable copy of the state. While running it is taken on the engine thread between batches (this call
     * waits for it); it includes exactly the commands up to its {@code lastSeq}.
     *
     * @throws IllegalStateException when the engine has {@code FAILED} (even if closed since): its state is not
     *     trusted
     */
    public EngineState snapshot() {
        State s = state;
        if (failed) {
            throw new IllegalStateException("the engine has failed; its state is not trusted: " + reason);
        }
        if ((s != State.RUNNING && s != State.STORAGE_FAILED) || Thread.currentThread() == thread) {
            return core.snapshot();
        }
        CompletableFuture<Object> f = new CompletableFuture<>();
        try {
            queue.put(new Task(null, EngineCore::snapshot, f));
            return (EngineState) f.get(CLOSE_TIMEOUT_MILLIS * 6, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while taking a snapshot", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("snapshot failed", e);
        }
    }

    /**
     * Stops the feed, lets the engine thread finish its current batch and stop (it polls the state at least every
     * 100 ms), then fails commands still queued with {@code -1008}.
     */
    @Override
    public void close() {
        State previous;
        synchronized (this) {
            previous = state;
            state = State.CLOSED;
        }
        SimulatedFeed f = feed;
        if (f != null) {
            f.close();
        }
        if (previous != State.NEW && previous != State.CLOSED) {
            // no interrupt: the engine thread may be inside journal.sync(), and interrupting NIO closes channels
            try {
                thread.join(CLOSE_TIMEOUT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                throw new IllegalStateException("engine thread did not stop within " + CLOSE_TIMEOUT_MILLIS + " ms");
            }
        }
        failQueued(new ApiException(ErrorCode.SERVICE_OVERLOADED, "The engine stopped."));
    }

    private void failQueued(ApiException e) {
        List<Task> rest = new ArrayList<>();
        queue.drainTo(rest);
        for (Task t : rest) {
            t.future.completeExceptionally(e);
        }
    }

    private void requireNew(String what) {
        if (state != State.NEW) {
            throw new IllegalStateException(what + " is only allowed before start(); engine is " + state);
        }
    }

    /** A queued unit of work: a command, or an internal read of the core (snapshots). */
    private record Task(EngineCommand cmd, Function<EngineCore, Object> internal, CompletableFuture<Object> future) {
    }

    private void run() {
        List<Task> batch = new ArrayList<>(MAX_BATCH);
        Object[] outcomes = new Object[MAX_BATCH];
        try {
            while (state == State.RUNNING || state == State.STORAGE_FAILED) {
                if (state == State.STORAGE_FAILED) {
                    retryJournal();
                }
                Task first;
                try {
                    first = queue.poll(100, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    break;
                }
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, MAX_BATCH - 2);
                }
                EngineCommand due;
                try {
                    due = state == State.RUNNING ? core.dueCommand(clock.getAsLong()) : null;
                } catch (RuntimeException | Error e) {
                    refuseBatch(batch, outcomes, -1, false, "looking for due option settlements failed", e);
                    batch.clear();
                    continue;
                }
                if (due != null) {
                    batch.add(0, new Task(due, null, new CompletableFuture<>()));
                }
                if (batch.isEmpty()) {
                    continue;
                }
                runBatch(batch, outcomes);
                batch.clear();
            }
        } catch (Throwable t) {
            failStop("the engine thread failed unexpectedly", t);
            for (Task task : batch) {
                task.future.completeExceptionally(failedRefusal());
            }
        }
        if (state == State.FAILED) {
            failQueued(failedRefusal());
        }
    }

    private void runBatch(List<Task> batch, Object[] outcomes) {
        batchStartedNanos = Math.max(1, System.nanoTime());
        try {
            EngineCore c = core;
            boolean appended = false;
            for (int i = 0; i < batch.size(); i++) {
                Task t = batch.get(i);
                if (t.cmd == null || t.cmd instanceof EngineCommand.Query || state != State.STORAGE_FAILED) {
                    try {
                        outcomes[i] = t.internal != null ? t.internal.apply(c) : c.apply(t.cmd, clock.getAsLong());
                    } catch (ApiException e) {
                        outcomes[i] = e;
                        continue;
                    } catch (RuntimeException | Error e) {
                        refuseBatch(batch, outcomes, i, false, "command " + t.cmd + " failed unexpectedly", e);
                        return;
                    }
                } else {
                    outcomes[i] = refusal(t.cmd);
                    continue;
                }
                if (t.cmd != null && !(t.cmd instanceof EngineCommand.Query)) {
                    try {
                        journal.append(c.lastSeq(), c.lastTimeMillis(), t.cmd);
                        appended = true;
                    } catch (UncheckedIOException e) {
                        refuseBatch(batch, outcomes, -1, true, "journal append failed", e);
                        return;
                    } catch (RuntimeException | Error e) {
                        refuseBatch(batch, outcomes, i, false, "journal append of " + t.cmd
                                + " failed unexpectedly", e);
                        return;
                    }
                }
            }
            if (appended) {
                try {
                    journal.sync();
                } catch (IOException | RuntimeException e) {
                    refuseBatch(batch, outcomes, -1, true, "journal sync failed", e);
                    return;
                } catch (Error e) {
                    refuseBatch(batch, outcomes, -1, false, "journal sync failed unexpectedly", e);
                    return;
                }
            }
            Throwable publishFailure = null;
            try {
                c.output.publish(listener);
            } catch (Throwable e) {
                publishFailure = e;
            }
            batchStartedNanos = 0;
            for (int i = 0; i < batch.size(); i++) {
                Object o = outcomes[i];
                outcomes[i] = null;
                if (o instanceof ApiException e) {
                    batch.get(i).future.completeExceptionally(e);
                } else {
                    batch.get(i).future.complete(o);
                }
            }
            if (publishFailure != null) {
                failStop("handing a durable batch's events to the listener failed", publishFailure);
            }
        } finally {
            batchStartedNanos = 0;
        }
    }

    /**
     * Refuses a batch that did not become durable: drops its output and its journal records, returns the state to
     * the durable one (storage failure) or stops the engine (anything else), and fails every future of the batch —
     * {@code -1000} for the command at {@code culprit}, {@code -1008} for the others.
     */
    private void refuseBatch(List<Task> batch, Object[] outcomes, int culprit, boolean storage, String what,
                             Throwable cause) {
        core.output.discard();
        Exception rollBackFailure = null;
        try {
            journal.rollBack();
        } catch (IOException | RuntimeException e) {
            rollBackFailure = e;
        }
        if (storage) {
            onStorageFailure(what, cause, rollBackFailure);
        } else {
            if (rollBackFailure != null) {
                cause.addSuppressed(rollBackFailure);
            }
            failStop(what, cause);
        }
        ApiException refusal = state == State.STORAGE_FAILED ? storageRefusal() : failedRefusal();
        batchStartedNanos = 0;
        for (int i = 0; i < batch.size(); i++) {
            outcomes[i] = null;
            batch.get(i).future.completeExceptionally(i == culprit
                    ? new ApiException(ErrorCode.UNKNOWN, "An internal error stopped the engine; nothing changed.")
                    : refusal);
        }
    }

    /** Rebuilds the durable state and refuses changes until the journal works again; fail-stop if it cannot. */
    private void onStorageFailure(String what, Throwable cause, Exception rollBackFailure) {
        EngineCore rebuilt;
        try {
            rebuilt = new EngineCore(config, core.lastTimeMillis());
            journal.replayDurable(rebuilt.asRecoveryTarget());
        } catch (Throwable e) {
            e.addSuppressed(cause);
            failStop(what + " and the durable state could not be read back", e);
            return;
        }
        core = rebuilt;
        reason = "The journal failed (" + rootMessage(cause) + "); the state is the durable state at seq "
                + rebuilt.lastSeq() + ", reads are served and changes are refused until it can be written again.";
        state = State.STORAGE_FAILED;
        nextRetryNanos = System.nanoTime() + RETRY_MILLIS * 1_000_000;
        LOG.log(System.Logger.Level.ERROR, what + "; the state was rebuilt from the durable state at seq "
                + rebuilt.lastSeq() + "; refusing changes and retrying the journal every " + RETRY_MILLIS + " ms"
                + (rollBackFailure == null ? "" : " (rolling back failed too: " + rollBackFailure + ")"), cause);
    }

    /** In {@code STORAGE_FAILED}: tries the journal again; back to {@code RUNNING} when it works. */
    private void retryJournal() {
        long now = System.nanoTime();
        if (now - nextRetryNanos < 0) {
            return;
        }
        try {
            journal.rollBack();
        } catch (IOException | RuntimeException e) {
            nextRetryNanos = now + RETRY_MILLIS * 1_000_000;
            LOG.log(System.Logger.Level.DEBUG, "journal still failing: " + e);
            return;
        }
        synchronized (this) {
            if (state == State.STORAGE_FAILED) {
                state = State.RUNNING;
                reason = null;
            }
        }
        LOG.log(System.Logger.Level.INFO, "the journal can be written again; accepting changes from seq "
                + (core.lastSeq() + 1));
    }

    /** Stops the engine for good (once): logs the cause, and every later command is refused. */
    private void failStop(String what, Throwable cause) {
        synchronized (this) {
            if (state == State.FAILED || state == State.CLOSED) {
                return;
            }
            state = State.FAILED;
            failed = true;
            reason = "The engine stopped: " + what + " (" + rootMessage(cause) + "); it accepts commands again once "
                    + "the gateway restarts.";
        }
        LOG.log(System.Logger.Level.ERROR, "engine FAILED: " + what + "; refusing every command until a restart",
                cause);
        SimulatedFeed f = feed;
        if (f != null) {
            f.close();
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        return r.getMessage() == null ? r.getClass().getSimpleName() : r.getClass().getSimpleName() + ": "
                + r.getMessage();
    }
}
