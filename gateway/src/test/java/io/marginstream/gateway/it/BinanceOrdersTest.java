package io.marginstream.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginstream.protocol.ProtocolJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.marginstream.gateway.it.BinanceRestTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The order routes of §12 on the Binance-compatible REST surface, over real HTTP against the real gateway: every
 * type placed, the queries in Binance's shapes and orders, cancels, a LIMIT filled by a mark moved over {@code /ws},
 * the {@code cm} twins, weights, and Binance's error codes. Alice holds 1 BTCUSDT long at 60000.
 */
class BinanceOrdersTest {
    private TestGateway gw;
    private Rest alice;

    @BeforeEach
    void start() {
        gw = TestGateway.start(c -> c);
        alice = new Rest(gw.port(), TestGateway.HMAC_KEY, TestGateway.HMAC_SECRET);
    }

    @AfterEach
    void stop() {
        gw.close();
    }

    private long now() {
        return gw.clock.get();
    }

    private JsonNode ok(String method, String path, String query) {
        return alice.ok(method, path, query, now());
    }

    private void mark(String symbol, String price) {
        try (WsRecorder c = WsRecorder.connect(gw.port())) {
            c.ok("session.logon", Signer.hmac(TestGateway.HMAC_KEY, TestGateway.HMAC_SECRET, now()));
            ObjectNode p = ProtocolJson.mapper().createObjectNode().put("symbol", symbol).put("price", price);
            c.ok("admin.setMarkPrice", p);
        }
    }

    private static List<Long> ids(JsonNode list) {
        List<Long> out = new ArrayList<>();
        list.forEach(o -> out.add(o.get("orderId").asLong()));
        return out;
    }

    @Test
    void limitOrder_placed_listed_queried_andFilledByTheMark_inBinanceShapes() {
        java.math.BigDecimal imBefore = new java.math.BigDecimal(ok("GET", "/papi/v1/account", "")
                .get("accountInitialMargin").asText());
        JsonNode placed = ok("POST", "/papi/v1/um/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC"
                + "&quantity=0.5&price=59000&newClientOrderId=dip-1&newOrderRespType=RESULT");
        assertEquals("NEW", placed.get("status").asText());
        assertEquals("LIMIT", placed.get("type").asText());
        assertEquals("GTC", placed.get("timeInForce").asText());
        assertEquals("59000.00000000", placed.get("price").asText());
        assertEquals("0.50000000", placed.get("origQty").asText());
        assertEquals("0.00000000", placed.get("executedQty").asText());
        long id = placed.get("orderId").asLong();
        JsonNode ack = ok("POST", "/papi/v1/um/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC"
                + "&quantity=0.1&price=58000");
        assertEquals("NEW", ack.get("status").asText());

        JsonNode open = ok("GET", "/papi/v1/um/openOrders", "symbol=BTCUSDT");
        assertEquals(List.of(id, ack.get("orderId").asLong()), ids(open));
        JsonNode first = open.get(0);
        assertEquals("dip-1", first.get("clientOrderId").asText());
        assertEquals("LIMIT", first.get("origType").asText());
        assertEquals("BOTH", first.get("positionSide").asText());
        assertEquals("MARK_PRICE", first.get("workingType").asText());
        assertTrue(first.get("time").isIntegralNumber() && first.get("updateTime").isIntegralNumber());
        assertTrue(first.get("reduceOnly").isBoolean());
        assertEquals("0.00000000", first.get("cumQuote").asText());
        assertNull(first.get("cumBase"));
        assertEquals(first, ok("GET", "/papi/v1/um/openOrder", "symbol=BTCUSDT&origClientOrderId=dip-1"));
        assertEquals(first, ok("GET", "/papi/v1/um/order", "symbol=BTCUSDT&orderId=" + id));
        // the IM the two BUYs hold (they add to the long) shows in the PM account: 0.051 × (29500 + 5800) = 1800.3
        java.math.BigDecimal imAfter = new java.math.BigDecimal(ok("GET", "/papi/v1/account", "")
                .get("accountInitialMargin").asText());
        assertEquals(0, new java.math.BigDecimal("1800.3").compareTo(imAfter.subtract(imBefore)),
                imAfter + " - " + imBefore);

        mark("BTCUSDT", "58999");
        JsonNode filled = ok("GET", "/papi/v1/um/order", "symbol=BTCUSDT&orderId=" + id);
        assertEquals("FILLED", filled.get("status").asText());
        assertEquals("0.50000000", filled.get("executedQty").asText());
        assertEquals("59000.00000000", filled.get("avgPrice").asText());
        assertEquals("29500.00000000", filled.get("cumQuote").asText());
        assertError(alice.signed("GET", "/papi/v1/um/openOrder", "symbol=BTCUSDT&orderId=" + id, now()), 400, -2013,
                "FILLED");
        assertEquals(List.of(ack.get("orderId").asLong()), ids(ok("GET", "/papi/v1/um/openOrders", "")));
    }

