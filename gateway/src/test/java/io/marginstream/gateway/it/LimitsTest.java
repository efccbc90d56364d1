package io.marginstream.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.gateway.config.GatewayConfig.LimitsConfig;
import io.marginstream.protocol.ProtocolJson;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** §7 over real connections, with the gateway's clock held still so windows are deterministic. */
class LimitsTest {

    static TestGateway gateway(LimitsConfig limits) {
        TestGateway gw = TestGateway.start(c -> c.withLimits(limits));
        gw.clock.set(gw.clock.get() / 60_000 * 60_000 + 1_000);
        return gw;
    }

    static LimitsConfig limits(Integer weight, Integer orders, Integer perSecond, Integer burst, Integer connections,
                               Integer logonFailures, Integer banAfter, List<String> trusted) {
        return new LimitsConfig(weight, orders, perSecond, burst, connections, logonFailures, banAfter, null, null,
                trusted, null, null);
    }

    static int code(JsonNode r) {
        return r.get("error").get("code").asInt();
    }

    @Test
    void requestWeight_429WithRetryAfter_then418Ban_thatEnds() {
        TestGateway gw = gateway(limits(30, null, 1000, 1000, 1000, null, 2, null));
        try (WsRecorder c = WsRecorder.connect(gw.port())) {
            for (int i = 0; i < 3; i++) {
                assertEquals(10 * (i + 1), c.call("exchangeInfo", null).get("rateLimits").get(0).get("count").asInt());
            }
            JsonNode over = c.call("exchangeInfo", null);
            assertEquals(429, over.get("status").asInt());
            assertEquals(-1003, code(over));
            long windowEnd = gw.clock.get() / 60_000 * 60_000 + 60_000;
            assertEquals(windowEnd, over.get("error").get("data").get("retryAfter").asLong());
            assertEquals(30, over.get("rateLimits").get(0).get("count").asInt());
            assertEquals(429, c.call("exchangeInfo", null).get("status").asInt());
            JsonNode banned = c.call("exchangeInfo", null);
            assertEquals(418, banned.get("status").asInt());
            assertEquals(-1003, code(banned));
            long until = banned.get("error").get("data").get("retryAfter").asLong();
            assertEquals(gw.clock.get() + 120_000, until);
            assertTrue(banned.get("error").get("msg").asText().contains("banned until " + until));
            assertEquals(418, c.call("ping", null).get("status").asInt());
            gw.clock.addAndGet(120_000);
            assertEquals(200, c.call("ping", null).get("status").asInt());
        } finally {
            gw.close();
        }
    }

    @Test
    void orders_areLimitedPerAccount() {
        TestGateway gw = gateway(limits(null, 2, 1000, 1000, 1000, null, null, null));
        try (WsRecorder c = WsRecorder.connect(gw.port())) {
            c.ok("session.logon", Signer.hmac(TestGateway.HMAC_KEY, TestGateway.HMAC_SECRET, gw.clock.get()));
            ObjectNode order = ProtocolJson.mapper().createObjectNode().put("symbol", "BTCUSDT").put("side", "BUY")
                    .put("type", "MARKET").put("quantity", "0.001");
            assertNotEquals(-1015, c.call("order.place", order.deepCopy()).path("error").path("code").asInt());
            assertNotEquals(-1015, c.call("order.place", order.deepCopy()).path("error").path("code").asInt());
            JsonNode third = c.call("order.place", order.deepCopy());
            assertEquals(429, third.get("status").asInt());
            assertEquals(-1015, code(third));
            JsonNode orders = third.get("rateLimits").get(1);
            assertEquals("ORDERS", orders.get("rateLimitType").asText());
            assertEquals(2, orders.get("limit").asInt());
            assertEquals(2, orders.get("count").asInt());
        } finally {
            gw.close();
        }
    }

    @Test
    void messageRate_429sThenClose1008AfterTenInARow() {
        TestGateway gw = gateway(limits(null, null, 5, 5, 1000, null, null, null));
        try (WsRecorder c = WsRecorder.connect(gw.port())) {
            for (int i = 0; i < 15; i++) {
                c.send("ping", null);
            }
            for (int i = 0; i < 5; i++) {
                assertEquals(200, c.nextResponse().get("status").asInt());
            }
            for (int i = 0; i < 10; i++) {
                JsonNode r = c.nextResponse();
                assertEquals(429, r.get("status").asInt());
                assertEquals(-1003, code(r));
            }
            assertEquals(1008, c.awaitClose());
        } finally {
            gw.close();
        }
    }

