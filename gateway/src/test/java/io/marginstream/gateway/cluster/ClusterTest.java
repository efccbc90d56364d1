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
                ClusterHarness.waitUntil(() -> a.events("userData").size() == b.events("userData").size()
                        && a.events("marginRatio").size() == b.events("marginRatio").size(), "equal counts");
                assertEquals(a.events("userData"), b.events("userData"), "identical userData on both nodes");
                assertEquals(a.events("marginRatio"), b.events("marginRatio"), "identical figures on both nodes");
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
}