    @Test
    void cancel_byIdOrClientId_andAllOpenOrders_andAllOrdersAscends() {
        long a = ok("POST", "/papi/v1/um/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.1"
                + "&price=50000&newClientOrderId=a").get("orderId").asLong();
        long b = ok("POST", "/papi/v1/um/order", "symbol=BTCUSDT&side=SELL&type=STOP_MARKET&stopPrice=55000"
                + "&closePosition=true").get("orderId").asLong();
        long c = ok("POST", "/papi/v1/um/order", "symbol=ETHUSDT&side=SELL&type=LIMIT&timeInForce=GTX&quantity=1"
                + "&price=3500").get("orderId").asLong();
        long d = ok("POST", "/papi/v1/um/order", "symbol=BTCUSDT&side=SELL&type=TAKE_PROFIT_MARKET&stopPrice=65000"
                + "&quantity=0.5&reduceOnly=true").get("orderId").asLong();

        JsonNode canceled = ok("DELETE", "/papi/v1/um/order", "symbol=BTCUSDT&orderId=" + a);
        assertEquals("CANCELED", canceled.get("status").asText());
        assertEquals("a", canceled.get("clientOrderId").asText());
        assertError(alice.signed("DELETE", "/papi/v1/um/order", "symbol=BTCUSDT&orderId=" + a, now()), 400, -2011,
                "Unknown order");
        assertError(alice.signed("DELETE", "/papi/v1/um/order", "symbol=BTCUSDT", now()), 400, -1102, "orderId");
        JsonNode all = ok("DELETE", "/papi/v1/um/allOpenOrders", "symbol=BTCUSDT");
        assertEquals(200, all.get("code").asInt());
        assertEquals("The operation of cancel all open order is done.", all.get("msg").asText());
        assertEquals(List.of(c), ids(ok("GET", "/papi/v1/um/openOrders", "")));

        JsonNode history = ok("GET", "/papi/v1/um/allOrders", "symbol=BTCUSDT");
        assertEquals(List.of(a, b, d), ids(history));
        history.forEach(o -> assertEquals("CANCELED", o.get("status").asText()));
        assertEquals("STOP_MARKET", history.get(1).get("type").asText());
        assertEquals("55000.00000000", history.get(1).get("stopPrice").asText());
        assertTrue(history.get(1).get("closePosition").asBoolean());
        assertEquals(List.of(b, d), ids(ok("GET", "/papi/v1/um/allOrders", "symbol=BTCUSDT&orderId=" + b)));
        assertEquals(List.of(a), ids(ok("GET", "/papi/v1/um/allOrders", "symbol=BTCUSDT&orderId=" + a
                + "&limit=1")));
        assertEquals(List.of(b, d), ids(ok("GET", "/papi/v1/um/allOrders", "symbol=BTCUSDT&limit=2")));
    }

    @Test
    void cmTwins_takeCmSymbols_andAnswerInCoin() {
        JsonNode placed = ok("POST", "/papi/v1/cm/order", "symbol=BTCUSD_PERP&side=BUY&type=LIMIT&timeInForce=GTC"
                + "&quantity=10&price=50000&newOrderRespType=RESULT");
        assertEquals("BTCUSD", placed.get("pair").asText());
        JsonNode open = ok("GET", "/papi/v1/cm/openOrders", "");
        assertEquals(1, open.size());
        assertEquals("BTCUSD", open.get(0).get("pair").asText());
        assertNull(open.get(0).get("cumQuote"));
        assertEquals(0, ok("GET", "/papi/v1/um/openOrders", "").size());
        assertError(alice.signed("GET", "/papi/v1/cm/openOrders", "symbol=BTCUSDT", now()), 400, -1121, "CM");
        assertError(alice.signed("DELETE", "/papi/v1/um/order", "symbol=BTCUSD_PERP&orderId="
                + placed.get("orderId").asLong(), now()), 400, -1121, "UM");
        mark("BTCUSD_PERP", "49000");
        JsonNode filled = ok("GET", "/papi/v1/cm/allOrders", "symbol=BTCUSD_PERP").get(0);
        assertEquals("FILLED", filled.get("status").asText());
        // 10 contracts × 100 USD at 50000: 0.02 BTC
        assertEquals("0.02000000", filled.get("cumBase").asText());
        assertEquals(200, ok("DELETE", "/papi/v1/cm/allOpenOrders", "symbol=BTCUSD_PERP").get("code").asInt());
    }

