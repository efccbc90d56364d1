package io.marginstream.gateway.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginstream.gateway.GatewayServer;
import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.gateway.engine.EngineCommand;
import io.marginstream.gateway.engine.EngineClient;
import io.marginstream.protocol.ProtocolJson;
import io.marginstream.protocol.auth.HmacSha256;
import io.marginstream.protocol.auth.SignaturePayload;
import io.marginstream.protocol.message.Wallet;
import io.netty.util.concurrent.SingleThreadEventExecutor;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.junit.jupiter.api.Test;

/**
 * A session's event loop stalls while the engine keeps producing: the loop is handed a bounded number of tasks
 * (later batches are merged, ratio and marks conflated), and once it runs again the client gets every
 * {@code userData} event in {@code U} order and the latest {@code marginRatio} and {@code markPrice}. Real
 * gateway, real WebSocket client; the stall is a task that blocks the session's own Netty event loop.
 */
class StalledLoopTest {
    private static final String KEY = "stall-key";
    private static final String SECRET = "stall-secret-0123456789";
    private static final int BATCHES = 400;

    /** Messages from the server, in arrival order. */
    private static final class Client extends WebSocketListener {
        final BlockingQueue<JsonNode> in = new LinkedBlockingQueue<>();

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            try {
                in.add(ProtocolJson.mapper().readTree(text));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        JsonNode next() throws InterruptedException {
            JsonNode m = in.poll(30, TimeUnit.SECONDS);
            assertNotNull(m, "no message within 30 s");
            return m;
        }

        JsonNode call(WebSocket ws, long id, String method, ObjectNode params) throws InterruptedException {
            ObjectNode req = ProtocolJson.mapper().createObjectNode().put("id", id).put("method", method);
            req.set("params", params);
            ws.send(req.toString());
            while (true) {
                JsonNode m = next();
                if (m.path("id").asLong(-1) == id) {
                    assertEquals(200, m.path("status").asInt(), m.toString());
                    return m;
                }
            }
        }
    }

    @Test
    void stalledLoop_boundedTasks_thenEveryUserDataEvent_andTheLatestRatioAndMark() throws Exception {
        GatewayConfig config = GatewayConfig.demo(KEY, SECRET)
                .withServer(new GatewayConfig.ServerConfig("127.0.0.1", 0, null, null, null, null, null, null, null))
                .withFeed(new GatewayConfig.FeedConfig(false, null, null, null));
        GatewayServer gw = new GatewayServer(config).start();
        OkHttpClient http = new OkHttpClient.Builder().readTimeout(0, TimeUnit.MILLISECONDS).build();
        Client client = new Client();
        WebSocket ws = http.newWebSocket(new Request.Builder().url("ws://127.0.0.1:" + gw.port() + "/ws").build(),
                client);
        CountDownLatch release = new CountDownLatch(1);
        try {
            ObjectNode logon = ProtocolJson.mapper().createObjectNode().put("apiKey", KEY)
                    .put("timestamp", System.currentTimeMillis());
            logon.put("signature", HmacSha256.sign(SECRET, SignaturePayload.of(logon)));
            client.call(ws, 1, "session.logon", logon);
            ObjectNode sub = ProtocolJson.mapper().createObjectNode().put("intervalMs", 0);
            sub.putArray("streams").add("userData").add("marginRatio").add("markPrice@BTCUSDT");
            client.call(ws, 2, "subscribe", sub);

            Session session = gw.sessions().sessions().iterator().next();
            SingleThreadEventExecutor loop = (SingleThreadEventExecutor) session.loop();
            CountDownLatch stalled = new CountDownLatch(1);
            loop.execute(() -> {
                stalled.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertTrue(stalled.await(30, TimeUnit.SECONDS));

            EngineClient engine = gw.engine();
            long lastPrice = 0;
            for (int i = 1; i <= BATCHES; i++) {
                lastPrice = 60_000 + i;
                engine.submit(new EngineCommand.SetMarkPrice("BTCUSDT", BigDecimal.valueOf(lastPrice)))
                        .get(30, TimeUnit.SECONDS);
                engine.submit(new EngineCommand.Deposit("demo", "USDT", BigDecimal.ONE, Wallet.SPOT))
                        .get(30, TimeUnit.SECONDS);
            }
            int queued = loop.pendingTasks();
            assertTrue(queued <= 20, "a stalled loop holds a bounded number of "
                    + "tasks, not one per engine batch: " + queued + " after " + 2 * BATCHES + " batches");

            release.countDown();
            long lastU = -1;
            int balanceUpdates = 0;
            String lastMark = null;
            long lastRatioU = -1;
            while (balanceUpdates < BATCHES || lastRatioU != lastU || !String.valueOf(lastPrice).equals(lastMark)) {
                JsonNode m = client.next();
                String stream = m.path("stream").asText();
                JsonNode d = m.path("data");
                if (stream.equals("userData")) {
                    long u = d.get("U").asLong();
                    assertTrue(lastU < 0 || u == lastU + 1, "userData in U order without gaps: " + lastU + " then " + u);
                    lastU = u;
                    if (d.get("e").asText().equals("balanceUpdate")) {
                        balanceUpdates++;
                    }
                } else if (stream.equals("marginRatio")) {
                    lastRatioU = d.get("U").asLong();
                } else if (stream.equals("markPrice@BTCUSDT")) {
                    lastMark = new BigDecimal(d.get("p").asText()).stripTrailingZeros().toPlainString();
                }
            }
            assertEquals(BATCHES, balanceUpdates);
        } finally {
            release.countDown();
            ws.close(1000, "bye");
            gw.close();
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }
}
