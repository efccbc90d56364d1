package io.marginstream.gateway.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Cluster mode end to end (PROTOCOL.md §13, docs/CLUSTER.md): a real {@code nats-server}, 2 engine shards and 2
 * gateway nodes, each a child process, over real WebSockets. One cluster for the class; the failure tests run last,
 * in order, each leaving the cluster whole again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTest {
    private Path dir;
    private ClusterHarness cluster;

    @BeforeAll
    void startCluster() throws Exception {
        dir = Files.createTempDirectory("cluster-test");
        cluster = new ClusterHarness(dir, 2, 2, ",\"ordersPerMinute\":8", 1_500).start();
    }

    @AfterAll
    void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        ClusterHarness.deleteTree(dir);
    }

    private int gw(int i) {
        return cluster.gatewayNodes[i].port;
    }

    @Test
    @Order(1)
    void twoSessionsOfOneAccount_onTwoNodes_seeIdenticalUOrderedEventsAndFigures() throws Exception {
        for (int shard = 0; shard < 2; shard++) {
            String account = cluster.accountOn(shard, 0);
            try (ClusterWs a = ClusterWs.logon(gw(0), account); ClusterWs b = ClusterWs.logon(gw(1), account)) {
                assertEquals(200, a.subscribe("userData", "marginRatio").path("status").asInt());
                assertEquals(200, b.subscribe("userData", "marginRatio").path("status").asInt());
                // a transfer placed on node A streams to the session on node B
                JsonNode t = a.transfer("USDT", "10", "SPOT", "CROSS_MARGIN", null);
                assertEquals(200, t.path("status").asInt(), t.toString());
                JsonNode t2 = b.transfer("USDT", "5", "CROSS_MARGIN", "SPOT", null);
                assertEquals(200, t2.path("status").asInt(), t2.toString());
                ObjectNode mark = ClusterWs.params();
                mark.put("symbol", "BTCUSDT");
                mark.put("price", shard == 0 ? "61000" : "59000");
                assertEquals(200, a.call("admin.setMarkPrice", mark).path("status").asInt());

                long lastU = b.call("account.status", ClusterWs.params()).path("result").path("updateId").asLong(-1);
                ClusterHarness.waitUntil(() -> a.events("userData").size() >= 4 && b.events("userData").size() >= 4
                        && !a.events("marginRatio").isEmpty() && !b.events("marginRatio").isEmpty(),
                        "both sessions to see the transfers and a marginRatio");
                // userData is never conflated: both sessions get every event. marginRatio is conflated per session
                // (each at its own interval), so the two may see a different number of frames; what must agree is
                // the figure they end on
                ClusterHarness.waitUntil(() -> a.events("userData").size() == b.events("userData").size()
                        && last(a.events("marginRatio")).equals(last(b.events("marginRatio"))),
                        "equal userData counts and the same latest marginRatio");
                assertEquals(a.events("userData"), b.events("userData"), "identical userData on both nodes");
                assertEquals(last(a.events("marginRatio")), last(b.events("marginRatio")),
                        "identical figures on both nodes");
                List<Long> us = new ArrayList<>();
                for (JsonNode e : a.events("userData")) {
                    us.add(e.path("U").asLong());
                }
                for (int i = 1; i < us.size(); i++) {
                    assertEquals(us.get(i - 1) + 1, us.get(i), "U in order without gaps: " + us);
                }
                assertTrue(a.events("userData").stream().anyMatch(e -> e.path("e").asText().equals("transferUpdate")
                        && new BigDecimal(e.path("amount").asText()).compareTo(BigDecimal.TEN) == 0),
                        "node B's session sees node A's transfer: " + b.events("userData"));
                assertFalse(a.isDead() || b.isDead());
                assertTrue(lastU > 0 || lastU == -1);
            }
        }
    }

    /** A REST call to node {@code port} with the account's API key, signed when {@code signed}. */
    private static okhttp3.Response rest(int port, String method, String path, String account, boolean signed)
            throws Exception {
        String query = signed ? "timestamp=" + System.currentTimeMillis() : "";
        if (signed) {
            query += "&signature=" + io.marginstream.protocol.auth.HmacSha256.sign(ClusterHarness.secret(account),
                    query);
        }
        okhttp3.Request.Builder b = new okhttp3.Request.Builder()
                .url("http://127.0.0.1:" + port + path + (query.isEmpty() ? "" : "?" + query))
                .header("X-MBX-APIKEY", ClusterHarness.key(account));
        b.method(method, method.equals("GET") ? null : okhttp3.RequestBody.create(new byte[0]));
        return ClusterWs.HTTP.newCall(b.build()).execute();
    }

    @Test
    @Order(2)
    void binanceSurface_onEveryNode_aListenKeyOpenedOnNodeA_streamsOnNodeB() throws Exception {
        String account = cluster.accountOn(1, 0);
        String listenKey;
        try (okhttp3.Response r = rest(gw(0), "POST", "/papi/v1/listenKey", account, false)) {
            assertEquals(200, r.code());
            listenKey = io.marginstream.protocol.ProtocolJson.mapper().readTree(r.body().string())
                    .path("listenKey").asText();
        }
        try (okhttp3.Response r = rest(gw(1), "GET", "/papi/v1/balance", account, true)) {
            assertEquals(200, r.code(), "signed REST on the other node");
        }
        List<String> frames = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.CompletableFuture<Void> open = new java.util.concurrent.CompletableFuture<>();
        String key = listenKey;
        ClusterHarness.waitUntil(() -> {
            try (okhttp3.Response r = rest(gw(1), "PUT", "/papi/v1/listenKey", account, false)) {
                return r.code() == 200;
            } catch (Exception e) {
                return false;
            }
        }, "node B to know the listenKey opened on node A");
        okhttp3.WebSocket pm = ClusterWs.HTTP.newWebSocket(new okhttp3.Request.Builder()
                .url("ws://127.0.0.1:" + gw(1) + "/pm/ws/" + key).build(), new okhttp3.WebSocketListener() {
                    @Override
                    public void onOpen(okhttp3.WebSocket ws, okhttp3.Response response) {
                        open.complete(null);
                    }

                    @Override
                    public void onMessage(okhttp3.WebSocket ws, String text) {
                        frames.add(text);
                    }

                    @Override
                    public void onFailure(okhttp3.WebSocket ws, Throwable t, okhttp3.Response response) {
                        open.completeExceptionally(t);
                    }
                });
        try {
            open.get(30, java.util.concurrent.TimeUnit.SECONDS);
            try (ClusterWs a = ClusterWs.logon(gw(0), account)) {
                JsonNode placed = a.call("order.place", marketBuy());
                assertEquals(200, placed.path("status").asInt(), placed.toString());
                ClusterHarness.waitUntil(() -> frames.stream().anyMatch(f -> f.contains("ORDER_TRADE_UPDATE")),
                        "the order placed through node A on node B's listenKey stream");
            }
        } finally {
            pm.close(1000, "bye");
        }
    }

    private static ObjectNode marketBuy() {
        ObjectNode o = ClusterWs.params();
        o.put("symbol", "BTCUSDT");
        o.put("side", "BUY");
        o.put("type", "MARKET");
        o.put("quantity", "0.001");
        return o;
    }

    /** The clientTranIds in the account's transfer history, read on {@code port}. */
    private static List<String> clientTranIds(ClusterWs s) throws Exception {
        ObjectNode h = ClusterWs.params();
        h.put("limit", 500);
        List<String> out = new ArrayList<>();
        for (JsonNode e : s.call("transfer.history", h).path("result")) {
            if (!e.path("clientTranId").isNull()) {
                out.add(e.path("clientTranId").asText());
            }
        }
        return out;
    }

    @Test
    @Order(3)
    void perKeyOrderLimit_isSharedBetweenNodes_clusterTotalStaysWithinTheLimit() throws Exception {
        // ordersPerMinute 8 over 2 gateway nodes: each node holds ceil(8 / 2) = 4 of the key's orders a minute
        String account = cluster.accountOn(1, 1);
        try (ClusterWs a = ClusterWs.logon(gw(0), account); ClusterWs b = ClusterWs.logon(gw(1), account)) {
            int accepted = 0;
            for (ClusterWs s : List.of(a, b)) {
                for (int i = 0; i < 5; i++) {
                    JsonNode r = s.call("order.place", marketBuy());
                    if (i < 4) {
                        assertEquals(200, r.path("status").asInt(), r.toString());
                        accepted++;
                    } else {
                        assertEquals(-1015, r.path("error").path("code").asInt(), r.toString());
                    }
                }
            }
            assertEquals(8, accepted, "the cluster as a whole accepted exactly the configured 8 orders");
        }
    }

    @Test
    @Order(4)
    void aCommandWhoseReplyWasLost_answersMinus1007_andIsNeverAppliedTwice() throws Exception {
        String account = cluster.accountOn(0, 1);
        ClusterHarness.Node shard = cluster.shardNodes[0];
        try (ClusterWs s = ClusterWs.logon(gw(0), account)) {
            BigDecimal spotBefore = spot(s);
            cluster.signal(shard, "STOP");
            JsonNode lost;
            try {
                lost = s.transfer("USDT", "7", "SPOT", "CROSS_MARGIN", "lost-reply-1");
            } finally {
                cluster.signal(shard, "CONT");
            }
            assertEquals(-1007, lost.path("error").path("code").asInt(), lost.toString());
            assertEquals(503, lost.path("status").asInt(), lost.toString());
            for (ClusterHarness.Node g : cluster.gatewayNodes) {
                cluster.awaitStatus(g, "UP");
            }
            JsonNode retry = s.transfer("USDT", "7", "SPOT", "CROSS_MARGIN", "lost-reply-1");
            assertEquals(200, retry.path("status").asInt(), retry.toString());
            JsonNode again = s.transfer("USDT", "7", "SPOT", "CROSS_MARGIN", "lost-reply-1");
            assertEquals(retry.path("result").path("tranId"), again.path("result").path("tranId"));
            assertEquals(0, spotBefore.subtract(new BigDecimal("7")).compareTo(spot(s)),
                    "the transfer moved its 7 USDT exactly once");
            assertEquals(1, clientTranIds(s).stream().filter("lost-reply-1"::equals).count());
        }
    }

    private static BigDecimal spot(ClusterWs s) throws Exception {
        ObjectNode p = ClusterWs.params();
        p.put("asset", "USDT");
        JsonNode r = s.call("account.balance", p);
        assertEquals(200, r.path("status").asInt(), r.toString());
        return new BigDecimal(r.path("result").path("spotBalance").asText("0"));
    }

    @Test
    @Order(5)
    void shardKilled_itsAccountsAnswerMinus1008_othersServed_restartFromJournal_streamResumes() throws Exception {
        String onDead = cluster.accountOn(1, 0);
        String onLive = cluster.accountOn(0, 0);
        ClusterHarness.Node shard = cluster.shardNodes[1];
        try (ClusterWs watcher = ClusterWs.logon(gw(0), onDead); ClusterWs actor = ClusterWs.logon(gw(1), onDead);
             ClusterWs other = ClusterWs.logon(gw(1), onLive)) {
            assertEquals(200, watcher.subscribe("userData").path("status").asInt());
            JsonNode before = actor.transfer("USDT", "3", "SPOT", "CROSS_MARGIN", "before-kill");
            assertEquals(200, before.path("status").asInt(), before.toString());
            ClusterHarness.waitUntil(() -> watcher.events("userData").stream()
                    .anyMatch(e -> e.path("e").asText().equals("transferUpdate")), "the transfer before the kill");
            long uBefore = last(watcher.events("userData")).path("U").asLong();
            BigDecimal spotBefore = spot(actor);

            cluster.kill9(shard);
            JsonNode refused = actor.transfer("USDT", "1", "SPOT", "CROSS_MARGIN", "during-kill");
            assertEquals(-1008, refused.path("error").path("code").asInt(), refused.toString());
            assertEquals(503, refused.path("status").asInt());
            JsonNode read = actor.call("account.status", ClusterWs.params());
            assertEquals(-1008, read.path("error").path("code").asInt(), read.toString());
            assertEquals(200, other.transfer("USDT", "1", "SPOT", "CROSS_MARGIN", null).path("status").asInt(),
                    "the live shard's accounts are served meanwhile");
            ClusterHarness.waitUntil(() -> {
                String h = cluster.health(cluster.gatewayNodes[0]);
                return h != null && h.contains("\"status\":\"DEGRADED\"");
            }, "gateway /healthz DEGRADED while a shard is down");

            cluster.launch(shard);
            for (ClusterHarness.Node g : cluster.gatewayNodes) {
                cluster.awaitStatus(g, "UP");
            }
            assertEquals(0, spotBefore.compareTo(spot(actor)), "the journal kept every acknowledged change");
            assertFalse(clientTranIds(actor).contains("during-kill"), "the refused command changed nothing");
            JsonNode after = actor.transfer("USDT", "2", "SPOT", "CROSS_MARGIN", "after-restart");
            assertEquals(200, after.path("status").asInt(), after.toString());
            ClusterHarness.waitUntil(() -> watcher.events("userData").stream()
                    .anyMatch(e -> e.path("U").asLong() > uBefore), "the stream to resume after the restart");
            long uAfter = watcher.events("userData").stream().mapToLong(e -> e.path("U").asLong())
                    .filter(u -> u > uBefore).min().orElseThrow();
            assertTrue(uAfter > uBefore, "U continues from the journal, never restarts");
            assertFalse(watcher.isDead(), "the watching session stayed connected to its node throughout");
        }
    }

    private static JsonNode last(List<JsonNode> l) {
        return l.get(l.size() - 1);
    }

    @Test
    @Order(6)
    void natsRestart_everyoneReconnectsByItself_healthzDegradedMeanwhile() throws Exception {
        String account = cluster.accountOn(0, 0);
        try (ClusterWs watcher = ClusterWs.logon(gw(0), account); ClusterWs actor = ClusterWs.logon(gw(1), account)) {
            assertEquals(200, watcher.subscribe("userData").path("status").asInt());
            cluster.stopNats();
            for (ClusterHarness.Node g : cluster.gatewayNodes) {
                ClusterHarness.waitUntil(() -> {
                    String h = cluster.health(g);
                    return h != null && h.contains("\"status\":\"DEGRADED\"");
                }, "gateway " + g.index + " DEGRADED while NATS is down");
            }
            JsonNode refused = actor.transfer("USDT", "1", "SPOT", "CROSS_MARGIN", "nats-down");
            assertEquals(-1008, refused.path("error").path("code").asInt(), refused.toString());

            cluster.startNats();
            // only the gateways: a gateway says UP only once every shard has beaten over the new connection (a
            // heartbeat from before the restart does not count), so a command right after finds its shard
            for (ClusterHarness.Node g : cluster.gatewayNodes) {
                cluster.awaitStatus(g, "UP");
            }
            int seen = watcher.events("userData").size();
            JsonNode ok = actor.transfer("USDT", "1", "SPOT", "CROSS_MARGIN", "nats-back");
            assertEquals(200, ok.path("status").asInt(), ok.toString());
            ClusterHarness.waitUntil(() -> watcher.events("userData").size() > seen,
                    "the session on the other node to get the transfer after NATS came back");
            assertFalse(clientTranIds(actor).contains("nats-down"));
        }
    }

    @Test
    @Order(7)
    void gatewayNodeDies_clientsReconnectToAnother_andFindEveryAcknowledgedCommand() throws Exception {
        String account = cluster.accountOn(1, 1);
        List<String> acked = new ArrayList<>();
        ClusterWs doomed = ClusterWs.logon(gw(1), account);
        for (int i = 0; i < 5; i++) {
            JsonNode r = doomed.transfer("USDT", "1", "SPOT", "CROSS_MARGIN", "gw-dies-" + i);
            assertEquals(200, r.path("status").asInt(), r.toString());
            acked.add("gw-dies-" + i);
        }
        long u = doomed.call("account.status", ClusterWs.params()).path("result").path("updateTime").asLong();
        cluster.kill9(cluster.gatewayNodes[1]);
        ClusterHarness.waitUntil(doomed::isDead, "the client to notice its node is gone");
        try (ClusterWs moved = ClusterWs.logon(gw(0), account)) {
            List<String> found = clientTranIds(moved);
            for (String id : acked) {
                assertTrue(found.contains(id), id + " acknowledged on the dead node is there: " + found);
            }
            assertTrue(u > 0);
        } finally {
            cluster.launch(cluster.gatewayNodes[1]);
            cluster.awaitStatus(cluster.gatewayNodes[1], "UP");
        }
    }

    /**
     * A node that does not know yet whether an account is in PM mode asks its shard without holding the session's
     * event loop; while the shard cannot answer, {@code subscribe marginRatio} is "retry later" ({@code -1008}),
     * never "not in portfolio-margin mode" ({@code -5006}, what a timed-out lookup used to answer).
     */
    @Test
    @Order(8)
    void marginRatioSubscribe_whileTheShardCannotAnswer_isRetryLater_neverWrongMode() throws Exception {
        String account = cluster.accountOn(0, 1);
        ClusterHarness.Node shard = cluster.shardNodes[0];
        try (ClusterWs s = ClusterWs.logon(gw(1), account)) {
            JsonNode r;
            cluster.signal(shard, "STOP");
            try {
                r = s.subscribe("marginRatio");
            } finally {
                cluster.signal(shard, "CONT");
            }
            assertEquals(-1008, r.path("error").path("code").asInt(), r.toString());
            assertEquals(503, r.path("status").asInt(), r.toString());
            for (ClusterHarness.Node g : cluster.gatewayNodes) {
                cluster.awaitStatus(g, "UP");
            }
            JsonNode ok = s.subscribe("marginRatio");
            assertEquals(200, ok.path("status").asInt(), ok.toString());
            JsonNode t = s.transfer("USDT", "1", "SPOT", "CROSS_MARGIN", null);
            assertEquals(200, t.path("status").asInt(), t.toString());
            ClusterHarness.waitUntil(() -> !s.events("marginRatio").isEmpty(), "the transfer's marginRatio");
        }
    }
}