    @Test
    void openOrders_weighForty_withoutSymbol_andOnlyPlacingCountsAsAnOrder() {
        Rest.Answer with = alice.signed("GET", "/papi/v1/um/openOrders", "symbol=BTCUSDT", now());
        Rest.Answer without = alice.signed("GET", "/papi/v1/um/openOrders", "", now());
        int used = Integer.parseInt(with.header("X-MBX-USED-WEIGHT-1M"));
        assertEquals(used + 40, Integer.parseInt(without.header("X-MBX-USED-WEIGHT-1M")));
        Rest.Answer place = alice.signed("POST", "/papi/v1/um/order", "symbol=BTCUSDT&side=BUY&type=LIMIT"
                + "&timeInForce=GTC&quantity=0.1&price=50000&newClientOrderId=w", now());
        assertEquals(200, place.status());
        assertEquals("1", place.header("X-MBX-ORDER-COUNT-1M"));
        Rest.Answer cancel = alice.signed("DELETE", "/papi/v1/um/order", "symbol=BTCUSDT&origClientOrderId=w",
                now());
        assertEquals(200, cancel.status());
        assertNull(cancel.header("X-MBX-ORDER-COUNT-1M"));
    }

    @Test
    void badOrders_answerBinanceErrors_andChangeNothing() {
        String order = "/papi/v1/um/order";
        assertError(alice.signed("POST", order, "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTX&quantity=0.1"
                + "&price=61000", now()), 400, -5022, "Post Only");
        assertError(alice.signed("POST", order, "symbol=BTCUSDT&side=SELL&type=STOP_MARKET&stopPrice=61000"
                + "&quantity=0.1", now()), 400, -2021, "immediately trigger");
        assertError(alice.signed("POST", order, "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.1"
                + "&price=50000&reduceOnly=true", now()), 400, -2022, "ReduceOnly");
        assertError(alice.signed("POST", order, "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTD&quantity=0.1"
                + "&price=50000", now()), 400, -1130, "GTD");
        assertError(alice.signed("POST", order, "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.1&price=50000",
                now()), 400, -1102, "timeInForce");
        assertError(alice.signed("POST", order, "symbol=BTCUSDT&side=BUY&type=TRAILING_STOP_MARKET&quantity=0.1",
                now()), 400, -1116, "TAKE_PROFIT_MARKET");
        assertError(alice.signed("POST", order, "symbol=BTCUSDT&side=SELL&type=STOP_MARKET&stopPrice=50000"
                + "&quantity=0.1&workingType=CONTRACT_PRICE", now()), 400, -1130, "workingType");
        assertError(alice.signed("POST", order, "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.1&price=50000",
                now()), 400, -1106, "price");
        assertError(alice.signed("GET", order, "symbol=BTCUSDT&orderId=424242", now()), 400, -2013, "not exist");
        assertError(alice.signed("GET", "/papi/v1/um/allOrders", "", now()), 400, -1102, "symbol");
        assertError(alice.signed("GET", "/papi/v1/um/allOrders", "symbol=BTCUSDT&limit=1001", now()), 400, -1130,
                "limit");
        assertError(new Rest(gw.port(), "nobody", "x").signed("DELETE", order, "symbol=BTCUSDT&orderId=1", now()),
                401, -2015, "API-key");
        assertEquals(0, ok("GET", "/papi/v1/um/openOrders", "").size());
        assertFalse(ok("GET", "/papi/v1/um/allOrders", "symbol=BTCUSDT").elements().hasNext());
    }
}
