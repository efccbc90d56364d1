package io.marginstream.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginstream.protocol.ProtocolJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static io.marginstream.gateway.it.AuthTest.streams;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every §4 engine method over the wire against the real engine: happy path and its errors. */
class CommandsTest {
    static TestGateway gw;
    static final AtomicLong skew = new AtomicLong();

    @BeforeAll
    static void start() {
        gw = TestGateway.start();
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    static WsRecorder alice() {
        WsRecorder c = WsRecorder.connect(gw.port());
        c.ok("session.logon", Signer.hmac(TestGateway.HMAC_KEY, TestGateway.HMAC_SECRET,
                gw.clock.get() - skew.incrementAndGet()));
        return c;
    }

    static ObjectNode p() {
        return ProtocolJson.mapper().createObjectNode();
    }

    static int code(JsonNode r) {
        return r.path("error").path("code").asInt();
    }

    @Test
    void accountReads() {
        try (WsRecorder c = alice()) {
            JsonNode status = c.ok("account.status", null);
            assertTrue(status.has("uniMMR") && status.has("accountEquity") && status.has("accountStatus"), status.toString());
            assertTrue(status.get("portfolioMargin").asBoolean());
            JsonNode balances = c.ok("account.balance", null);
            assertTrue(balances.isArray() && balances.size() >= 3, balances.toString());
            JsonNode usdt = c.ok("account.balance", p().put("asset", "USDT"));
            assertEquals("USDT", usdt.get("asset").asText());
            JsonNode positions = c.ok("account.positions", null);
            assertEquals("BTCUSDT", positions.get(0).get("symbol").asText());
            assertEquals(0, c.ok("account.positions", p().put("symbol", "ETHUSDT")).size());
            assertEquals(-1104, code(c.call("account.status", p().put("asset", "USDT"))));
        }
    }

    @Test
    void riskSettings_readAndUpdate_andOutOfRangeIs1130() {
        try (WsRecorder c = alice()) {
            assertTrue(c.ok("account.riskSettings", null).has("riskMultiplier"));
            JsonNode updated = c.ok("account.riskSettings.update", p().put("riskMultiplier", "1.2"));
            assertEquals(0, new java.math.BigDecimal(updated.get("riskMultiplier").asText())
                    .compareTo(new java.math.BigDecimal("1.2")));
            assertEquals(-1130, code(c.call("account.riskSettings.update", p().put("riskMultiplier", "2"))));
            assertEquals(-1111, code(c.call("account.riskSettings.update", p().put("riskMultiplier", "1.000000001"))));
            c.ok("account.riskSettings.update", p().put("riskMultiplier", "1"));
        }
    }

    @Test
    void transfer_happyPath_idempotency_andErrors() {
        try (WsRecorder c = alice()) {
            ObjectNode t = p().put("asset", "USDT").put("amount", "10").put("from", "SPOT").put("to", "CROSS_MARGIN")
                    .put("clientTranId", "ct-1");
            JsonNode first = c.ok("transfer", t.deepCopy());
            assertEquals("CONFIRMED", first.get("status").asText());
            assertEquals(first.get("tranId"), c.ok("transfer", t.deepCopy()).get("tranId"));
            JsonNode reused = c.call("transfer", t.deepCopy().put("amount", "11"));
            assertEquals(409, reused.get("status").asInt());
            assertEquals(-5002, code(reused));
            assertEquals(-5001, code(c.call("transfer", p().put("asset", "USDT").put("amount", "1").put("from", "SPOT")
                    .put("to", "UM"))));
            assertEquals(-2018, code(c.call("transfer", p().put("asset", "USDT").put("amount", "99999999")
                    .put("from", "SPOT").put("to", "CROSS_MARGIN"))));
            assertEquals(-1102, code(c.call("transfer", p().put("amount", "1").put("from", "UM").put("to", "CM"))));
            assertEquals(-1111, code(c.call("transfer", p().put("asset", "USDT").put("amount", "0.000000001")
                    .put("from", "UM").put("to", "CROSS_MARGIN"))));
            assertEquals(-1130, code(c.call("transfer", t.deepCopy().put("clientTranId", "x".repeat(37)))));
            JsonNode history = c.ok("transfer.history", p().put("limit", 5));
            assertTrue(history.size() >= 1, history.toString());
            assertEquals(-1130, code(c.call("transfer.history", p().put("limit", 501))));
        }
    }

    @Test
    void collections_andBnbTransfer() {
        try (WsRecorder c = alice()) {
            JsonNode auto = c.ok("autoCollection", null);
            assertEquals("success", auto.get("msg").asText());
            assertTrue(auto.get("usedToday").asInt() >= 1);
            assertEquals(-5001, code(c.call("assetCollection", p().put("asset", "BNB"))));
            assertEquals(200, c.call("assetCollection", p().put("asset", "USDT")).get("status").asInt());
            JsonNode bnb = c.ok("bnbTransfer", p().put("amount", "0.5").put("transferSide", "FROM_UM"));
            assertTrue(bnb.has("tranId"));
        }
    }

    @Test
    void orders_fill_andBadOnesAreRejected() {
        try (WsRecorder c = alice()) {
            JsonNode order = c.ok("order.place", p().put("symbol", "ETHUSDT").put("side", "SELL").put("type", "MARKET")
                    .put("quantity", "0.01").put("newClientOrderId", "my-1"));
            assertEquals("FILLED", order.get("status").asText());
            assertEquals("my-1", order.get("clientOrderId").asText());
            assertEquals(-1102, code(c.call("order.place", p().put("symbol", "ETHUSDT").put("side", "SELL")
                    .put("type", "LIMIT").put("quantity", "0.01"))));
            assertEquals(-1130, code(c.call("order.place", p().put("symbol", "ETHUSDT").put("side", "SELL")
                    .put("type", "OCO").put("quantity", "0.01"))));
            assertEquals(-1121, code(c.call("order.place", p().put("symbol", "DOGEUSDT").put("side", "SELL")
                    .put("type", "MARKET").put("quantity", "1"))));
            c.ok("order.place", p().put("symbol", "ETHUSDT").put("side", "BUY").put("type", "MARKET")
                    .put("quantity", "0.01").put("reduceOnly", true));
        }
    }

    @Test
    void portfolioMargin_disableNeedsNoPositions() {
        try (WsRecorder c = alice()) {
            assertEquals(-5006, code(c.call("account.portfolioMargin.disable", null)));
        }
    }

    @Test
    void admin_depositAndMarkPrice_streamToSubscribers() {
        try (WsRecorder c = alice(); WsRecorder watcher = alice()) {
            watcher.ok("subscribe", streams("userData", "markPrice@BTCUSDT", "marginRatio").put("intervalMs", 0));
            JsonNode dep = c.ok("admin.deposit", p().put("accountId", "alice").put("asset", "USDT").put("amount", "5"));
            assertTrue(dep.has("tranId"));
            JsonNode ev = watcher.nextEvent("userData").get("data");
            assertTrue(ev.has("U"), ev.toString());
            c.ok("admin.setMarkPrice", p().put("symbol", "BTCUSDT").put("price", "61000"));
            JsonNode mark = watcher.next(m -> m.path("stream").asText().equals("markPrice@BTCUSDT")
                    && m.get("data").get("p").asText().equals("61000.00000000"), "the new mark");
            assertEquals("markPriceUpdate", mark.get("data").get("e").asText());
            c.ok("admin.setMarkPrice", p().put("symbol", "BTCUSDT").put("price", "61500"));
            JsonNode ratio = watcher.nextEvent("marginRatio").get("data");
            assertEquals("marginRatio", ratio.get("e").asText());
            assertEquals(-1130, code(c.call("admin.deposit", p().put("accountId", "nobody").put("asset", "USDT")
                    .put("amount", "5"))));
            assertEquals(false, c.ok("admin.feed", p().put("enabled", false)).get("enabled").asBoolean());
        }
    }

    @Test
    void classicAccount_cannotSubscribeToMarginRatio() {
        TestGateway classic = TestGateway.start(cfg -> cfg.withAccounts(java.util.List.of(
                new io.marginstream.gateway.config.GatewayConfig.AccountConfig("carol", 0, false,
                        java.util.List.of(new io.marginstream.gateway.config.GatewayConfig.KeyConfig("carol-key", "cs",
                                null, java.util.List.of("READ", "TRADE"), null, null)),
                        java.util.Map.of("SPOT", java.util.Map.of("USDT", java.math.BigDecimal.TEN)),
                        java.util.List.of()))));
        try (WsRecorder c = WsRecorder.connect(classic.port())) {
            c.ok("session.logon", Signer.hmac("carol-key", "cs", classic.clock.get()));
            assertEquals(-5006, code(c.call("subscribe", streams("marginRatio"))));
            assertEquals("[\"userData\"]", c.ok("subscribe", streams("userData")).get("subscribed").toString());
            assertEquals(-5005, code(c.call("account.portfolioMargin.enable", null)), "vip 0 and 10 USDT");
            assertEquals(-5006, code(c.call("order.place", p().put("symbol", "BTCUSDT").put("side", "BUY")
                    .put("type", "MARKET").put("quantity", "0.001"))));
        } finally {
            classic.close();
        }
    }

    @Test
    void adminMethods_areUnknownWhenDisabled() {
        TestGateway off = TestGateway.start(cfg -> cfg.withAdmin(new io.marginstream.gateway.config.GatewayConfig
                .AdminConfig(false)));
        try (WsRecorder c = WsRecorder.connect(off.port())) {
            c.ok("session.logon", Signer.hmac(TestGateway.HMAC_KEY, TestGateway.HMAC_SECRET, off.clock.get()));
            JsonNode r = c.call("admin.feed", p().put("enabled", false));
            assertEquals(-1020, code(r));
            assertEquals("Unknown method 'admin.feed'.", r.get("error").get("msg").asText());
        } finally {
            off.close();
        }
    }

    @Test
    void everyUserDataEvent_carriesU_consecutively_acrossTransfersAndOrders() {
        try (WsRecorder c = alice()) {
            c.ok("subscribe", streams("userData"));
            c.send("transfer", p().put("asset", "USDT").put("amount", "1").put("from", "SPOT").put("to", "CROSS_MARGIN"));
            for (String side : new String[] {"BUY", "SELL"}) {
                c.send("order.place", p().put("symbol", "ETHUSDT").put("side", side).put("type", "MARKET")
                        .put("quantity", "0.01"));
            }
            long lastU = -1;
            int responses = 0;
            java.util.Set<String> types = new java.util.TreeSet<>();
            while (responses < 3) {
                JsonNode m = c.next(x -> true, "a message");
                if (m.has("status")) {
                    assertEquals(200, m.get("status").asInt(), m.toString());
                    responses++;
                    continue;
                }
                if (!m.get("stream").asText().equals("userData")) {
                    continue;
                }
                JsonNode data = m.get("data");
                types.add(data.get("e").asText());
                assertTrue(data.has("U"), "every userData event carries U: " + data);
                long u = data.get("U").asLong();
                if (lastU >= 0) {
                    assertEquals(lastU + 1, u, "no false gap: " + data);
                }
                lastU = u;
            }
            assertTrue(types.containsAll(java.util.List.of("balanceUpdate", "outboundAccountPosition",
                    "transferUpdate", "ORDER_TRADE_UPDATE", "ACCOUNT_UPDATE")), types.toString());
        }
    }

    @Test
    void aCommandsEvents_alwaysPrecedeItsResponse_evenWhenTheEngineAnswersAtOnce() {
        try (WsRecorder c = alice()) {
            c.ok("subscribe", streams("userData"));
            int orders = 300;
            java.util.Map<Long, String> clientIds = new java.util.HashMap<>();
            for (int i = 0; i < orders; i++) {
                String coid = "race-" + i;
                long id = c.send("order.place", p().put("symbol", "ETHUSDT").put("side", i % 2 == 0 ? "BUY" : "SELL")
                        .put("type", "MARKET").put("quantity", "0.01").put("newClientOrderId", coid));
                clientIds.put(id, coid);
            }
            java.util.Set<String> filled = new java.util.HashSet<>();
            for (int answered = 0; answered < orders; ) {
                JsonNode m = c.next(x -> true, "a message");
                if (m.has("status")) {
                    assertEquals(200, m.get("status").asInt(), m.toString());
                    String coid = clientIds.get(m.get("id").asLong());
                    assertTrue(filled.contains(coid), "the response to " + coid + " came before its ORDER_TRADE_UPDATE");
                    answered++;
                } else if (m.path("data").path("e").asText().equals("ORDER_TRADE_UPDATE")) {
                    filled.add(m.get("data").get("o").get("c").asText());
                }
            }
        }
    }
}
