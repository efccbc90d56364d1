package io.marginstream.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginstream.protocol.ProtocolJson;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A WebSocket test client that queues what it receives so a test reads as a script: {@code send}, then
 * {@code nextResponse()} / {@code nextEvent(stream)} / {@code awaitClose()}. Every wait is bounded.
 */
final class WsRecorder extends WebSocketListener implements AutoCloseable {
    static final OkHttpClient HTTP = new OkHttpClient.Builder().readTimeout(0, TimeUnit.MILLISECONDS).build();
    static final long WAIT_SECONDS = 10;

    private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final CountDownLatch open = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicInteger closeCode = new AtomicInteger(-1);
    private final AtomicLong ids = new AtomicLong();
    private volatile String closeReason;
    private volatile Throwable failure;
    private volatile Response failureResponse;
    final WebSocket ws;

    private WsRecorder(String url) {
        this.ws = HTTP.newWebSocket(new Request.Builder().url(url).build(), this);
    }

    static WsRecorder connect(int port) {
        WsRecorder r = new WsRecorder("ws://127.0.0.1:" + port + "/ws");
        r.awaitOpen();
        return r;
    }

    /** Connects to any WebSocket path of the gateway (the Binance streams) and waits for the open. */
    static WsRecorder connect(int port, String pathAndQuery) {
        WsRecorder r = new WsRecorder("ws://127.0.0.1:" + port + pathAndQuery);
        r.awaitOpen();
        return r;
    }

    /** Connects to {@code pathAndQuery} without waiting; for refused upgrades. */
    static WsRecorder attempt(int port, String pathAndQuery) {
        return new WsRecorder("ws://127.0.0.1:" + port + pathAndQuery);
    }

    /** Connects without waiting; for refused upgrades. */
    static WsRecorder attempt(int port) {
        return new WsRecorder("ws://127.0.0.1:" + port + "/ws");
    }

    void awaitOpen() {
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (!open.await(10, TimeUnit.MILLISECONDS)) {
                if (failure != null) {
                    fail("connection failed: " + failure + " " + failureResponse);
                }
                if (System.nanoTime() > deadline) {
                    fail("not open within " + WAIT_SECONDS + "s");
                }
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** The HTTP status that refused the upgrade (waits for the failure). */
    int awaitRefusedStatus() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (failure == null && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        assertNotNull(failure, "upgrade was not refused");
        assertNotNull(failureResponse, "no HTTP response: " + failure);
        return failureResponse.code();
    }

    /** Sends a request and returns its id. */
    long send(String method, ObjectNode params) {
        long id = ids.incrementAndGet();
        ObjectNode req = ProtocolJson.mapper().createObjectNode();
        req.put("id", id);
        req.put("method", method);
        if (params != null) {
            req.set("params", params);
        }
        assertTrue(ws.send(req.toString()), "send failed");
        return id;
    }

    void sendRaw(String text) {
        assertTrue(ws.send(text), "send failed");
    }

    /** Sends a request and returns its response (events before it are skipped and kept out). */
    JsonNode call(String method, ObjectNode params) {
        long id = send(method, params);
        JsonNode r = nextResponse();
        assertEquals(id, r.get("id").asLong(), "response out of order: " + r);
        return r;
    }

    JsonNode ok(String method, ObjectNode params) {
        JsonNode r = call(method, params);
        assertEquals(200, r.get("status").asInt(), () -> method + " failed: " + r);
        return r.get("result");
    }

    /** The next message that is a response (has a {@code status}). */
    JsonNode nextResponse() {
        return next(m -> m.has("status"), "a response");
    }

    /** The next event of {@code stream}. */
    JsonNode nextEvent(String stream) {
        return next(m -> m.has("stream") && m.get("stream").asText().equals(stream), "an event on " + stream);
    }

    /** The next message matching, discarding others. */
    JsonNode next(Predicate<JsonNode> match, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                JsonNode m = messages.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
                if (m == null) {
                    fail("no " + what + " within " + WAIT_SECONDS + "s (close code " + closeCode.get() + ")");
                }
                if (match.test(m)) {
                    return m;
                }
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** The next message, whatever it is, or null if none arrives within {@code ms}. */
    JsonNode poll(long ms) throws InterruptedException {
        return messages.poll(ms, TimeUnit.MILLISECONDS);
    }

    int awaitClose() {
        try {
            assertTrue(closed.await(WAIT_SECONDS, TimeUnit.SECONDS), "not closed within " + WAIT_SECONDS + "s");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        return closeCode.get();
    }

    String closeReason() {
        return closeReason;
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
        open.countDown();
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
        try {
            messages.add(ProtocolJson.mapper().readTree(text));
        } catch (Exception e) {
            failure = e;
        }
    }

    @Override
    public void onMessage(WebSocket webSocket, ByteString bytes) {
        failure = new AssertionError("binary message from server");
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
        closeCode.set(code);
        closeReason = reason;
        webSocket.close(1000, null);
        closed.countDown();
    }

    @Override
    public void onClosed(WebSocket webSocket, int code, String reason) {
        closeCode.compareAndSet(-1, code);
        closed.countDown();
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable t, Response response) {
        failure = t;
        failureResponse = response;
        closed.countDown();
    }

    @Override
    public void close() {
        ws.cancel();
    }
}
