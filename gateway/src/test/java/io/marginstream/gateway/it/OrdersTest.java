package io.marginstream.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginstream.protocol.ProtocolJson;
import io.marginstream.protocol.message.StreamEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static io.marginstream.gateway.it.AuthTest.streams;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * §12 over {@code /ws} against the real engine: placing every type, the lifecycle events on {@code userData}, the
 * queries, cancels, and the error codes. Alice holds 1 BTCUSDT long at 60000; marks start at the defaults.
 */
class OrdersTest {
    private TestGateway gw;

    @BeforeEach
    void start() {
        gw = TestGateway.start();
    }

    @AfterEach
    void stop() {
        gw.close();
    }

    private WsRecorder alice() {
        WsRecorder c = WsRecorder.connect(gw.port());
        c.ok("session.logon", Signer.hmac(TestGateway.HMAC_KEY, TestGateway.HMAC_SECRET, gw.clock.get()));
        return c;
    }

    private static ObjectNode p() {
        return ProtocolJson.mapper().createObjectNode();
    }

    private static ObjectNode limit(String side, String qty, String price, String tif) {
        return p().put("symbol", "BTCUSDT").put("side", side).put("type", "LIMIT").put("quantity", qty)
                .put("price", price).put("timeInForce", tif);
    }

    private static int code(JsonNode r) {
        return r.path("error").path("code").asInt();
    }

    /**
     * Sends a request and returns its result, appending to {@code events} the {@code data} of every
     * {@code userData} event that arrives before the response (an event decodes as the protocol's and carries
     * {@code U}).
     */
    private static JsonNode ok(WsRecorder c, String method, ObjectNode params, List<JsonNode> events)
            throws Exception {
        long id = c.send(method, params);
        while (true) {
            JsonNode m = c.next(x -> true, "a message");
            if (m.has("status")) {
                assertEquals(id, m.get("id").asLong(), m.toString());
                assertEquals(200, m.get("status").asInt(), m.toString());
                return m.get("result");
            }
            if (m.path("stream").asText().equals("userData")) {
                assertInstanceOf(StreamEvent.class, ProtocolJson.mapper().treeToValue(m.get("data"),
                        StreamEvent.class));
                assertTrue(m.get("data").has("U"), m.toString());
                events.add(m.get("data"));
            }
        }
    }

