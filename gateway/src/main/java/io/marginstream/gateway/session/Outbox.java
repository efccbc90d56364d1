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
 * <p>Owned by the session's event loop: every method runs there. It writes while the transport is writable, flushes
 * once per batch, resumes when the transport becomes writable again, and closes the session with 4008 once the
 * transport is not writable (the client is behind) and the bytes this outbox holds plus the transport's unsent
 * bytes pass {@code server.outboundBufferBytes}. A burst queued while the client keeps up is not a reason to close. Structures are created
 * on first use, so an idle session costs a few fields.
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
    private long lastRatioWriteMs = Long.MIN_VALUE / 2;
    private boolean ratioTimerSet;
    private LinkedHashMap<String, Slot> marks;
    private boolean drainScheduled;
    private boolean closed;

    private record Slot(byte[] bytes, long eventTime) {}

    Outbox(Transport transport, GatewayMetrics metrics, long maxPendingBytes, Runnable onSlowConsumer) {
        this.transport = transport;
        this.metrics = metrics;
        this.maxPendingBytes = maxPendingBytes;
        this.onSlowConsumer = onSlowConsumer;
    }

    /** Queues a frame that must be delivered (in order); closes the session with 4008 if it cannot keep up. */
    void offer(byte[] frame) {
        if (closed) {
            return;
        }
        if (queue == null) {
            queue = new ArrayDeque<>(4);
        }
        queue.add(frame);
        queuedBytes += frame.length;
        if (!transport.isWritable() && queuedBytes + transport.pendingBytes() > maxPendingBytes) {
            slowConsumer();
            return;
        }
        scheduleDrain();
    }

    /** Replaces the pending {@code marginRatio} frame; it is written at most every {@code intervalMs}. */
    void offerRatio(byte[] frame, long eventTime, long intervalMs) {
        if (closed) {
            return;
        }
        if (ratio != null) {
            metrics.conflated();
        }
        ratio = frame;
        ratioEventTime = eventTime;
        ratioIntervalMs = intervalMs;
        scheduleDrain();
    }

    /** Replaces the pending {@code markPrice} frame of {@code key} (a stream and symbol). */
    void offerMark(String key, byte[] frame, long eventTime) {
        if (closed) {
            return;
        }
        if (marks == null) {
            marks = new LinkedHashMap<>(4);
        }
        if (marks.put(key, new Slot(frame, eventTime)) != null) {
            metrics.conflated();
        }
        scheduleDrain();
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
            } else if (ratio != null && now - lastRatioWriteMs >= ratioIntervalMs) {
                transport.write(ratio);
                metrics.tickToWrite((now - ratioEventTime) * 1000);
                lastRatioWriteMs = now;
                ratio = null;
                written++;
            } else if (marks != null && !marks.isEmpty()) {
                Iterator<Map.Entry<String, Slot>> it = marks.entrySet().iterator();
                Slot s = it.next().getValue();
                it.remove();
                transport.write(s.bytes());
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
            long wait = Math.max(1, lastRatioWriteMs + ratioIntervalMs - now);
            ratioTimerSet = true;
            transport.schedule(() -> {
                ratioTimerSet = false;
                drain();
            }, wait);
        }
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
