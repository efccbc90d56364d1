package io.marginstream.gateway.engine;

import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.gateway.engine.feed.SimulatedFeed;
import io.marginstream.protocol.ApiException;
import io.marginstream.protocol.ErrorCode;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * events of its command delivered). A rejected command changes nothing, is not
 * journaled, and fails its future with an {@link ApiException}. If {@code sync()} fails, the batch fails with
 * {@code -1008} and the engine refuses every later state change. Before each batch (and at least every 100 ms) the
 * engine thread asks the core for a command it owes itself: the settlement of options whose expiry the market clock
 * has reached ({@code EngineCommand.SettleOptions}), which then heads the batch and is journaled like any command.
 *
 * <p>Lifecycle: {@code NEW} (replay/restore allowed) → {@link #start()} → {@code RUNNING} → {@link #close()} →
 * {@code CLOSED}. The metadata methods ({@link #instruments()}, {@link #assets()}, {@link #hasAccount},
 * {@link #isPortfolioMargin}, {@link #marks()}) are thread-safe and never block.
 */
public final class MarginEngine implements AutoCloseable {

    /** Default capacity of the command queue; a full queue fails {@link #submit} with {@code -1008}. */
    public static final int DEFAULT_QUEUE_CAPACITY = 65_536;
    /** Most commands applied per journal sync. */
    static final int MAX_BATCH = 4_096;
    private static final long CLOSE_TIMEOUT_MILLIS = 5_000;
    private static final System.Logger LOG = System.getLogger(MarginEngine.class.getName());

    private enum State { NEW, RUNNING, CLOSED }

    private final GatewayConfig config;
    private final LongSupplier clock;
    private final EngineListener listener;
    private final CommandJournal journal;
    private final EngineCore core;
    private final ArrayBlockingQueue<Task> queue;
    private final Thread thread;
    private volatile State state = State.NEW;
    private volatile SimulatedFeed feed;

    public MarginEngine(GatewayConfig config, LongSupplier clockMillis, EngineListener listener,
                        CommandJournal journal) {
        this(config, clockMillis, listener, journal, DEFAULT_QUEUE_CAPACITY);
    }

    public MarginEngine(GatewayConfig config, LongSupplier clockMillis, EngineListener listener,
                        CommandJournal journal, int queueCapacity) {
        this.config = config;
        this.clock = clockMillis;
        this.listener = listener;
        this.journal = journal;
        this.core = new EngineCore(config, clockMillis.getAsLong());
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.thread = new Thread(this::run, "marginstream-engine");
        this.thread.setDaemon(true);
    }

    /** Starts the engine thread and, if {@code feed.enabled}, the simulated feed. */
    public synchronized void start() {
        if (state != State.NEW) {
            throw new IllegalStateException("engine already " + state);
        }
        SimulatedFeed f = new SimulatedFeed(config, core::publishedMarks, core::publishedAtmVols, core::feedEnabled,
                this::submitTick);
        state = State.RUNNING;
        thread.start();
        f.start();
        feed = f;
    }

    /**
     * Queues a command. The future completes with the command's result record (see {@link EngineCommand}) once the
     * change is durable, or fails with an {@link ApiException}: the rejection, or {@code -1008} when the queue is
     * full, the engine is not running or storage failed.
     */
    public CompletableFuture<Object> submit(EngineCommand cmd) {
        CompletableFuture<Object> f = new CompletableFuture<>();
        if (cmd == null) {
            f.completeExceptionally(new ApiException(ErrorCode.MALFORMED_REQUEST, "The command is missing."));
            return f;
        }
        if (state != State.RUNNING) {
            f.completeExceptionally(new ApiException(ErrorCode.SERVICE_OVERLOADED, "The engine is not running."));
            return f;
        }
        Task task = new Task(cmd, null, f);
        if (!queue.offer(task)) {
            f.completeExceptionally(new ApiException(ErrorCode.SERVICE_OVERLOADED,
                    "The engine queue is full (" + queue.size() + " commands); retry later."));
        } else if (state != State.RUNNING && queue.remove(task)) {
            f.completeExceptionally(new ApiException(ErrorCode.SERVICE_OVERLOADED, "The engine stopped."));
        }
        return f;
    }

    private void submitTick(EngineCommand.ApplyMarks marks) {
        if (state == State.RUNNING) {
            queue.offer(new Task(marks, null, new CompletableFuture<>()));
        }
    }

    /** Commands waiting in the queue. */
    public int queueDepth() {
        return queue.size();
    }

    /** Every instrument, in config order. */
    public List<InstrumentInfo> instruments() {
        return core.instrumentInfos();
    }

    /** Every collateral asset, in config order. */
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

    /** The marks as of the last completed batch (symbol → mark). */
    public Map<String, BigDecimal> marks() {
        return core.publishedMarks();
    }

    /** The sequence number of the last journaled (or replayed) command. */
    public long lastSeq() {
        return core.lastSeq();
    }

    /**
     * Re-applies a journaled command at its recorded time, before {@link #start()}: no journaling, no events. The
     * sequence numbers must increase; commands at or below the current {@link #lastSeq()} are skipped (already in
     * a restored snapshot). A command that is rejected now was rejected then too and is skipped.
     */
    public void replay(long seq, long timeMillis, EngineCommand cmd) {
        requireNew("replay");
        core.replay(seq, timeMillis, cmd);
    }

    /** Replaces the whole state with a snapshot, before {@link #start()}. */
    public void restore(EngineState snapshot) {
        requireNew("restore");
        core.restore(snapshot);
    }

    /**
     * A deep immutable copy of the state. While running it is taken on the engine thread between batches (this call
     * waits for it); it includes exactly the commands up to its {@code lastSeq}.
     */
    public EngineState snapshot() {
        if (state != State.RUNNING || Thread.currentThread() == thread) {
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
        if (previous == State.RUNNING) {
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
        List<Task> rest = new ArrayList<>();
        queue.drainTo(rest);
        for (Task t : rest) {
            t.future.completeExceptionally(new ApiException(ErrorCode.SERVICE_OVERLOADED, "The engine stopped."));
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
        while (state == State.RUNNING) {
            Task first;
            try {
                first = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                break;
            }
            EngineCommand due = core.dueCommand(clock.getAsLong());
            if (due != null) {
                batch.add(new Task(due, null, new CompletableFuture<>()));
            }
            if (first != null) {
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - batch.size());
            }
            if (batch.isEmpty()) {
                continue;
            }
            runBatch(batch, outcomes);
            batch.clear();
        }
    }

    private void runBatch(List<Task> batch, Object[] outcomes) {
        boolean appended = false;
        for (int i = 0; i < batch.size(); i++) {
            Task t = batch.get(i);
            if (t.internal != null) {
                outcomes[i] = t.internal.apply(core);
                continue;
            }
            long now = clock.getAsLong();
            try {
                outcomes[i] = core.apply(t.cmd, now);
                if (!(t.cmd instanceof EngineCommand.Query)) {
                    journal.append(core.lastSeq(), core.lastTimeMillis(), t.cmd);
                    appended = true;
                }
            } catch (ApiException e) {
                outcomes[i] = e;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "command failed unexpectedly: " + t.cmd, e);
                outcomes[i] = new ApiException(ErrorCode.UNKNOWN, "An unexpected error occurred; nothing changed.");
            }
        }
        boolean durable = true;
        if (appended) {
            try {
                journal.sync();
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "journal sync failed; refusing further state changes", e);
                core.refuseChanges();
                durable = false;
            }
        }
        if (!durable) {
            core.output.discard();
            ApiException failure = new ApiException(ErrorCode.SERVICE_OVERLOADED,
                    "A storage failure stopped the engine from recording changes; retry later.");
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).future.completeExceptionally(failure);
                outcomes[i] = null;
            }
            return;
        }
        core.output.publish(listener);
        for (int i = 0; i < batch.size(); i++) {
            Object o = outcomes[i];
            outcomes[i] = null;
            if (o instanceof ApiException e) {
                batch.get(i).future.completeExceptionally(e);
            } else {
                batch.get(i).future.complete(o);
            }
        }
    }
}
