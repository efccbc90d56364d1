package io.marginstream.gateway.session;

import io.marginstream.gateway.metrics.GatewayMetrics;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One session's pending output: a bounded FIFO of must-deliver frames (responses, {@code userData} events) and
 * conflating slots that keep only the latest {@code marginRatio} and the latest {@code markPrice} per stream.
 *
 * <p>Owned by the session's event loop: every method runs there. Responses are {@link #offer offered} (a drain is
 * scheduled); the fan-out {@link #add adds} without scheduling and drains every touched outbox once per batch
 * ({@link LoopBatch}). It writes while the transport is writable, flushes once per drain, resumes when the transport
 * becomes writable again, and closes the session with 4008 once the transport is not writable (the client is
 * behind) and the bytes this outbox holds plus the transport's unsent bytes pass {@code server.outboundBufferBytes}.
 * A burst queued while the client keeps up is not a reason to close. Structures are created on first use, so an
 * idle session costs a few fields.
 */
final class Outbox {
    static final int SLOW_CONSUMER = 4008;

    private final Transport transport;
    private final GatewayMetrics metrics;
    private final long maxPendingBytes;
    private final Runnable onSlowConsumer;
    private final Runnable drainTask = this::drain;
    private ArrayDeque<byte[]> queue;
    private long queuedBytes;
    private byte[] ratio;
    private long ratioEventTime;
    private long ratioIntervalMs;
    private long lastRatioEventTime = Long.MIN_VALUE / 2;
    /** Wall time the last {@code marginRatio} frame was written. */
    private long lastRatioWriteMs = Long.MIN_VALUE / 2;
    private boolean ratioTimerSet;
    private LinkedHashMap<String, Slot> marks;
    private boolean drainScheduled;
    private boolean touched;
    private boolean closed;

    private record Slot(byte[] bytes, long eventTime) {}

    Outbox(Transport transport, GatewayMetrics metrics, long maxPendingBytes, Runnable onSlowConsumer) {
        this.transport = transport;
        this.metrics = metrics;
        this.maxPendingBytes = maxPendingBytes;
        this.onSlowConsumer = onSlowConsumer;
    }

    /** Queues a frame that must be delivered (in order) and schedules a drain; 4008 if the client is behind. */
    void offer(byte[] frame) {
        if (enqueue(frame)) {
            scheduleDrain();
        }
    }

    /**
     * {@link #offer} for a fan-out batch: no drain is scheduled; returns true when the outbox was not touched
     * before, and the caller then owes it one {@link #drainIfTouched}.
     */
    boolean add(byte[] frame) {
        return enqueue(frame) && touch();
    }

    private boolean touch() {
        if (touched) {
            return false;
        }
        touched = true;
        return true;
    }

    private boolean enqueue(byte[] frame) {
        if (closed) {
            return false;
        }
        if (queue == null) {
            queue = new ArrayDeque<>(4);
        }
        queue.add(frame);
        queuedBytes += frame.length;
        if (!transport.isWritable() && queuedBytes + transport.pendingBytes() > maxPendingBytes) {
            slowConsumer();
            return false;
        }
        return true;
    }

    /**
     * Replaces the pending {@code marginRatio} frame (fan-out batch; as {@link #add}). It is written at most every
     * {@code intervalMs}, measured between the event times ({@code E}) of the frames written, less a tolerance of
     * {@link #ratioSlack} for the jitter of the ticks that produce them: with ticks every 100 ms and
     * {@code intervalMs} 100, every tick's frame goes out at once instead of waiting on a timer for the 1–2 ms by
     * which it came early. A frame that is too early waits for a newer one that is due (on a 100 ms feed and
     * {@code intervalMs} 250 the frames go out 300 ms apart); only a value that no newer one follows within
     * {@link #ratioStaleMs} of the last frame written goes out then, however early its {@code E}, so the client
     * always ends up with the latest figures.
     */
    boolean addRatio(byte[] frame, long eventTime, long intervalMs) {
        if (closed) {
            return false;
        }
        if (ratio != null) {
            metrics.conflated();
        }
        ratio = frame;
        ratioEventTime = eventTime;
        ratioIntervalMs = intervalMs;
        return touch();
    }

    /** Replaces the pending {@code markPrice} frame of {@code key} (fan-out batch; as {@link #add}). */
    boolean addMark(String key, byte[] frame, long eventTime) {
        if (closed) {
            return false;
        }
        if (marks == null) {
            marks = new LinkedHashMap<>(4);
        }
        if (marks.put(key, new Slot(frame, eventTime)) != null) {
            metrics.conflated();
        }
        return touch();
    }

    /** Drains if a fan-out batch offered something since the last such call. */
    void drainIfTouched() {
        if (touched) {
            touched = false;
            drain();
        }
    }

    /** The tolerance on {@code intervalMs}: a tenth of it, at most 10 ms. */
    static long ratioSlack(long intervalMs) {
        return Math.min(intervalMs / 10, 10);
    }

    /** How long after the last frame written a pending value that is too early goes out anyway: 2 × the interval. */
    static long ratioStaleMs(long intervalMs) {
        return 2 * intervalMs;
    }

    /** Drops pending {@code marginRatio} output (after an unsubscribe or logout). */
    void clearRatio() {
        ratio = null;
    }

    /** Drops pending {@code markPrice} output whose key starts with {@code prefix}. */
    void clearMarks(String prefix) {
        if (marks != null) {
            marks.keySet().removeIf(k -> k.startsWith(prefix));
        }
    }

    private void scheduleDrain() {
        if (!drainScheduled) {
            drainScheduled = true;
            transport.executor().execute(drainTask);
        }
    }

    /** Writes while the transport is writable, then flushes once. Called when writable again, too. */
    void drain() {
        drainScheduled = false;
        if (closed || !transport.isOpen()) {
            return;
        }
        int written = 0;
        long now = System.currentTimeMillis();
        while (transport.isWritable()) {
            if (queue != null && !queue.isEmpty()) {
                byte[] f = queue.poll();
                queuedBytes -= f.length;
                transport.write(f);
                written++;
            } else if (ratio != null && ratioReady(now)) {
                transport.write(ratio);
                metrics.tickToWrite((now - ratioEventTime) * 1000);
                lastRatioEventTime = ratioEventTime;
                lastRatioWriteMs = now;
                ratio = null;
                written++;
            } else if (marks != null && !marks.isEmpty()) {
                Iterator<Map.Entry<String, Slot>> it = marks.entrySet().iterator();
                Slot s = it.next().getValue();
                it.remove();
                transport.writeShared(s.bytes());
                metrics.tickToWrite((now - s.eventTime()) * 1000);
                written++;
            } else {
                break;
            }
        }
        if (written > 0) {
            transport.flush();
            metrics.framesOut(written);
        }
        if (ratio != null && !ratioTimerSet && transport.isWritable()) {
            // The timer is a fallback for when no newer value comes; a newer value that is due goes out first.
            ratioTimerSet = true;
            transport.schedule(() -> {
                ratioTimerSet = false;
                drain();
            }, Math.max(1, lastRatioWriteMs + ratioStaleMs(ratioIntervalMs) - now));
        }
    }

    /**
     * Whether the pending ratio may go now: its interval has passed since the last one written (by event time), or
     * it has waited so long that no newer value is coming ({@link #ratioStaleMs}, by wall time).
     */
    private boolean ratioReady(long nowMs) {
        return ratioIntervalMs <= 0
                || ratioEventTime - lastRatioEventTime >= ratioIntervalMs - ratioSlack(ratioIntervalMs)
                || nowMs - lastRatioWriteMs >= ratioStaleMs(ratioIntervalMs);
    }

    /** Writes every pending must-deliver frame regardless of writability (before a policy close). */
    void drainAll() {
        if (closed || queue == null) {
            return;
        }
        int n = 0;
        for (byte[] f; (f = queue.poll()) != null; n++) {
            transport.write(f);
        }
        queuedBytes = 0;
        if (n > 0) {
            transport.flush();
            metrics.framesOut(n);
        }
    }

    private void slowConsumer() {
        closed = true;
        queue = null;
        queuedBytes = 0;
        ratio = null;
        marks = null;
        onSlowConsumer.run();
    }

    /** Stops all output (the session is closing). */
    void close() {
        closed = true;
        queue = null;
        ratio = null;
        marks = null;
    }
}
