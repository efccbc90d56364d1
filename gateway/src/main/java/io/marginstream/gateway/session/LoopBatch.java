package io.marginstream.gateway.session;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

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
 * <p>When the loop is further behind — {@link LoopState#MAX_QUEUED_BATCHES} batches queued and not run — a new
 * batch is not queued as one more task: it is {@linkplain #tryMerge merged} into the last queued batch, where a
 * {@code marginRatio}, {@code markPrice} or Binance market-stream delivery replaces the one of the same session and
 * stream and a {@code userData} (or Binance user-data) delivery is appended. So a stalled loop holds a bounded
 * number of tasks, and their size is bounded by the subscriptions: past {@link #MAX_MERGED_USER_DATA} merged
 * must-deliver deliveries, a session that gets one more is closed with 4008 (slow consumer) when the batch runs,
 * and resyncs by {@code U}.
 *
 * <p>Filled on the engine thread by {@link EventFanout}, then handed to the loop. The engine thread touches a
 * handed-off batch again only to merge into it, and only while it has not started: {@link #phase} is the hand-over
 * (the loop waits out a merge in progress before it runs the batch).
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
    /** The session got more merged must-deliver frames than the bound: close it with 4008. */
    static final byte OVERFLOW = 5;
    /** Merged must-deliver ({@code userData}, Binance user-data) deliveries one batch holds at most. */
    static final int MAX_MERGED_USER_DATA = 100_000;

    private static final int QUEUED = 0;
    private static final int MERGING = 1;
    private static final int RUNNING = 2;

    final LoopState state;
    private final AtomicInteger phase = new AtomicInteger(QUEUED);
    /** Once merged into: where each (session, stream) of a conflatable delivery sits; sessions over the bound. */
    private Map<Object, Integer> slots;
    private Set<Session> overflowed;
    private int userData;
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
        if (mustDeliver(kind)) {
            userData++;
        }
        append(s, kind, frame, key, eventTime);
    }

    private static boolean mustDeliver(byte kind) {
        return kind == USER_DATA || kind == PM_USER_DATA;
    }

    /**
     * Engine thread: merges {@code later}'s deliveries into this batch if it has not started running (see the class
     * comment); false if it has, and {@code later} must then be queued itself.
     */
    boolean tryMerge(LoopBatch later) {
        if (!phase.compareAndSet(QUEUED, MERGING)) {
            return false;
        }
        try {
            if (slots == null) {
                slots = new HashMap<>();
                overflowed = new HashSet<>();
                for (int i = 0; i < size; i++) {
                    if (!mustDeliver(kinds[i])) {
                        slots.put(slotKey(sessions[i], kinds[i], keys == null ? null : keys[i]), i);
                    }
                }
            }
            for (int i = 0; i < later.size; i++) {
                merge(later.sessions[i], later.kinds[i], later.frames[i],
                        later.keys == null ? null : later.keys[i], later.times[i]);
            }
        } finally {
            phase.set(QUEUED);
        }
        return true;
    }

    private void merge(Session s, byte kind, byte[] frame, String key, long eventTime) {
        if (mustDeliver(kind)) {
            if (overflowed.contains(s)) {
                return;
            }
            if (userData >= MAX_MERGED_USER_DATA) {
                overflowed.add(s);
                append(s, OVERFLOW, null, null, 0);
                return;
            }
            userData++;
            append(s, kind, frame, key, eventTime);
            return;
        }
        Object k = slotKey(s, kind, key);
        Integer at = slots.get(k);
        if (at != null) {
            frames[at] = frame;
            times[at] = eventTime;
            return;
        }
        slots.put(k, size);
        append(s, kind, frame, key, eventTime);
    }

    private static Object slotKey(Session s, byte kind, String key) {
        return kind == RATIO ? s : List.of(s, kind, key);
    }

    private void append(Session s, byte kind, byte[] frame, String key, long eventTime) {
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
        while (!phase.compareAndSet(QUEUED, RUNNING)) {
            Thread.onSpinWait();
        }
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
