package io.marginstream.gateway.journal;

import io.marginstream.gateway.engine.CommandJournal;
import io.marginstream.gateway.engine.EngineState;
import io.marginstream.gateway.engine.MarginEngine;
import io.marginstream.gateway.engine.RecoveryTarget;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything durable about one engine in one data directory: the lock, the command journal, the snapshots, and
 * recovery at start-up. The server uses it in this order:
 *
 * <pre>{@code
 * EngineStorage storage = EngineStorage.open(dataDir);              // locks dataDir (fails if in use)
 * MarginEngine engine = new MarginEngine(config, clock, listener, storage.journal());
 * EngineStorage.RecoveryReport r = storage.recover(engine);        // snapshot + journal tail; opens the writer
 * engine.start();
 * storage.startSnapshots(engine);                                   // periodic, off the engine thread
 * ...                                                               // healthz: storage.failure()
 * engine.close();
 * storage.close();                                                  // stops snapshots, closes journal, unlocks
 * }</pre>
 *
 * <p>On a fresh data directory, recovery writes a snapshot of the engine's initial state (the accounts created from
 * the config) at seq 0, so that from then on the snapshot and the journal — not the config — are the truth.
 *
 * <p>Snapshots: the state copy is taken on the engine thread ({@link MarginEngine#snapshot()}, between batches);
 * encoding and writing run on the {@code marginstream-snapshot} thread, and only once every command the copy
 * includes is durable in the journal, so a snapshot never covers a command the journal could lose.
 *
 * <p>Lifecycle: {@code open} → {@code recover} (once) → optional {@code startSnapshots} → {@code close}.
 */
public final class EngineStorage implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EngineStorage.class);
    private static final long DURABLE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);

    /**
     * Tuning of the storage.
     *
     * @param segmentBytes journal segment roll size
     * @param retainedSnapshots snapshots kept (at least 1; 2 lets a corrupt newest one fall back)
     * @param snapshotEveryRecords take a snapshot once this many records were journaled since the last one
     * @param snapshotInterval or once this much time has passed with at least one new record
     */
    public record Options(long segmentBytes, int retainedSnapshots, long snapshotEveryRecords,
                          Duration snapshotInterval) {
        public static final Options DEFAULT = new Options(JournalWriter.DEFAULT_SEGMENT_BYTES,
                SnapshotStore.DEFAULT_RETAINED_SNAPSHOTS, 200_000, Duration.ofMinutes(5));

        public Options {
            if (snapshotEveryRecords < 1) {
                throw new IllegalArgumentException("snapshotEveryRecords must be >= 1, was " + snapshotEveryRecords);
            }
            if (snapshotInterval == null || snapshotInterval.isNegative() || snapshotInterval.isZero()) {
                throw new IllegalArgumentException("snapshotInterval must be positive, was " + snapshotInterval);
            }
        }
    }

    /**
     * What recovery found.
     *
     * @param snapshotSeq lastSeq of the snapshot restored, or -1 when there was none
     * @param recordsReplayed journal records replayed on top of it
     * @param nextSeq the seq of the next command the engine will journal
     * @param truncation the torn tail that was cut off, if any
     * @param elapsed wall time of the recovery
     */
    public record RecoveryReport(long snapshotSeq, long recordsReplayed, long nextSeq,
                                 Optional<JournalReader.Truncation> truncation, Duration elapsed) {}

    private final Path dataDir;
    private final Options options;
    private final DataDirLock lock;
    private final SnapshotStore snapshots;
    private final JournalWriter.ChannelOpener segmentOpener;
    private final EngineJournal journal = new EngineJournal(this);
    /** Serializes snapshot writes (background thread and {@link #snapshotNow} callers). */
    private final Object snapshotLock = new Object();
    private ScheduledExecutorService scheduler;
    private volatile long lastSnapshotSeq = -1;
    private volatile long lastSnapshotNanos = System.nanoTime();
    private volatile boolean recovered;
    /** The engine config fingerprint of the recovered engine, written into segments and snapshots. */
    private volatile long fingerprint = JournalFiles.NO_FINGERPRINT;

    private EngineStorage(Path dataDir, Options options, DataDirLock lock, SnapshotStore snapshots,
                          JournalWriter.ChannelOpener segmentOpener) {
        this.dataDir = dataDir;
        this.options = options;
        this.lock = lock;
        this.snapshots = snapshots;
        this.segmentOpener = segmentOpener;
    }

    /** Opens {@code dataDir} with {@link Options#DEFAULT}. */
    public static EngineStorage open(Path dataDir) throws IOException {
        return open(dataDir, Options.DEFAULT);
    }

    /**
     * Locks {@code dataDir} (creating it if needed) and prepares the snapshot store. Nothing is read yet.
     *
     * @throws DataDirLockedException if another gateway uses the directory
     */
    public static EngineStorage open(Path dataDir, Options options) throws IOException {
        return open(dataDir, options, JournalWriter.REAL_FILES);
    }

    /** As {@link #open(Path, Options)}, with journal segments opened by {@code segmentOpener} (fault injection). */
    static EngineStorage open(Path dataDir, Options options, JournalWriter.ChannelOpener segmentOpener)
            throws IOException {
        DataDirLock lock = DataDirLock.acquire(dataDir);
        try {
            Path dir = lock.dataDir();
            SnapshotStore store = new SnapshotStore(DataDirLayout.snapshotDir(dir), DataDirLayout.journalDir(dir),
                    options.retainedSnapshots());
            return new EngineStorage(dir, options, lock, store, segmentOpener);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** The journal to give the engine's constructor; usable once {@link #recover} has run. */
    public CommandJournal journal() {
        return journal;
    }

    /**
     * Restores the newest valid snapshot into {@code engine} (which must not be started), replays the journal after
     * it, repairs a torn tail, and opens the journal for appends at the next seq. On a fresh directory it writes the
     * seq-0 snapshot of the engine's initial state.
     *
     * @throws JournalCorruptException when the journal is damaged other than at its tail (start-up must stop)
     * @throws ConfigChangedException when records to replay were written under another engine config
     * @throws IOException when a snapshot or record cannot be read or decoded, or the engine's seq disagrees with
     *     the journal's
     */
    public synchronized RecoveryReport recover(MarginEngine engine) throws IOException {
        if (recovered) {
            throw new IllegalStateException("recover() already ran");
        }
        long started = System.nanoTime();
        fingerprint = engine.configFingerprint();
        Optional<SnapshotStore.Snapshot> snap = snapshots.latest();
        if (snap.isPresent() && snap.get().fingerprint() != JournalFiles.NO_FINGERPRINT
                && snap.get().fingerprint() != fingerprint) {
            LOG.warn("recovery: snapshot {} was taken under engine config fingerprint {}, this config has {}: its "
                    + "state is restored and re-evaluated under the new config", snap.get().file(),
                    Long.toHexString(snap.get().fingerprint()), Long.toHexString(fingerprint));
        }
        long snapshotSeq = restore(snap, engine);
        Path journalDir = DataDirLayout.journalDir(dataDir);
        JournalReader.Result result = JournalReader.recover(journalDir, Math.max(1, snapshotSeq + 1), fingerprint,
                replayInto(engine, journalDir));
        if (engine.lastSeq() != result.lastSeq()) {
            throw new IOException("after recovery the engine is at seq " + engine.lastSeq()
                    + " but the journal ends at seq " + result.lastSeq());
        }
        JournalWriter writer = JournalWriter.open(journalDir, result.nextSeq(), options.segmentBytes(),
                segmentOpener, fingerprint);
        journal.attach(writer);
        recovered = true;
        if (snap.isEmpty()) {
            if (result.recordsDelivered() > 0) {
                LOG.warn("recovery: no snapshot in {}; replayed the whole journal onto the configured initial state",
                        DataDirLayout.snapshotDir(dataDir));
            }
            writeSnapshot(engine.snapshot());
        } else {
            lastSnapshotSeq = snapshotSeq;
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        RecoveryReport report = new RecoveryReport(snapshotSeq, result.recordsDelivered(), result.nextSeq(),
                result.truncation(), elapsed);
        LOG.info("recovery of {}: snapshot at seq {}, {} journal records replayed, next seq {}{} in {} ms", dataDir,
                snapshotSeq, result.recordsDelivered(), result.nextSeq(),
                result.truncation().map(t -> ", torn tail cut at " + t.file() + ":" + t.offset()).orElse(""),
                elapsed.toMillis());
        return report;
    }

    /**
     * Replays the durable state into {@code target}, read-only: the newest valid snapshot, then the journal records
     * after it up to {@code durableSeq}, ignoring whatever a failed sync left after that. The engine's in-process
     * rebuild after a storage failure (engine thread).
     *
     * @throws IOException when the snapshot or a record up to {@code durableSeq} cannot be read
     */
    void replayDurable(RecoveryTarget target, long durableSeq) throws IOException {
        long snapshotSeq = restore(snapshots.latest(), target);
        Path journalDir = DataDirLayout.journalDir(dataDir);
        if (durableSeq > snapshotSeq) {
            JournalReader.read(journalDir, Math.max(1, snapshotSeq + 1), durableSeq, replayInto(target, journalDir));
        }
        if (target.lastSeq() != durableSeq) {
            throw new IOException("the rebuilt state is at seq " + target.lastSeq() + " but the journal is durable "
                    + "up to seq " + durableSeq);
        }
        LOG.info("rebuilt the engine state from {}: snapshot at seq {}, journal up to seq {}", dataDir, snapshotSeq,
                durableSeq);
    }

    /** Restores {@code snap} (if present) into {@code target}; returns its seq, or -1. */
    private static long restore(Optional<SnapshotStore.Snapshot> snap, RecoveryTarget target) throws IOException {
        if (snap.isEmpty()) {
            return -1;
        }
        SnapshotStore.Snapshot s = snap.get();
        EngineState state;
        try {
            state = StateCodec.decode(s.state());
        } catch (IOException e) {
            throw new IOException("snapshot " + s.file() + " passed its checksum but cannot be decoded ("
                    + e.getMessage() + "); it was written by an incompatible gateway version", e);
        }
        if (state.lastSeq() != s.lastSeq()) {
            throw new IOException("snapshot " + s.file() + " holds state at seq " + state.lastSeq()
                    + ", not at the seq " + s.lastSeq() + " of its name");
        }
        target.restore(state);
        return s.lastSeq();
    }

    private static JournalReader.RecordHandler replayInto(RecoveryTarget target, Path journalDir) {
        return (seq, payload) -> {
            CommandCodec.JournaledCommand c;
            try {
                c = CommandCodec.decode(payload);
            } catch (IOException e) {
                throw new IOException("journal record seq " + seq + " in " + journalDir
                        + " passed its checksum but cannot be decoded: " + e.getMessage(), e);
            }
            target.replay(seq, c.timeMillis(), c.command());
        };
    }

    /**
     * Starts taking snapshots of the running {@code engine} in the background, every
     * {@link Options#snapshotEveryRecords()} records or {@link Options#snapshotInterval()}, whichever comes first.
     */
    public synchronized void startSnapshots(MarginEngine engine) {
        if (!recovered) {
            throw new IllegalStateException("startSnapshots() needs recover() first");
        }
        if (scheduler != null) {
            throw new IllegalStateException("snapshots already started");
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "marginstream-snapshot");
            t.setDaemon(true);
            return t;
        });
        long checkMillis = Math.max(10, Math.min(1000, options.snapshotInterval().toMillis() / 4));
        scheduler.scheduleWithFixedDelay(() -> maybeSnapshot(engine), checkMillis, checkMillis,
                TimeUnit.MILLISECONDS);
    }

    /**
     * Takes a snapshot now: the state copy on the engine thread, encoding and writing on the calling thread, once
     * the copy's last seq is durable. Also fine after the engine is closed (e.g. at shutdown, to shorten the next
     * start). Thread-safe: concurrent calls (and the background snapshots) take turns.
     *
     * @return the snapshot file, or empty when nothing changed since the last snapshot or the journal has failed
     */
    public Optional<Path> snapshotNow(MarginEngine engine) throws IOException {
        if (!recovered) {
            throw new IllegalStateException("snapshotNow() needs recover() first");
        }
        synchronized (snapshotLock) {
            return takeSnapshot(engine);
        }
    }

    private Optional<Path> takeSnapshot(MarginEngine engine) throws IOException {
        EngineState state = engine.snapshot();
        if (state.lastSeq() <= lastSnapshotSeq) {
            return Optional.empty();
        }
        JournalWriter w = journal.writer();
        long deadline = System.nanoTime() + DURABLE_WAIT_NANOS;
        while (w.durableSeq() < state.lastSeq()) {
            if (w.state() != JournalWriter.State.OPEN) {
                LOG.warn("snapshot at seq {} skipped: the journal is {}", state.lastSeq(), w.state());
                return Optional.empty();
            }
            if (System.nanoTime() > deadline) {
                LOG.warn("snapshot at seq {} skipped: the journal did not make it durable within 30 s",
                        state.lastSeq());
                return Optional.empty();
            }
            LockSupport.parkNanos(200_000);
        }
        return Optional.of(writeSnapshot(state));
    }

    /** The journal's I/O failure, if it has failed: state changes are refused from then on ({@code /healthz}). */
    public Optional<IOException> failure() {
        JournalWriter w = journal.writer();
        return w == null ? Optional.empty() : w.failure();
    }

    /** The last seq known durable, or -1 before recovery. */
    public long durableSeq() {
        JournalWriter w = journal.writer();
        return w == null ? -1 : w.durableSeq();
    }

    /** lastSeq of the newest snapshot written or restored, or -1. */
    public long lastSnapshotSeq() {
        return lastSnapshotSeq;
    }

    /** The locked data directory, absolute. */
    public Path dataDir() {
        return dataDir;
    }

    /**
     * Stops the snapshot thread (waiting up to 30 s for a snapshot in progress), closes the journal (syncing what
     * is pending) and releases the lock. Close the engine first.
     */
    @Override
    public synchronized void close() throws IOException {
        IOException failure = null;
        if (scheduler != null) {
            scheduler.shutdown();
            try {
                if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
                    failure = new IOException("snapshot thread did not stop within 30 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        JournalWriter w = journal.writer();
        if (w != null) {
            try {
                w.close();
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
        }
        lock.close();
        if (failure != null) {
            throw failure;
        }
    }

    private void maybeSnapshot(MarginEngine engine) {
        try {
            long durable = durableSeq();
            boolean byCount = durable - lastSnapshotSeq >= options.snapshotEveryRecords();
            boolean byTime = durable > lastSnapshotSeq
                    && System.nanoTime() - lastSnapshotNanos >= options.snapshotInterval().toNanos();
            if (byCount || byTime) {
                snapshotNow(engine);
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("periodic snapshot failed (the journal still holds everything; retrying later)", e);
        }
    }

    private Path writeSnapshot(EngineState state) throws IOException {
        long t0 = System.nanoTime();
        byte[] bytes = StateCodec.encode(state);
        Path file = snapshots.write(state.lastSeq(), fingerprint, bytes);
        lastSnapshotSeq = state.lastSeq();
        lastSnapshotNanos = System.nanoTime();
        LOG.debug("snapshot at seq {}: {} bytes, {} accounts, encoded and written in {} ms", state.lastSeq(),
                bytes.length, state.accounts().size(), (System.nanoTime() - t0) / 1_000_000);
        return file;
    }
}
