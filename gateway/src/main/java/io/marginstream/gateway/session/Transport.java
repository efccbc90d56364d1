package io.marginstream.gateway.session;

import java.net.InetAddress;
import java.util.concurrent.Executor;

/**
 * What a {@link Session} sees of its connection: the session never touches a socket or Netty. Implemented by the
 * Netty layer. Every method but {@link #executor()} and {@link #id()} must be called on the executor's thread (the
 * connection's event loop).
 */
public interface Transport {
    /** A short id of the connection, for logs. */
    String id();

    /** The peer's address. */
    InetAddress remoteAddress();

    /** The single thread that owns this connection; work for the session runs there. */
    Executor executor();

    /** Queues one text frame holding {@code utf8Json} (shared, never modified); does not flush. */
    void write(byte[] utf8Json);

    /**
     * As {@link #write}, for bytes that go to many connections of this executor in a row (a {@code markPrice}
     * tick): the implementation may frame them once per executor and share the framed buffer.
     */
    void writeShared(byte[] utf8Json);

    /** Flushes what was written. */
    void flush();

    /** Whether the connection accepts more output without growing its buffer past the high-water mark. */
    boolean isWritable();

    /** Bytes written but not yet handed to the socket. */
    long pendingBytes();

    /** Runs {@code task} on {@link #executor()} after {@code delayMs}. */
    void schedule(Runnable task, long delayMs);

    /** Sends a WebSocket ping. */
    void ping();

    /** Sends a close frame with {@code code} and {@code reason}, then closes (forcibly after a bounded wait). */
    void close(int code, String reason);

    /** Whether the connection is still open. */
    boolean isOpen();
}