    /** The {@code o} of the {@code ORDER_TRADE_UPDATE}s among {@code events}. */
    private static List<JsonNode> orderSteps(List<JsonNode> events) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode e : events) {
            if (e.get("e").asText().equals("ORDER_TRADE_UPDATE")) {
                out.add(e.get("o"));
            }
        }
        return out;
    }

    @Test
    void limitOrder_rests_isListed_thenFillsWhenTheMarkCrossesIt_withItsEvents() throws Exception {
        try (WsRecorder c = alice()) {
            c.ok("subscribe", streams("userData"));
            List<JsonNode> events = new ArrayList<>();
            JsonNode placed = ok(c, "order.place", limit("BUY", "0.5", "59000", "GTC")
                    .put("newClientOrderId", "dip-1"), events);
            assertEquals("NEW", placed.get("status").asText());
            assertEquals("dip-1", placed.get("clientOrderId").asText());
            assertEquals("59000.00000000", placed.get("price").asText());
            assertEquals("0.50000000", placed.get("origQty").asText());
            assertEquals("0.00000000", placed.get("executedQty").asText());
            assertEquals("GTC", placed.get("timeInForce").asText());
            assertFalse(placed.get("reduceOnly").asBoolean());
            assertTrue(placed.get("time").isIntegralNumber());
            long id = placed.get("orderId").asLong();

            assertEquals(1, events.size(), events.toString());
            JsonNode accepted = orderSteps(events).get(0);
            assertEquals(List.of("NEW", "NEW", "dip-1", "LIMIT", "GTC"), List.of(accepted.get("x").asText(),
                    accepted.get("X").asText(), accepted.get("c").asText(), accepted.get("o").asText(),
                    accepted.get("f").asText()));
            assertEquals(id, accepted.get("i").asLong());

            JsonNode open = c.ok("openOrders", p().put("symbol", "BTCUSDT"));
            assertEquals(1, open.size());
            assertEquals(placed, open.get(0));
            // 0.051 × 0.5 × 59000 = 1504.5
            JsonNode status = c.ok("account.status", null);
            assertEquals("1504.50000000", status.get("openOrderInitialMargin").asText());
            assertEquals("0.00000000", status.get("totalMarginOpenLoss").asText());

            events.clear();
            ok(c, "admin.setMarkPrice", p().put("symbol", "BTCUSDT").put("price", "58999"), events);
            assertEquals(List.of("ORDER_TRADE_UPDATE", "ACCOUNT_UPDATE"), events.stream().map(e -> e.get("e").asText())
                    .toList());
            assertEquals(events.get(0).get("U").asLong() + 1, events.get(1).get("U").asLong());
            JsonNode trade = orderSteps(events).get(0);
            assertEquals(List.of("TRADE", "FILLED", "0.50000000", "59000.00000000", "0.50000000"),
                    List.of(trade.get("x").asText(), trade.get("X").asText(), trade.get("l").asText(),
                            trade.get("L").asText(), trade.get("z").asText()));
            assertEquals("1.50000000", events.get(1).get("a").get("P").get(0).get("pa").asText());

            assertEquals(0, c.ok("openOrders", null).size());
            JsonNode q = c.ok("order.query", p().put("symbol", "BTCUSDT").put("orderId", id));
            assertEquals("FILLED", q.get("status").asText());
            assertEquals("59000.00000000", q.get("avgPrice").asText());
            assertEquals(q, c.ok("order.query", p().put("symbol", "BTCUSDT").put("origClientOrderId", "dip-1")));
        }
    }

    @Test
    void everyType_places_andAllOrdersListsThemNewestFirst() throws Exception {
        try (WsRecorder c = alice()) {
            List<Long> ids = new ArrayList<>();
            ids.add(c.ok("order.place", p().put("symbol", "ETHUSDT").put("side", "BUY").put("type", "MARKET")
                    .put("quantity", "0.1")).get("orderId").asLong());
            JsonNode ioc = c.ok("order.place", limit("BUY", "0.1", "50000", "IOC"));
            assertEquals("EXPIRED", ioc.get("status").asText());
            ids.add(ioc.get("orderId").asLong());
            JsonNode sl = c.ok("order.place", p().put("symbol", "BTCUSDT").put("side", "SELL")
                    .put("type", "STOP_MARKET").put("stopPrice", "55000").put("closePosition", true));
            assertEquals("55000.00000000", sl.get("stopPrice").asText());
            assertTrue(sl.get("closePosition").asBoolean());
            ids.add(sl.get("orderId").asLong());
            JsonNode tp = c.ok("order.place", p().put("symbol", "BTCUSDT").put("side", "SELL")
                    .put("type", "TAKE_PROFIT_MARKET").put("stopPrice", "65000").put("quantity", "0.5")
                    .put("reduceOnly", true));
            ids.add(tp.get("orderId").asLong());
            ids.add(c.ok("order.place", limit("SELL", "0.1", "61000", "GTX")).get("orderId").asLong());

            JsonNode all = c.ok("allOrders", p().put("limit", 10));
            List<Long> listed = new ArrayList<>();
            all.forEach(o -> listed.add(o.get("orderId").asLong()));
            List<Long> newestFirst = new ArrayList<>(ids);
            java.util.Collections.reverse(newestFirst);
            assertEquals(newestFirst, listed);
            assertEquals(2, c.ok("allOrders", p().put("symbol", "BTCUSDT").put("limit", 2)).size());
            assertEquals(3, c.ok("openOrders", null).size());
        }
    }

    @Test
    void cancel_byIdOrClientId_andCancelAll_withCanceledEvents() throws Exception {
        try (WsRecorder c = alice()) {
            c.ok("subscribe", streams("userData"));
            List<JsonNode> events = new ArrayList<>();
            long a = ok(c, "order.place", limit("BUY", "0.1", "50000", "GTC").put("newClientOrderId", "a"), events)
                    .get("orderId").asLong();
            ok(c, "order.place", limit("BUY", "0.1", "51000", "GTC").put("newClientOrderId", "b"), events);
            ok(c, "order.place", limit("BUY", "0.1", "52000", "GTC").put("newClientOrderId", "c"), events);
            assertEquals(List.of("NEW", "NEW", "NEW"), orderSteps(events).stream().map(o -> o.get("x").asText())
                    .toList());
            events.clear();
            JsonNode canceled = ok(c, "order.cancel", p().put("symbol", "BTCUSDT").put("orderId", a), events);
            assertEquals("CANCELED", canceled.get("status").asText());
            JsonNode step = orderSteps(events).get(0);
            assertEquals(List.of("CANCELED", "CANCELED", "a", "USER"), List.of(step.get("x").asText(),
                    step.get("X").asText(), step.get("c").asText(), step.get("r").asText()));
            c.ok("order.cancel", p().put("symbol", "BTCUSDT").put("origClientOrderId", "b"));
            assertEquals(-2011, code(c.call("order.cancel", p().put("symbol", "BTCUSDT").put("orderId", a))));
            assertEquals(-2011, code(c.call("order.cancel", p().put("symbol", "ETHUSDT")
                    .put("origClientOrderId", "c"))));
            JsonNode rest = c.ok("order.cancelAll", p().put("symbol", "BTCUSDT"));
            assertEquals(1, rest.size());
            assertEquals("c", rest.get(0).get("clientOrderId").asText());
            assertEquals(0, c.ok("order.cancelAll", p().put("symbol", "BTCUSDT")).size());
            assertEquals(0, c.ok("openOrders", null).size());
            assertEquals("CANCELED", c.ok("order.query", p().put("symbol", "BTCUSDT").put("orderId", a))
                    .get("status").asText());
        }
    }

    /**
     * A response follows the events of its command on the same connection (GATEWAY.md), also when the engine answers
     * before the session has registered for the answer. 300 places and cancels, each checked.
     */
    @Test
    void everyResponse_followsTheEventsOfItsCommand() throws Exception {
        try (WsRecorder c = alice()) {
            c.ok("subscribe", streams("userData"));
            List<JsonNode> events = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                events.clear();
                ok(c, "order.place", limit("BUY", "0.1", "50000", "GTC").put("newClientOrderId", "loop"), events);
                assertEquals(List.of("NEW"), orderSteps(events).stream().map(o -> o.get("x").asText()).toList(),
                        "place " + i);
                events.clear();
                ok(c, "order.cancel", p().put("symbol", "BTCUSDT").put("origClientOrderId", "loop"), events);
                assertEquals(List.of("CANCELED"), orderSteps(events).stream().map(o -> o.get("x").asText()).toList(),
                        "cancel " + i);
            }
        }
    }

    @Test
    void badOrders_getBinanceCodes_andChangeNothing() {
        try (WsRecorder c = alice()) {
            assertEquals(-5022, code(c.call("order.place", limit("BUY", "0.1", "60000", "GTX"))));
            assertEquals(-2021, code(c.call("order.place", p().put("symbol", "BTCUSDT").put("side", "SELL")
                    .put("type", "STOP_MARKET").put("stopPrice", "61000").put("quantity", "0.1"))));
            assertEquals(-2022, code(c.call("order.place", limit("BUY", "0.1", "50000", "GTC")
                    .put("reduceOnly", true))));
            c.ok("order.place", limit("BUY", "0.1", "50000", "GTC").put("newClientOrderId", "dup"));
            assertEquals(-4015, code(c.call("order.place", limit("BUY", "0.1", "49000", "GTC")
                    .put("newClientOrderId", "dup"))));
            assertEquals(-2019, code(c.call("order.place", limit("BUY", "100", "50000", "GTC"))));
            assertEquals(-2013, code(c.call("order.query", p().put("symbol", "BTCUSDT").put("orderId", 99999))));
            assertEquals(-1102, code(c.call("order.place", p().put("symbol", "BTCUSDT").put("side", "BUY")
                    .put("type", "LIMIT").put("quantity", "0.1").put("timeInForce", "GTC"))));
            assertEquals(-1102, code(c.call("order.cancel", p().put("symbol", "BTCUSDT"))));
            assertEquals(-1106, code(c.call("order.place", p().put("symbol", "BTCUSDT").put("side", "BUY")
                    .put("type", "MARKET").put("quantity", "0.1").put("price", "50000"))));
            assertEquals(-1130, code(c.call("order.place", limit("BUY", "0.1", "50000", "GTD"))));
            assertEquals(-1104, code(c.call("openOrders", p().put("orderId", 1))));
            assertEquals(-1130, code(c.call("allOrders", p().put("limit", 1001))));
            assertEquals(1, c.ok("openOrders", null).size());
            assertEquals(new BigDecimal("1"), new BigDecimal(c.ok("account.positions", p().put("symbol", "BTCUSDT"))
                    .get(0).get("positionAmt").asText()).stripTrailingZeros());
        }
    }
}
