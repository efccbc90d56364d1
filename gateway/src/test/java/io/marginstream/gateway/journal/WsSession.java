package io.marginstream.gateway.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginstream.protocol.ProtocolJson;
import io.marginstream.protocol.auth.HmacSha256;
import io.marginstream.protocol.auth.SignaturePayload;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * A minimal request/response WebSocket session for the gateway crash test: {@link #call} sends one request and
 * waits (bounded) for the response with its id; when the connection dies, every pending call fails with an
 * {@link IOException}.
 */
final class WsSession extends WebSocketListener implements AutoCloseable {
    static final OkHttpClient HTTP = new OkHttpClient.Builder().readTimeout(0, TimeUnit.MILLISECONDS).build();

    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> opened = new CompletableFuture<>();
    private final AtomicLong ids = new AtomicLong();
    private final WebSocket ws;
    private volatile IOException dead;

    WsSession(int port) throws IOException {
        ws = HTTP.newWebSocket(new Request.Builder().url("ws://127.0.0.1:" + port + "/ws").build(), this);
        await(opened);
    }

    /** Logs on with an HMAC key; fails unless the gateway answers 200. */
    void logon(String apiKey, String secret) throws IOException {
        ObjectNode p = ProtocolJson.mapper().createObjectNode();
        p.put("apiKey", apiKey);
        p.put("timestamp", System.currentTimeMillis());
        p.put("signature", HmacSha256.sign(secret, SignaturePayload.of(p)));
        JsonNode r = call("session.logon", p);
        if (r.path("status").asInt() != 200) {
            throw new IOException("logon failed: " + r);
        }
    }

    /** Sends a request and returns the whole response envelope. */
    JsonNode call(String method, ObjectNode params) throws IOException {
        return await(send(method, params));
    }

    /** Sends a request without waiting; the future completes with the response envelope. */
    CompletableFuture<JsonNode> send(String method, ObjectNode params) throws IOException {
        long id = ids.incrementAndGet();
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(id, f);
        IOException d = dead;
        if (d != null) {
            pending.remove(id);
            throw d;
        }
        ObjectNode req = ProtocolJson.mapper().createObjectNode();
        req.put("id", id);
        req.put("method", method);
        req.set("params", params);
        if (!ws.send(req.toString())) {
            pending.remove(id);
            throw new IOException("connection closed");
        }
        return f;
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
        opened.complete(null);
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
        try {
            JsonNode msg = ProtocolJson.mapper().readTree(text);
            JsonNode id = msg.get("id");
            if (id != null && id.canConvertToLong()) {
                CompletableFuture<JsonNode> f = pending.remove(id.asLong());
                if (f != null) {
                    f.complete(msg);
                }
            }
        } catch (IOException e) {
            fail(e);
        }
    }

    @Override
    public void onClosed(WebSocket webSocket, int code, String reason) {
        fail(new IOException("closed " + code + " " + reason));
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable t, Response response) {
        fail(t instanceof IOException io ? io : new IOException(t));
    }

    private void fail(IOException e) {
        dead = e;
        opened.completeExceptionally(e);
        pending.values().forEach(f -> f.completeExceptionally(e));
        pending.clear();
    }

    static <T> T await(CompletableFuture<T> f) throws IOException {
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("no response within 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void close() {
        ws.close(1000, "bye");
    }
}
