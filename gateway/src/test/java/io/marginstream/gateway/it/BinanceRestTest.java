package io.marginstream.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginstream.gateway.config.GatewayConfig.KeyConfig;
import io.marginstream.gateway.config.GatewayConfig.LimitsConfig;
import io.marginstream.protocol.ProtocolJson;
import io.marginstream.protocol.auth.Ed25519;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Binance-compatible REST surface (§11) over real HTTP against the real gateway: figures equal to {@code /ws},
 * changes streaming across the two surfaces, Binance's errors for every kind of bad input (and nothing changed),
 * signing over the raw bytes from the query or a form body, HMAC and Ed25519.
 */
class BinanceRestTest {
    static final KeyPair ED = Ed25519.generate();
    static TestGateway gw;
    static Rest alice;

    @BeforeAll
    static void start() {
        gw = TestGateway.start(c -> c.withAccounts(List.of(TestGateway.alice(List.of(
                new KeyConfig(TestGateway.HMAC_KEY, TestGateway.HMAC_SECRET, null,
                        List.of("READ", "TRANSFER", "TRADE", "ADMIN"), null, null),
                new KeyConfig("alice-ed", null, Ed25519.publicKeyBase64(ED.getPublic()), List.of("READ"), null,
                        null),
                new KeyConfig("alice-read", "read-secret-0123456789", null, List.of("READ"), null, null))))));
        alice = new Rest(gw.port(), TestGateway.HMAC_KEY, TestGateway.HMAC_SECRET);
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    static long now() {
        return gw.clock.get();
    }

    static WsRecorder ws() {
        WsRecorder c = WsRecorder.connect(gw.port());
        c.ok("session.logon", Signer.hmac(TestGateway.HMAC_KEY, TestGateway.HMAC_SECRET, now() - Math.round(
                Math.random() * 4000)));
        return c;
    }

    static ObjectNode p() {
        return ProtocolJson.mapper().createObjectNode();
    }

    @Test
    void accountFigures_overRest_equalAccountStatusOverWs_atAFrozenMark() {
        try (WsRecorder c = ws()) {
            c.ok("admin.setMarkPrice", p().put("symbol", "BTCUSDT").put("price", "61234.5"));
            JsonNode account = alice.ok("GET", "/papi/v1/account", "", now());
            JsonNode balances = alice.ok("GET", "/papi/v1/balance", "recvWindow=10000", now());
            JsonNode um = alice.ok("GET", "/papi/v1/um/positionRisk", "", now());
            JsonNode status = c.ok("account.status", null);
            JsonNode wsBalances = c.ok("account.balance", null);
            JsonNode positions = c.ok("account.positions", null);
            for (String f : List.of("uniMMR", "accountEquity", "actualEquity", "accountInitialMargin",
                    "accountMaintMargin", "accountStatus", "virtualMaxWithdrawAmount", "totalAvailableBalance",
                    "updateTime")) {
                assertEquals(status.get(f), account.get(f), f);
            }
            assertEquals(wsBalances.size(), balances.size());
            for (int i = 0; i < balances.size(); i++) {
                for (String f : List.of("asset", "totalWalletBalance", "crossMarginAsset", "umWalletBalance",
                        "umUnrealizedPNL", "cmWalletBalance", "cmUnrealizedPNL")) {
                    assertEquals(wsBalances.get(i).get(f), balances.get(i).get(f), f);
                }
            }
            JsonNode btc = um.get(0);
            assertEquals("BTCUSDT", btc.get("symbol").asText());
            assertEquals("61234.50000000", btc.get("markPrice").asText());
            assertEquals(positions.get(0).get("unRealizedProfit"), btc.get("unRealizedProfit"));
            assertEquals(positions.get(0).get("notional"), btc.get("notional"));
            assertTrue(btc.get("updateTime").isIntegralNumber() && btc.get("leverage").isTextual());
        }
    }

    @Test
    void restOrder_streamsToWsUserData_andWsTransfer_streamsToTheListenKeySocket() {
        String key = alice.send("POST", "/papi/v1/listenKey", "", null, null).json().get("listenKey").asText();
        try (WsRecorder c = ws(); WsRecorder pm = WsRecorder.connect(gw.port(), "/pm/ws/" + key)) {
            BinanceStreamsTest.awaitSubscribed(pm, key);
            c.ok("subscribe", p().set("streams", ProtocolJson.mapper().createArrayNode().add("userData")));
            JsonNode order = alice.ok("POST", "/papi/v1/um/order", "symbol=ETHUSDT&side=BUY&type=MARKET"
                    + "&quantity=0.1&newOrderRespType=RESULT", now());
            assertEquals("FILLED", order.get("status").asText());
            JsonNode wsEvent = c.nextEvent("userData").get("data");
            assertEquals("ORDER_TRADE_UPDATE", wsEvent.get("e").asText());
            assertEquals("ETHUSDT", wsEvent.get("o").get("s").asText());
            JsonNode first = pm.next(m -> m.has("e"), "a raw event");
            assertEquals("ORDER_TRADE_UPDATE", first.get("e").asText());
            assertEquals("NEW", first.get("o").get("x").asText());
            assertEquals(order.get("orderId").asLong(), first.get("o").get("i").asLong());
            JsonNode fill = pm.next(m -> "ORDER_TRADE_UPDATE".equals(m.path("e").asText()), "the fill");
            assertEquals("TRADE", fill.get("o").get("x").asText());
            assertEquals("0.10000000", fill.get("o").get("z").asText());
            assertEquals("ACCOUNT_UPDATE", pm.next(m -> m.has("e"), "an event").get("e").asText());

            c.ok("transfer", p().put("asset", "USDT").put("amount", "7").put("from", "SPOT").put("to",
                    "CROSS_MARGIN"));
            JsonNode balance = pm.next(m -> "balanceUpdate".equals(m.path("e").asText()), "balanceUpdate");
            assertEquals("7.00000000", balance.get("d").asText());
            assertTrue(balance.get("U").isIntegralNumber() && balance.get("T").isIntegralNumber());
            assertEquals("outboundAccountPosition", pm.next(m -> m.has("e"), "an event").get("e").asText());
        }
    }

    @Test
    void badParams_answerBinanceErrors_andChangeNothing() {
        JsonNode before = alice.ok("GET", "/papi/v1/balance", "", now());
        JsonNode positionsBefore = alice.ok("GET", "/papi/v1/um/positionRisk", "", now());
        String order = "/papi/v1/um/order";
        assertError(alice.signed("POST", order, "symbol=BTCUSDT&side=BUY&type=MARKET", now()), 400, -1102, "quantity");
        assertError(alice.signed("POST", order, "symbol=BTCUSDT&symbol=ETHUSDT&side=BUY&type=MARKET&quantity=1",
                now()), 400, -1101, "symbol");
        assertError(alice.signed("POST", order, "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=abc", now()), 400,
                -1100, "quantity");
        assertError(alice.signed("POST", order, "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.000000001", now()),
                400, -1111, "quantity");
        assertError(alice.signed("POST", order, "symbol=BTCUSDT&side=HOLD&type=MARKET&quantity=1", now()), 400,
                -1117, "side");
        assertError(alice.signed("POST", order, "symbol=BTCUSDT&side=BUY&type=STOP&quantity=1", now()), 400,
                -1116, "TAKE_PROFIT_MARKET");
        assertError(alice.signed("POST", order, "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1", now()), 400,
                -1102, "price");
        assertError(alice.signed("POST", order, "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=1&positionSide=LONG",
                now()), 400, -4061, "one-way");
        assertError(alice.signed("POST", order, "symbol=BTCUSD_PERP&side=BUY&type=MARKET&quantity=1", now()), 400,
                -1121, "UM");
        assertError(alice.signed("POST", order, "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.0001", now()), 400,
                -1130, "stepSize");
        assertError(alice.signed("POST", "/papi/v1/bnb-transfer", "amount=1&transferSide=SIDEWAYS", now()), 400,
                -1130, "transferSide");
        assertError(alice.signed("GET", "/papi/v1/account", "recvWindow=70000", now()), 400, -1131, "recvWindow");
        assertError(alice.send("GET", "/papi/v1/account", "timestamp=" + now(), null, null), 400, -1102,
                "signature");
        assertError(alice.send("GET", "/papi/v1/account", "timestamp=soon&signature=00", null, null), 400, -1102,
                "timestamp");
        assertError(alice.send("GET", "/papi/v1/account", "timestamp=" + now() + "&signature=" + "ab".repeat(32),
                null, null), 400, -1022, "Signature");
        assertError(alice.signed("GET", "/papi/v1/account", "", now() - 6000), 400, -1021, "recvWindow");
        assertError(alice.send("POST", "/papi/v1/auto-collection", "", "a=%zz", "application/x-www-form-urlencoded"),
                400, -1100, "percent");
        assertError(new Rest(gw.port(), "nobody", "x").signed("GET", "/papi/v1/account", "", now()), 401, -2015,
                "API-key");
        assertError(new Rest(gw.port(), null, "x").signed("GET", "/papi/v1/account", "", now()), 401, -2014,
                "API-key");
        assertError(new Rest(gw.port(), "alice-read", "read-secret-0123456789").signed("POST", order,
                "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=1", now()), 403, -2015, "TRADE");
        assertEquals(before, alice.ok("GET", "/papi/v1/balance", "", now()));
        assertEquals(positionsBefore, alice.ok("GET", "/papi/v1/um/positionRisk", "", now()));
    }

    @Test
    void unknownPath_wrongMethod_oversizeAndNonFormBody_answerJsonErrorsNamingThem() {
        Rest anon = new Rest(gw.port(), null, null);
        assertError(anon.send("GET", "/papi/v1/um/conditional/openOrders", "", null, null), 404, -1020,
                "/papi/v1/um/conditional/openOrders");
        assertError(anon.send("GET", "/fapi/v1/klines", "symbol=BTCUSDT", null, null), 404, -1020, "/fapi/v1/klines");
        assertError(anon.send("DELETE", "/papi/v1/account", "", null, null), 405, -1020, "GET");
        assertError(anon.send("POST", "/papi/v1/um/order", "", "a=" + "x".repeat(9000),
                "application/x-www-form-urlencoded"), 413, -1101, "8192");
        assertError(alice.send("POST", "/papi/v1/auto-collection", "", "{\"timestamp\":1}", "application/json"), 400,
                -1100, "body");
        assertEquals("{}", anon.send("GET", "/papi/v1/ping", "", null, null).json().toString());
    }

    @Test
    void formBody_signedOverRawQueryPlusBody_andEd25519_andAcceptsAStrayParam() {
        Rest.Answer a = alice.signedForm("POST", "/papi/v1/asset-collection", "asset=USDT&portfolioMargin=true",
                now());
        assertEquals(200, a.status(), a.json().toString());
        assertEquals("success", a.json().get("msg").asText());
        assertNotNull(a.header("X-MBX-USED-WEIGHT-1M"));
        Rest ed = new Rest(gw.port(), "alice-ed", null, ED.getPrivate());
        assertEquals("NORMAL", ed.ok("GET", "/papi/v1/account", "", now()).get("accountStatus").asText());
        Rest.Answer o = alice.signed("POST", "/papi/v1/cm/order", "symbol=BTCUSD_PERP&side=SELL&type=MARKET&quantity=1",
                now());
        assertEquals(200, o.status(), o.json().toString());
        assertEquals("NEW", o.json().get("status").asText());
        assertNotNull(o.header("X-MBX-ORDER-COUNT-1M"));
        JsonNode ex = new Rest(gw.port(), null, null).send("GET", "/fapi/v1/exchangeInfo", "", null, null).json();
        JsonNode btc = ex.get("symbols").get(0);
        assertEquals("PERPETUAL", btc.get("contractType").asText());
        String types = btc.get("orderTypes").toString();
        assertTrue(types.contains("LIMIT") && types.contains("STOP_MARKET"), types);
    }

    @Test
    void anotherHttpVersion_onARestPath_is505_likeEveryOtherPath() throws Exception {
        try (RawHttp h = RawHttp.connect(gw.port())) {
            h.send("GET /papi/v1/ping HTTP/1.2\r\nHost: 127.0.0.1\r\n\r\n");
            assertEquals(505, h.read().status());
        }
    }

    @Test
    void pipelinedRequests_onOneConnection_areAnsweredInOrder() throws Exception {
        int n = 40;
        StringBuilder req = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String path = i % 2 == 0 ? "/papi/v1/ping" : "/fapi/v1/premiumIndex?symbol=" + (i % 4 == 1 ? "BTCUSDT"
                    : "ETHUSDT");
            req.append("GET ").append(path).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        }
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", gw.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(req.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII));
            for (int i = 0; i < n; i++) {
                assertEquals("HTTP/1.1 200 OK", in.readLine());
                int length = 0;
                for (String h; !(h = in.readLine()).isEmpty(); ) {
                    if (h.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                        length = Integer.parseInt(h.substring(15).trim());
                    }
                }
                char[] body = new char[length];
                for (int got = 0; got < length; ) {
                    got += in.read(body, got, length - got);
                }
                String text = new String(body);
                String expected = i % 2 == 0 ? "{}" : (i % 4 == 1 ? "BTCUSDT" : "ETHUSDT");
                assertTrue(text.contains(expected), "answer " + i + " out of order: " + text);
            }
        }
    }

    static void assertError(Rest.Answer a, int status, int code, String msgPart) {
        assertEquals(status, a.status(), a.json().toString());
        assertEquals(code, a.code(), a.json().toString());
        assertTrue(a.json().get("msg").asText().contains(msgPart), a.json().toString());
        assertEquals(2, a.json().size(), "only code and msg: " + a.json());
    }

    @Test
    void weightHeaders_countTheSameLimiterAsWs_and429CarriesRetryAfter() {
        TestGateway small = TestGateway.start(c -> c.withLimits(new LimitsConfig(100, null, 1000, 1000, 10_000, null,
                null, null, null, null, null, null)));
        try {
            Rest r = new Rest(small.port(), TestGateway.HMAC_KEY, TestGateway.HMAC_SECRET);
            long t = small.clock.get();
            for (int i = 1; i <= 5; i++) {
                Rest.Answer a = r.signed("GET", "/papi/v1/account", "", t);
                assertEquals(200, a.status());
                assertEquals(String.valueOf(20 * i), a.header("X-MBX-USED-WEIGHT-1M"));
            }
            Rest.Answer limited = r.signed("GET", "/papi/v1/balance", "", t);
            assertError(limited, 429, -1003, "100");
            assertTrue(Integer.parseInt(limited.header("Retry-After")) >= 1);
            try (WsRecorder c = WsRecorder.connect(small.port())) {
                c.ok("session.logon", Signer.hmac(TestGateway.HMAC_KEY, TestGateway.HMAC_SECRET, t));
                JsonNode status = c.call("account.status", null);
                assertEquals(429, status.get("status").asInt(), "the /ws key shares the REST key's weight");
            }
        } finally {
            small.close();
        }
    }
}
