package io.marginstream.client;

import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One WebSocket to the gateway and the requests in flight on it. The socket is created in the constructor and never
 * changes, so a {@code Connection} that anyone can see has its socket (a client publishes it only once built).
 * {@link #opened} completes when the upgrade succeeds, or exceptionally with {@link ConnectionLostException}.
 *
 * <p>Threads: the callbacks run on OkHttp's reader thread of this socket and hand text frames and the end of the
 * connection to {@link Events}, once each end; the other methods are thread-safe.
 */
final class Connection {
    /** What a connection reports to its owner, on the reader thread. */
    interface Events {
        /** A text frame. */
        void onText(Connection c, String text);

        /** The open connection ended: the close code and reason, or 1006 and the error. Called at most once. */
        void onEnded(Connection c, int code, String reason);
    }

    final CompletableFuture<Void> opened = new CompletableFuture<>();
    final PendingRequests pending = new PendingRequests();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final Events events;
    private final WebSocket ws;

    Connection(WebSocket.Factory factory, Request upgrade, Events events) {
        this.events = events;
        this.ws = factory.newWebSocket(upgrade, new Listener());
    }

    /** Open and not ended: requests may be sent. */
    boolean usable() {
        return opened.isDone() && !opened.isCompletedExceptionally() && !ended.get();
    }

    /** Bytes queued on the socket and not yet written. */
    long queueSize() {
        return ws.queueSize();
    }

    /** Queues a text frame; false when the socket refuses it (closing, or 16 MiB queued). */
    boolean send(String text) {
        return ws.send(text);
    }

    /** Starts a graceful close with {@code code} and fails the requests in flight with {@code why}. */
    void close(int code, String reason, Throwable why) {
        ws.close(code, reason);
        pending.failAll(why);
    }

    /**
     * Ends the connection at once, without reporting {@link Events#onEnded}, and fails the requests in flight;
     * false when it had already ended.
     */
    boolean abandon(Throwable why) {
        if (!ended.compareAndSet(false, true)) {
            return false;
        }
        ws.cancel();
        pending.failAll(why);
        return true;
    }

    private void end(int code, String reason) {
        if (ended.compareAndSet(false, true)) {
            pending.failAll(new ConnectionLostException("connection closed: " + code + " " + reason));
            events.onEnded(this, code, reason);
        }
    }

    private final class Listener extends WebSocketListener {
        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            opened.complete(null);
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            events.onText(Connection.this, text);
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            webSocket.close(code == 1005 ? 1000 : code, null);
            end(code, reason);
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            end(code, reason);
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable t, Response response) {
            String why = response != null ? "HTTP " + response.code() + " at upgrade" : t.toString();
            if (!opened.isDone()) {
                ended.set(true);
                ConnectionLostException e = new ConnectionLostException(why, t);
                opened.completeExceptionally(e);
                pending.failAll(e);
                return;
            }
            end(1006, why);
        }
    }
}
