package io.marginstream.gateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginstream.protocol.ProtocolJson;
import io.marginstream.protocol.message.AccountStatusResult;
import io.marginstream.protocol.message.BalanceEntry;
import io.marginstream.protocol.message.CollectionResult;
import io.marginstream.protocol.message.FeedResult;
import io.marginstream.protocol.message.OrderResult;
import io.marginstream.protocol.message.PortfolioMarginResult;
import io.marginstream.protocol.message.PositionEntry;
import io.marginstream.protocol.message.RiskSettings;
import io.marginstream.protocol.message.TranIdResult;
import io.marginstream.protocol.message.TransferHistoryEntry;
import io.marginstream.protocol.message.TransferResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One wire shape per message: every result the engine answers over {@code /ws} decodes strictly (no unknown
 * field) into its {@code protocol.message} record, and that record encodes back to exactly the same JSON (no field
 * missing, same names, same decimals). So the engine's result records and the protocol's cannot drift apart.
 */
class WireShapesTest {
    private TestGateway gw;

    @BeforeEach
    void start() {
        gw = TestGateway.start();
    }

    @AfterEach
    void stop() {
        gw.close();
    }

    private static ObjectNode params() {
        return ProtocolJson.mapper().createObjectNode();
    }

    /** The result of {@code method}, checked against {@code type} (one record, or an array of them). */
    private static void sameShape(WsRecorder c, String method, ObjectNode p, Class<?> type) throws Exception {
        JsonNode result = c.ok(method, p);
        if (result.isArray()) {
            assertTrue(result.size() > 0, method + " returned no element to check");
            for (JsonNode element : result) {
                roundTrip(method, element, type);
            }
        } else {
            roundTrip(method, result, type);
        }
    }

    private static void roundTrip(String method, JsonNode wire, Class<?> type) throws Exception {
        Object decoded = ProtocolJson.mapper().treeToValue(wire, type);
        JsonNode again = ProtocolJson.mapper().readTree(ProtocolJson.toJson(decoded));
        assertEquals(wire, again, method + ": the engine's result and " + type.getSimpleName() + " differ");
    }

    @Test
    void everyEngineResult_isItsProtocolRecord_exactly() throws Exception {
        try (WsRecorder c = WsRecorder.connect(gw.port())) {
            c.ok("session.logon", Signer.hmac(TestGateway.HMAC_KEY, TestGateway.HMAC_SECRET, gw.clock.get()));
            sameShape(c, "account.status", null, AccountStatusResult.class);
            sameShape(c, "account.balance", null, BalanceEntry.class);
            sameShape(c, "account.balance", params().put("asset", "USDT"), BalanceEntry.class);
            sameShape(c, "account.positions", null, PositionEntry.class);
            sameShape(c, "account.riskSettings", null, RiskSettings.class);
            sameShape(c, "account.riskSettings.update", params().put("riskMultiplier", "1.1"), RiskSettings.class);
            sameShape(c, "transfer", params().put("asset", "USDT").put("amount", "1").put("from", "SPOT")
                    .put("to", "CROSS_MARGIN"), TransferResult.class);
            sameShape(c, "transfer.history", null, TransferHistoryEntry.class);
            sameShape(c, "autoCollection", null, CollectionResult.class);
            sameShape(c, "assetCollection", params().put("asset", "USDT"), CollectionResult.class);
            sameShape(c, "bnbTransfer", params().put("amount", "0.1").put("transferSide", "FROM_UM"),
                    TranIdResult.class);
            sameShape(c, "order.place", params().put("symbol", "ETHUSDT").put("side", "BUY").put("type", "MARKET")
                    .put("quantity", "0.01"), OrderResult.class);
            sameShape(c, "admin.deposit", params().put("accountId", "alice").put("asset", "USDT").put("amount", "1"),
                    TranIdResult.class);
            sameShape(c, "admin.feed", params().put("enabled", false), FeedResult.class);
        }
    }

    @Test
    void portfolioMarginModeChanges_areTheirProtocolRecord() throws Exception {
        try (WsRecorder c = WsRecorder.connect(gw.port())) {
            c.ok("session.logon", Signer.hmac(TestGateway.HMAC_KEY, TestGateway.HMAC_SECRET, gw.clock.get()));
            JsonNode rejected = c.call("account.portfolioMargin.enable", null);
            assertEquals(-5006, rejected.get("error").get("code").asInt(), rejected.toString());
            assertTrue(rejected.get("error").get("msg").asText().startsWith("The account is"), rejected.toString());
            for (JsonNode p : c.ok("account.positions", null)) {
                String side = p.get("positionAmt").asText().startsWith("-") ? "BUY" : "SELL";
                c.ok("order.place", params().put("symbol", p.get("symbol").asText()).put("side", side)
                        .put("type", "MARKET").put("quantity", p.get("positionAmt").asText().replace("-", ""))
                        .put("reduceOnly", true));
            }
            sameShape(c, "account.portfolioMargin.disable", null, PortfolioMarginResult.class);
            sameShape(c, "account.portfolioMargin.enable", null, PortfolioMarginResult.class);
        }
    }

    @Test
    void everyOrderResult_isItsProtocolRecord_exactly() throws Exception {
        try (WsRecorder c = WsRecorder.connect(gw.port())) {
            c.ok("session.logon", Signer.hmac(TestGateway.HMAC_KEY, TestGateway.HMAC_SECRET, gw.clock.get()));
            sameShape(c, "order.place", params().put("symbol", "BTCUSDT").put("side", "BUY").put("type", "LIMIT")
                    .put("quantity", "0.01").put("price", "30000").put("timeInForce", "GTC")
                    .put("newClientOrderId", "shape-1"), OrderResult.class);
            sameShape(c, "order.place", params().put("symbol", "BTCUSDT").put("side", "BUY")
                    .put("type", "STOP_MARKET").put("quantity", "0.01").put("stopPrice", "90000"), OrderResult.class);
            sameShape(c, "openOrders", null, OrderResult.class);
            sameShape(c, "openOrders", params().put("symbol", "BTCUSDT"), OrderResult.class);
            sameShape(c, "order.query", params().put("symbol", "BTCUSDT").put("origClientOrderId", "shape-1"),
                    OrderResult.class);
            sameShape(c, "order.cancel", params().put("symbol", "BTCUSDT").put("origClientOrderId", "shape-1"),
                    OrderResult.class);
            sameShape(c, "order.cancelAll", params().put("symbol", "BTCUSDT"), OrderResult.class);
            sameShape(c, "allOrders", params().put("limit", 10), OrderResult.class);
        }
    }
}
