package io.marginstream.gateway.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The crash test of the single-process mode (GatewayCrashTest), per shard: two sessions on the two gateway nodes
 * pipeline transfers with {@code clientTranId}s into the two accounts of one shard, the shard is killed with SIGKILL
 * mid-burst and restarted from its data directory; then every acknowledged transfer is there exactly once
 * (re-sending it returns the very same {@code tranId}), none refused with {@code -1008} is there, the ones in doubt
 * ({@code -1007}) are there at most once, and each account's USDT is conserved. Then the same for the other shard.
 */
class ClusterCrashTest {
    private static final int IN_FLIGHT = 8;
    private static final int ACKS_BEFORE_KILL = 150;

    /** What one session saw: acknowledged (id → tranId), refused, in doubt. */
    private static final class Book {
        final String account;
        final Map<String, Long> acked = new ConcurrentHashMap<>();
        final Set<String> refused = ConcurrentHashMap.newKeySet();
        final Set<String> unknown = ConcurrentHashMap.newKeySet();

        Book(String account) {
            this.account = account;
        }
    }

    @Test
    void killDashNineOfEachShard_midBurst_everyAcknowledgedTransferExactlyOnce() throws Exception {
        Path dir = Files.createTempDirectory("cluster-crash");
        try (ClusterHarness cluster = new ClusterHarness(dir, 2, 2, ",\"requestWeightPerMinute\":1000000", 2_000).start()) {
            for (int shard = 0; shard < 2; shard++) {
                Book[] books = {new Book(cluster.accountOn(shard, 0)), new Book(cluster.accountOn(shard, 1))};
                ClusterWs[] sessions = {ClusterWs.logon(cluster.gatewayNodes[0].port, books[0].account),
                        ClusterWs.logon(cluster.gatewayNodes[1].port, books[1].account)};
                try {
                    burstAndKill(cluster, cluster.shardNodes[shard], sessions, books, shard);
                    cluster.launch(cluster.shardNodes[shard]);
                    for (ClusterHarness.Node g : cluster.gatewayNodes) {
                        cluster.awaitStatus(g, "UP");
                    }
                    for (int i = 0; i < 2; i++) {
                        verify(sessions[i], books[i]);
                    }
                } finally {
                    for (ClusterWs s : sessions) {
                        s.close();
                    }
                }
            }
        } finally {
            ClusterHarness.deleteTree(dir);
        }
    }

    private static void burstAndKill(ClusterHarness cluster, ClusterHarness.Node shard, ClusterWs[] sessions,
                                     Book[] books, int round) throws Exception {
        List<CompletableFuture<Void>> all = new ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger acks = new java.util.concurrent.atomic.AtomicInteger();
        CompletableFuture<Void> killed = new CompletableFuture<>();
        for (int i = 0; i < 2; i++) {
            ClusterWs s = sessions[i];
            Book b = books[i];
            int who = i;
            all.add(CompletableFuture.runAsync(() -> {
                java.util.ArrayDeque<CompletableFuture<JsonNode>> window = new java.util.ArrayDeque<>();
                java.util.ArrayDeque<String> ids = new java.util.ArrayDeque<>();
                int n = 0;
                // keep sending until the kill happened and a few more refusals came back
                int refusalsAfterKill = 0;
                while (refusalsAfterKill < 5 && n < 900) {
                    while (window.size() < IN_FLIGHT) {
                        String id = "crash-" + round + "-" + who + "-" + n++;
                        try {
                            window.add(s.send("transfer", transfer(id)));
                            ids.add(id);
                        } catch (IOException e) {
                            throw new AssertionError(e);
                        }
                    }
                    JsonNode r;
                    try {
                        r = ClusterWs.await(window.poll());
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                    String id = ids.poll();
                    int code = r.path("error").path("code").asInt(0);
                    if (r.path("status").asInt() == 200) {
                        b.acked.put(id, r.path("result").path("tranId").asLong());
                        if (acks.incrementAndGet() == ACKS_BEFORE_KILL) {
                            killed.complete(null);
                        }
                    } else if (code == -1008) {
                        b.refused.add(id);
                        if (killed.isDone()) {
                            refusalsAfterKill++;
                        }
                    } else if (code == -1007) {
                        b.unknown.add(id);
                    } else {
                        throw new AssertionError("unexpected answer to " + id + ": " + r);
                    }
                }
                while (!window.isEmpty()) {
                    String id = ids.poll();
                    try {
                        JsonNode r = ClusterWs.await(window.poll());
                        if (r.path("status").asInt() == 200) {
                            b.acked.put(id, r.path("result").path("tranId").asLong());
                        } else if (r.path("error").path("code").asInt() == -1008) {
                            b.refused.add(id);
                        } else {
                            b.unknown.add(id);
                        }
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                }
            }));
        }
        killed.get(ClusterHarness.START_TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        cluster.kill9(shard);
        for (CompletableFuture<Void> f : all) {
            f.get(ClusterHarness.START_TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        }
        assertTrue(books[0].refused.size() + books[1].refused.size() > 0, "commands were refused while down");
    }

    private static ObjectNode transfer(String id) {
        ObjectNode p = ClusterWs.params();
        p.put("asset", "USDT");
        p.put("amount", "1");
        p.put("from", "SPOT");
        p.put("to", "CROSS_MARGIN");
        p.put("clientTranId", id);
        return p;
    }

    private static void verify(ClusterWs s, Book b) throws Exception {
        ObjectNode h = ClusterWs.params();
        h.put("limit", 500);
        List<String> present = new ArrayList<>();
        JsonNode history = s.call("transfer.history", h);
        assertEquals(200, history.path("status").asInt(), history.toString());
        for (JsonNode e : history.path("result")) {
            if (e.path("clientTranId").asText("").startsWith("crash-")) {
                present.add(e.path("clientTranId").asText());
            }
        }
        for (String id : b.acked.keySet()) {
            assertEquals(1, present.stream().filter(id::equals).count(), id + " acknowledged: exactly once ("
                    + b.acked.size() + " acked, " + b.refused.size() + " refused, " + b.unknown.size()
                    + " unknown, " + present.size() + " present: " + present + ")");
        }
        for (String id : b.refused) {
            assertFalse(present.contains(id), id + " was refused with -1008: not applied");
        }
        for (String id : present) {
            assertTrue(b.acked.containsKey(id) || b.unknown.contains(id), id + " applied without an ack or doubt");
        }
        for (Map.Entry<String, Long> e : List.copyOf(b.acked.entrySet()).subList(0, Math.min(20, b.acked.size()))) {
            JsonNode again = s.call("transfer", transfer(e.getKey()));
            assertEquals(e.getValue().longValue(), again.path("result").path("tranId").asLong(),
                    "re-sent " + e.getKey() + " returns its tranId and moves nothing: " + again);
        }
        ObjectNode p = ClusterWs.params();
        p.put("asset", "USDT");
        JsonNode bal = s.call("account.balance", p).path("result");
        BigDecimal spot = new BigDecimal(bal.path("spotBalance").asText());
        assertEquals(0, new BigDecimal(1000 - present.size()).compareTo(spot),
                "SPOT USDT = 1000 - the transfers present (" + present.size() + "): " + bal);
    }
}
