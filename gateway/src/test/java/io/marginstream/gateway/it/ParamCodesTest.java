package io.marginstream.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginstream.protocol.ProtocolJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The params codes of PROTOCOL.md §2 over the wire, now that the protocol's params records read every request:
 * the record answers for form, kind and the ranges the contract fixes; the engine for what needs its state.
 */
class ParamCodesTest {
    static TestGateway gw;
    /** A fresh timestamp per logon, so no signature repeats (§3 replay). */
    static final AtomicLong skew = new AtomicLong();

    @BeforeAll
    static void start() {
        gw = TestGateway.start();
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    private static ObjectNode p() {
        return ProtocolJson.mapper().createObjectNode();
    }

    private static JsonNode error(WsRecorder c, String method, ObjectNode params, int code, String naming) {
        JsonNode r = c.call(method, params);
        assertEquals(code, r.path("error").path("code").asInt(), method + " " + params + " -> " + r);
        assertTrue(r.path("error").path("msg").asText().contains(naming), r.toString());
        return r;
    }

    private static WsRecorder alice() {
        WsRecorder c = WsRecorder.connect(gw.port());
        c.ok("session.logon", Signer.hmac(TestGateway.HMAC_KEY, TestGateway.HMAC_SECRET, gw.clock.get() - skew.incrementAndGet()));
        return c;
    }

    @Test
    void formIsTheRecords_knownNamesAreTheEngines() {
        try (WsRecorder c = alice()) {
            ObjectNode t = p().put("amount", "1").put("from", "SPOT").put("to", "CROSS_MARGIN");
            error(c, "transfer", t.deepCopy().put("asset", "usdt"), -1130, "'asset'");
            error(c, "transfer", t.deepCopy().put("asset", "NOPE"), -5001, "NOPE");
            error(c, "transfer", t.deepCopy().put("asset", "USDT").put("amount", "1.000000001"), -1111, "amount");
            error(c, "transfer", t.deepCopy().put("asset", "USDT").put("from", "FUNDING"), -1130, "'from'");
            error(c, "transfer", t.deepCopy().put("asset", "USDT").put("memo", "x"), -1104, "'memo'");
            error(c, "transfer", t.deepCopy().put("asset", ""), -1102, "'asset'");
            error(c, "assetCollection", p().put("asset", "eth"), -1130, "'asset'");
            error(c, "transfer.history", p().put("startTime", -1), -1130, "'startTime'");

            ObjectNode o = p().put("symbol", "BTCUSDT").put("side", "BUY").put("type", "MARKET").put("quantity", "0.001");
            error(c, "order.place", o.deepCopy().put("newClientOrderId", "autoclose-1"), -1130, "'newClientOrderId'");
            error(c, "order.place", o.deepCopy().put("symbol", "NOPEUSDT"), -1121, "NOPEUSDT");
            error(c, "order.place", o.deepCopy().put("symbol", "btc usdt"), -1121, "symbol");
            error(c, "order.place", o.deepCopy().put("icebergQty", "1"), -1104, "'icebergQty'");
            error(c, "order.place", o.deepCopy().put("price", "1"), -1106, "'price'");
            error(c, "order.cancel", p().put("symbol", "BTCUSDT").put("orderId", 0), -1130, "'orderId'");
            error(c, "order.query", p().put("symbol", "BTCUSDT").put("origClientOrderId", "a b"), -1130,
                    "'origClientOrderId'");
            error(c, "allOrders", p().put("startTime", 5).put("endTime", 4), -1130, "'startTime'");
        }
    }

    @Test
    void riskSettingBounds_areEngineMd6() {
        try (WsRecorder c = alice()) {
            ObjectNode low = p();
            low.putArray("alertThresholds").add("0.5").add("1.2");
            JsonNode set = c.ok("account.riskSettings.update", low);
            assertEquals(2, set.get("alertThresholds").size(), set.toString());
            ObjectNode nine = p();
            nine.putArray("alertThresholds").add(1).add(2).add(3).add(4).add(5).add(6).add(7).add(8).add(9);
            error(c, "account.riskSettings.update", nine, -1130, "'alertThresholds'");
            ObjectNode excluded = p();
            excluded.putArray("excludedSymbols").add("btcusdt");
            error(c, "account.riskSettings.update", excluded, -1130, "'excludedSymbols'");
            ObjectNode reset = p();
            reset.putArray("alertThresholds").add("1.10").add("1.05").add("1.01");
            c.ok("account.riskSettings.update", reset);
        }
    }

    @Test
    void sessionMethods_readTheirRecords() {
        long now = gw.clock.get();
        try (WsRecorder c = WsRecorder.connect(gw.port())) {
            ObjectNode zero = Signer.logonParams(TestGateway.HMAC_KEY, now).put("recvWindow", 0).put("signature", "00");
            error(c, "session.logon", zero, -1130, "'recvWindow'");
            error(c, "session.logon", Signer.logonParams("bad key with spaces", now), -1102, "'signature'");
            ObjectNode empty = p();
            empty.putArray("streams").add("markPrice@");
            error(c, "subscribe", empty, -1130, "'streams'");
            ObjectNode unknown = p();
            unknown.putArray("streams").add("markPrice@NOPE");
            error(c, "subscribe", unknown, -1121, "NOPE");
            assertEquals(1, c.ok("subscribe", p().set("streams", p().arrayNode().add("markPrice@BTCUSDT")))
                    .get("subscribed").size());
        }
    }
}