    @Test
    void policyClose1008_firstDeliversTheResponseOfEveryExecutedCommand() throws Exception {
        TestGateway gw = gateway(limits(null, null, 1, 50, 1000, null, null, null));
        try (RawWs raw = RawWs.connect(gw.port(), 0)) {
            ObjectNode logon = Signer.hmac(TestGateway.HMAC_KEY, TestGateway.HMAC_SECRET, gw.clock.get());
            ByteArrayOutputStream burst = new ByteArrayOutputStream();
            burst.write(RawWs.encode(true, 0x1, ("{\"id\":0,\"method\":\"session.logon\",\"params\":" + logon + "}")
                    .getBytes(StandardCharsets.UTF_8)));
            for (int i = 1; i <= 60; i++) {
                String t = "{\"id\":" + i + ",\"method\":\"transfer\",\"params\":{\"asset\":\"USDT\",\"amount\":\"1\","
                        + "\"from\":\"SPOT\",\"to\":\"CROSS_MARGIN\",\"clientTranId\":\"burst-" + i + "\"}}";
                burst.write(RawWs.encode(true, 0x1, t.getBytes(StandardCharsets.UTF_8)));
            }
            raw.sendBytes(burst.toByteArray());
            int ok = 0;
            int limited = 0;
            while (true) {
                RawWs.Frame f = raw.read();
                if (f.opcode() == 0x8) {
                    assertEquals(1008, f.closeCode());
                    break;
                }
                JsonNode r = ProtocolJson.mapper().readTree(f.text());
                if (r.get("id").asInt() == 0) {
                    continue;
                }
                if (r.get("status").asInt() == 200) {
                    ok++;
                } else {
                    assertEquals(429, r.get("status").asInt(), r.toString());
                    limited++;
                }
            }
            assertEquals(10, limited);
            try (WsRecorder c = WsRecorder.connect(gw.port())) {
                c.ok("session.logon", Signer.hmac(TestGateway.HMAC_KEY, TestGateway.HMAC_SECRET, gw.clock.get() + 1));
                int executed = c.ok("transfer.history", null).size();
                assertTrue(executed > 0);
                assertEquals(executed, ok, "every executed transfer was answered before the 1008 close");
            }
        } finally {
            gw.close();
        }
    }

    @Test
    void newConnections_overThePerIpRate_get429AtTheUpgrade_unlessTrusted() {
        TestGateway gw = gateway(limits(null, null, null, null, 2, null, null, null));
        try (WsRecorder a = WsRecorder.connect(gw.port()); WsRecorder b = WsRecorder.connect(gw.port());
             WsRecorder refused = WsRecorder.attempt(gw.port())) {
            assertEquals(429, refused.awaitRefusedStatus());
            assertEquals(200, a.call("ping", null).get("status").asInt());
            assertEquals(2, gw.server.sessions().size());
        } finally {
            gw.close();
        }
        TestGateway trusted = gateway(limits(null, null, null, null, 1, null, null, List.of("127.0.0.0/8")));
        try (WsRecorder a = WsRecorder.connect(trusted.port()); WsRecorder b = WsRecorder.connect(trusted.port())) {
            assertEquals(200, b.call("ping", null).get("status").asInt());
        } finally {
            trusted.close();
        }
    }

    @Test
    void maxConnections_refusesTheUpgradeWith503() {
        TestGateway gw = TestGateway.start(c -> c.withServer(new GatewayConfig.ServerConfig("127.0.0.1", 0, 2, 4096,
                null, null, null, 65_536, null)));
        try (WsRecorder a = WsRecorder.connect(gw.port()); WsRecorder b = WsRecorder.connect(gw.port());
             WsRecorder refused = WsRecorder.attempt(gw.port())) {
            assertEquals(503, refused.awaitRefusedStatus());
            assertEquals(200, b.call("ping", null).get("status").asInt());
        } finally {
            gw.close();
        }
    }

    @Test
    void failedLogons_banTheIp_418ThenNewConnectionsClosed1008() {
        TestGateway gw = gateway(limits(null, null, 1000, 1000, 1000, 2, null, null));
        try (WsRecorder c = WsRecorder.connect(gw.port())) {
            for (int i = 0; i < 3; i++) {
                assertEquals(-2015, code(c.call("session.logon", Signer.hmac("nobody", "x", gw.clock.get()))));
            }
            JsonNode r = c.call("ping", null);
            assertEquals(418, r.get("status").asInt());
            assertEquals(-1003, code(r));
            try (WsRecorder late = WsRecorder.connect(gw.port())) {
                assertEquals(1008, late.awaitClose());
            }
        } finally {
            gw.close();
        }
    }

    @Test
    void thousandsOfMalformedFrames_fromOneClient_leaveOthersServed() throws Exception {
        TestGateway gw = TestGateway.start(c -> c.withLimits(LimitsConfig.DEFAULT));
        try (RawWs attacker = RawWs.connect(gw.port(), 0); WsRecorder other = WsRecorder.connect(gw.port())) {
            ByteArrayOutputStream burst = new ByteArrayOutputStream();
            byte[] garbage = "{\"id\":1,\"method\":".getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 5000; i++) {
                burst.write(RawWs.encode(true, 0x1, garbage));
            }
            attacker.sendBytes(burst.toByteArray());
            assertEquals(200, other.call("ping", null).get("status").asInt());
            int malformed = 0;
            int limited = 0;
            while (true) {
                RawWs.Frame f = attacker.read();
                if (f.opcode() == 0x8) {
                    assertEquals(1008, f.closeCode());
                    break;
                }
                int code = code(ProtocolJson.mapper().readTree(f.text()));
                if (code == -1013) {
                    malformed++;
                } else {
                    assertEquals(-1003, code);
                    limited++;
                }
            }
            assertEquals(50, malformed);
            assertEquals(10, limited);
            assertEquals(200, other.call("time", null).get("status").asInt());
        } finally {
            gw.close();
        }
    }
}
