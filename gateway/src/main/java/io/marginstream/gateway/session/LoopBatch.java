package io.marginstream.gateway.session;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;

/**
 * The deliveries of one engine batch to the sessions of one event loop, run there as <b>one</b> task: every
 * (session, frame) pair is offered to the session's outbox in engine order, and every touched outbox is then drained
 * once (one write per frame, one flush per session). This replaces a task per session per event (and a second task
 * per session for the drain): the hand-off cost per engine batch is one queue offer and at most one wake-up per loop.
 *
 * <p>When the loop is behind (a later batch for it is already queued), the drain is left to that later batch: the
 * offers of both land in the outboxes first, so a {@code marginRatio} that a newer one replaces is conflated instead
 * of written, and the loop catches up rather than writing a backlog of stale values. At most
 * {@link LoopState#MAX_DEFERRED_NANOS} passes between drains.
 *
 * <p>Filled on the engine thread by {@link EventFanout}, then handed to the loop and never touched again by the
 * engine thread (the next batch gets new arrays), so it needs no synchronisation beyond the executor's hand-off.
 */
final class LoopBatch implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(LoopBatch.class);
    static final byte USER_DATA = 0;
    static final byte RATIO = 1;
    static final byte MARK = 2;
    /** A Binance user-data frame; the key is the listenKey it is for. */
    static final byte PM_USER_DATA = 3;
    /** A Binance market-stream frame; the key is the stream name (also its conflation slot). */
    static final byte PM_MARK = 4;

    final LoopState state;
    private Session[] sessions;
    private byte[][] frames;
    private byte[] kinds;
    private long[] times;
    private String[] keys;
    private int size;

    LoopBatch(LoopState state, int capacity) {
        this.state = state;
        int c = Math.max(16, capacity);
        this.sessions = new Session[c];
        this.frames = new byte[c][];
        this.kinds = new byte[c];
        this.times = new long[c];
    }

    int size() {
        return size;
    }

    /**
     * Adds one delivery ({@code key} for {@link #MARK} and the Binance kinds, {@code eventTime} for {@link #RATIO}
     * and marks).
     */
    void add(Session s, byte kind, byte[] frame, String key, long eventTime) {
        if (size == sessions.length) {
            int c = size * 2;
            sessions = Arrays.copyOf(sessions, c);
            frames = Arrays.copyOf(frames, c);
            kinds = Arrays.copyOf(kinds, c);
            times = Arrays.copyOf(times, c);
            if (keys != null) {
                keys = Arrays.copyOf(keys, c);
            }
        }
        if (key != null) {
            if (keys == null) {
                keys = new String[sessions.length];
            }
            keys[size] = key;
        }
        sessions[size] = s;
        frames[size] = frame;
        kinds[size] = kind;
        times[size] = eventTime;
        size++;
    }

    /** On the event loop: offer everything, then drain the touched outboxes (unless a later batch will). */
    @Override
    public void run() {
        int n = size;
        for (int i = 0; i < n; i++) {
            Session s = sessions[i];
            try {
                if (s.accept(kinds[i], frames[i], keys == null ? null : keys[i], times[i])) {
                    state.touched(s);
                }
            } catch (RuntimeException e) {
                log.error("session {}: delivery failed", s.id(), e);
            }
        }
        state.batchDone();
    }
}
