package io.marginstream.client;

/**
 * A request was not sent because the socket's outgoing queue already held {@code queuedBytes} (at least the
 * client's {@code maxQueueBytes}), or because the socket refused it. The caller decides: wait, drop, or slow down.
 */
public final class BackpressureException extends IllegalStateException {
    private final long queuedBytes;

    public BackpressureException(String msg, long queuedBytes) {
        super(msg);
        this.queuedBytes = queuedBytes;
    }

    public long queuedBytes() {
        return queuedBytes;
    }
}
