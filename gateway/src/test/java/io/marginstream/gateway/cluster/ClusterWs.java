package io.marginstream.gateway.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginstream.protocol.ProtocolJson;
import io.marginstream.protocol.auth.HmacSha256;
import io.marginstream.protocol.auth.SignaturePayload;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
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
 * A {@code /ws} session for the cluster tests: requests with bounded waits, and every stream frame kept in arrival
 * order ({@link #events(String)} by stream name).
 */
final class ClusterWs extends WebSocketListener implements AutoCloseable {
    static final OkHttpClient HTTP = new OkHttpClient.Builder().readTimeout(0, TimeUnit.MILLISECONDS).build();

    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> opened = new CompletableFuture<>();
    private final AtomicLong ids = new AtomicLong();
    private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    private final WebSocket ws;
    private volatile IOException dead;

    ClusterWs(int port) throws IOException {
        ws = HTTP.newWebSocket(new Request.Builder().url("ws://127.0.0.1:" + port + "/ws").build(), this);
        await(opened);
    }

    static ClusterWs logon(int port, String account) throws IOException {
        ClusterWs s = new ClusterWs(port);
        ObjectNode p = params();
        p.put("apiKey", ClusterHarness.key(account));
        p.put("timestamp", System.currentTimeMillis());
        p.put("signature", HmacSha256.sign(ClusterHarness.secret(account), SignaturePayload.of(p)));
        JsonNode r = s.call("session.logon", p);
        if (r.path("status").asInt() != 200) {
            throw new IOException("logon failed: " + r);
        }
        return s;
    }

    static ObjectNode params() {
        return ProtocolJson.mapper().createObjectNode();
    }

    JsonNode subscribe(String... streams) throws IOException {
        ObjectNode p = params();
        var a = p.putArray("streams");
        for (String s : streams) {
            a.add(s);
        }
        return call("subscribe", p);
    }

    JsonNode transfer(String asset, String amount, String from, String to, String clientTranId)
            throws IOException {
        ObjectNode p = params();
        p.put("asset", asset);
        p.put("amount", amount);
        p.put("from", from);
        p.put("to", to);
        if (clientTranId != null) {
            p.put("clientTranId", clientTranId);
        }
        return call("transfer", p);
    }

    JsonNode call(String method, ObjectNode params) throws IOException {
        return await(send(method, params));
    }

    CompletableFuture<JsonNode> send(String method, ObjectNode params) throws IOException {
        long id = ids.incrementAndGet();
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(id, f);
        IOException d = dead;
        if (d != null) {
            pending.remove(id);
            throw d;
        }
        ObjectNode req = params();
        req.put("id", id);
        req.put("method", method);
        req.set("params", params);
        if (!ws.send(req.toString())) {
            pending.remove(id);
            throw new IOException("connection closed");
        }
        return f;
    }

    /** The {@code data} of every frame of {@code stream} so far, in arrival order. */
    List<JsonNode> events(String stream) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode f : frames) {
            if (stream.equals(f.path("stream").asText())) {
                out.add(f.get("data"));
            }
        }
        return out;
    }

    boolean isDead() {
        return dead != null;
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
            } else if (msg.has("stream")) {
                frames.add(msg);
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
