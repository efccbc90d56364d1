package io.marginstream.gateway.session;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fan-out's view of one event loop: how many {@link LoopBatch}es are queued on it (engine thread increments,
 * loop decrements), the last one handed to it (engine thread), and the sessions whose outboxes batches touched but
 * nobody drained yet (loop thread only).
 */
final class LoopState {
    private static final Logger log = LoggerFactory.getLogger(LoopState.class);
    /** A drain is deferred to a later batch for at most this long. */
    static final long MAX_DEFERRED_NANOS = 5_000_000L;
    /** Batches queued on a loop past which a new batch is merged into the last one ({@link LoopBatch#tryMerge}). */
    static final int MAX_QUEUED_BATCHES = 8;

    final Executor loop;
    private final AtomicInteger queued = new AtomicInteger();
    private Session[] dirty = new Session[64];
    private int dirtyCount;
    private long lastDrain = System.nanoTime();
    /** Size of the last batch handed to this loop (engine thread only): the next batch's initial capacity. */
    int lastBatchSize = 16;
    /** The last batch handed to this loop (engine thread only): where a batch is merged when the loop is behind. */
    LoopBatch lastHandedOff;

    LoopState(Executor loop) {
        this.loop = loop;
    }

    /** Engine thread: a batch is about to be handed to the loop. */
    void handingOff() {
        queued.incrementAndGet();
    }

    /** Batches handed to the loop and not finished. */
    int queued() {
        return queued.get();
    }

    /** Engine thread: the hand-off failed (the loop is shut down). */
    void handOffFailed() {
        queued.decrementAndGet();
    }

    /** Loop thread: {@code s}'s outbox needs a drain. */
    void touched(Session s) {
        if (dirtyCount == dirty.length) {
            dirty = Arrays.copyOf(dirty, dirtyCount * 2);
        }
        dirty[dirtyCount++] = s;
    }

    /** Loop thread: a batch finished offering; drain unless a later batch is queued (and the last drain is recent). */
    void batchDone() {
        int behind = queued.decrementAndGet();
        long now = System.nanoTime();
        if (behind > 0 && now - lastDrain < MAX_DEFERRED_NANOS) {
            return;
        }
        int n = dirtyCount;
        Session[] d = dirty;
        for (int i = 0; i < n; i++) {
            Session s = d[i];
            d[i] = null;
            try {
                s.outbox().drainIfTouched();
            } catch (RuntimeException e) {
                log.error("session {}: drain failed", s.id(), e);
            }
        }
        dirtyCount = 0;
        lastDrain = System.nanoTime();
    }
}
