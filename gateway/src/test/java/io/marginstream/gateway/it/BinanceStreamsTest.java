package io.marginstream.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.gateway.engine.AccountEvent;
import io.marginstream.protocol.ProtocolJson;
import io.marginstream.protocol.message.Wallet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Binance-style streams of §11 over real WebSockets: listenKeys (same key while active, keep-alive, -1125,
 * expiry with {@code listenKeyExpired}), {@code /pm/ws/<key>}, {@code /pm/stream} with the key in the URL or by
 * {@code SUBSCRIBE}, market streams raw and combined, refused upgrades for unknown names, and the slow-consumer rule
 * of {@code /ws} on a listenKey socket.
 */
class BinanceStreamsTest {
    static TestGateway gw;
    static Rest alice;
    static final AtomicLong updateIds = new AtomicLong(1_000_000);

    @BeforeAll
    static void start() {
        gw = TestGateway.start();
        alice = new Rest(gw.port(), TestGateway.HMAC_KEY, TestGateway.HMAC_SECRET);
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    static String listenKey(Rest r) {
        Rest.Answer a = r.send("POST", "/papi/v1/listenKey", "", null, null);
        assertEquals(200, a.status(), a.json().toString());
        return a.json().get("listenKey").asText();
    }

    /**
     * Waits until the server holds the socket's subscription: the client sees the open before the server has made
     * the session (it answers in order, so the list's answer means the URL's names are subscribed).
     */
    static void awaitSubscribed(WsRecorder c, String... names) {
        c.sendRaw("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":\"ready\"}");
        JsonNode list = c.next(m -> m.has("id") && "ready".equals(m.get("id").asText()), "the subscription list");
        assertEquals(ProtocolJson.mapper().valueToTree(List.of(names)), list.get("result"));
    }

    static ObjectNode p() {
        return ProtocolJson.mapper().createObjectNode();
    }

    static WsRecorder admin() {
        WsRecorder c = WsRecorder.connect(gw.port());
        c.ok("session.logon", Signer.hmac(TestGateway.HMAC_KEY, TestGateway.HMAC_SECRET,
                gw.clock.get() - updateIds.incrementAndGet() % 3000));
        return c;
    }

    @Test
    void listenKey_sameWhileActive_keptAlive_unknownIs1125_andExpiryEndsItsSockets() {
        TestGateway own = TestGateway.start();
        try {
            Rest r = new Rest(own.port(), TestGateway.HMAC_KEY, TestGateway.HMAC_SECRET);
            String key = listenKey(r);
            assertEquals(64, key.length());
            assertEquals(key, listenKey(r));
            assertEquals("{}", r.send("PUT", "/papi/v1/listenKey", "", null, null).json().toString());
            assertEquals(200, r.send("PUT", "/papi/v1/listenKey", "", "listenKey=" + key,
                    "application/x-www-form-urlencoded").status());
            BinanceRestTest.assertError(r.send("PUT", "/papi/v1/listenKey", "listenKey=other", null, null), 400,
                    -1125, "listenKey");
            BinanceRestTest.assertError(new Rest(own.port(), "nobody", null).send("POST", "/papi/v1/listenKey", "",
                    null, null), 401, -2015, "API-key");
            try (WsRecorder raw = WsRecorder.connect(own.port(), "/pm/ws/" + key);
                 WsRecorder combined = WsRecorder.connect(own.port(), "/pm/stream?streams=" + key)) {
                awaitSubscribed(raw, key);
                awaitSubscribed(combined, key);
                own.clock.addAndGet(61 * 60_000L);
                assertNotEquals(key, listenKey(r), "a new key once the old one is past its life");
                JsonNode expired = raw.next(m -> m.has("e"), "listenKeyExpired");
                assertEquals("listenKeyExpired", expired.get("e").asText());
                assertTrue(expired.get("E").isIntegralNumber());
                JsonNode wrapped = combined.next(m -> m.has("stream"), "listenKeyExpired");
                assertEquals(key, wrapped.get("stream").asText());
                assertEquals("listenKeyExpired", wrapped.get("data").get("e").asText());
                assertEquals(1000, raw.awaitClose());
                assertEquals(1000, combined.awaitClose());
            }
            assertEquals(400, WsRecorder.attempt(own.port(), "/pm/ws/" + key).awaitRefusedStatus());
            r.send("DELETE", "/papi/v1/listenKey", "", null, null);
            BinanceRestTest.assertError(r.send("PUT", "/papi/v1/listenKey", "", null, null), 400, -1125, "listenKey");
        } finally {
            own.close();
        }
    }

    @Test
    void binanceDisabled_restAndStreamPathsAreNotServed_andWsStillWorks() throws Exception {
        TestGateway off = TestGateway.start(c -> c.withBinance(new GatewayConfig.BinanceConfig(false)));
        try {
            var res = Rest.HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                    + off.port() + "/papi/v1/ping")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(404, res.statusCode());
            assertEquals(404, WsRecorder.attempt(off.port(), "/pm/stream").awaitRefusedStatus());
            try (WsRecorder c = WsRecorder.connect(off.port())) {
                assertEquals(200, c.call("ping", null).get("status").asInt());
            }
        } finally {
            off.close();
        }
    }

    @Test
    void disablingTheApiKey_endsItsListenKeyAndClosesItsSockets() {
        TestGateway own = TestGateway.start();
        try {
            Rest r = new Rest(own.port(), TestGateway.HMAC_KEY, TestGateway.HMAC_SECRET);
            String key = listenKey(r);
            try (WsRecorder raw = WsRecorder.connect(own.port(), "/pm/ws/" + key)) {
                awaitSubscribed(raw, key);
                own.server.disableKey(TestGateway.HMAC_KEY);
                assertEquals(1000, raw.awaitClose());
            }
            assertEquals(400, WsRecorder.attempt(own.port(), "/pm/ws/" + key).awaitRefusedStatus());
        } finally {
            own.close();
        }
    }

    @Test
    void unknownListenKeyOrSymbol_refusesTheUpgradeWith400_anUnservedStreamWith404() {
        assertEquals(400, WsRecorder.attempt(gw.port(), "/pm/ws/" + "x".repeat(64)).awaitRefusedStatus());
        assertEquals(400, WsRecorder.attempt(gw.port(), "/pm/stream?streams=nope").awaitRefusedStatus());
        assertEquals(400, WsRecorder.attempt(gw.port(), "/ws/xyzusdt@markPrice").awaitRefusedStatus());
        assertEquals(404, WsRecorder.attempt(gw.port(), "/stream?streams=btcusdt@depth").awaitRefusedStatus());
        assertEquals(404, WsRecorder.attempt(gw.port(), "/ws/x").awaitRefusedStatus());
    }

    @Test
    void combinedStream_subscribeListUnsubscribe_withBinanceAnswersAndEnvelope() {
        String key = listenKey(alice);
        try (WsRecorder pm = WsRecorder.connect(gw.port(), "/pm/stream?streams="); WsRecorder c = admin()) {
            pm.sendRaw("{\"method\":\"SUBSCRIBE\",\"params\":[\"" + key + "\"],\"id\":\"abc\"}");
            JsonNode ok = pm.next(m -> m.has("id"), "the SUBSCRIBE answer");
            assertEquals("{\"result\":null,\"id\":\"abc\"}", ok.toString());
            pm.sendRaw("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":2}");
            assertEquals("[\"" + key + "\"]", pm.next(m -> m.has("id"), "the list").get("result").toString());
            c.ok("transfer", p().put("asset", "USDT").put("amount", "3").put("from", "SPOT").put("to", "CROSS_MARGIN"));
            JsonNode e = pm.next(m -> m.has("stream"), "a wrapped event");
            assertEquals(key, e.get("stream").asText());
            assertEquals("balanceUpdate", e.get("data").get("e").asText());
            assertEquals("3.00000000", e.get("data").get("d").asText());
            pm.sendRaw("{\"method\":\"SUBSCRIBE\",\"params\":[\"unknown\"],\"id\":3}");
            JsonNode bad = pm.next(m -> m.has("error"), "an error");
            assertEquals(2, bad.get("error").get("code").asInt());
            assertEquals(3, bad.get("id").asInt());
            pm.sendRaw("not json");
            assertEquals(3, pm.next(m -> m.has("error"), "an error").get("error").get("code").asInt());
            pm.sendRaw("{\"method\":\"UNSUBSCRIBE\",\"params\":[\"" + key + "\"],\"id\":4}");
            assertEquals(4, pm.next(m -> m.has("id") && m.has("result"), "the UNSUBSCRIBE answer").get("id").asInt());
            pm.sendRaw("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":5}");
            assertEquals("[]", pm.next(m -> m.has("id"), "the list").get("result").toString());
        }
    }

    @Test
    void marketStreams_rawAndCombined_followTheMark() {
        try (WsRecorder raw = WsRecorder.connect(gw.port(), "/ws/ethusdt@markPrice");
             WsRecorder combined = WsRecorder.connect(gw.port(), "/stream?streams=ethusdt@markPrice@1s/solusdt@markPrice");
             WsRecorder c = admin()) {
            awaitSubscribed(raw, "ethusdt@markPrice");
            awaitSubscribed(combined, "ethusdt@markPrice@1s", "solusdt@markPrice");
            c.ok("admin.setMarkPrice", p().put("symbol", "ETHUSDT").put("price", "3123.25"));
            JsonNode e = raw.next(m -> m.has("e"), "markPriceUpdate");
            assertEquals("markPriceUpdate", e.get("e").asText());
            assertEquals("ETHUSDT", e.get("s").asText());
            assertEquals("3123.25000000", e.get("p").asText());
            JsonNode w = combined.next(m -> m.has("stream"), "a wrapped markPriceUpdate");
            assertEquals("ethusdt@markPrice@1s", w.get("stream").asText());
            assertEquals("3123.25000000", w.get("data").get("p").asText());
            raw.sendRaw("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@markPrice\"],\"id\":1}");
            assertEquals(1, raw.next(m -> m.has("id"), "the answer").get("id").asInt());
            c.ok("admin.setMarkPrice", p().put("symbol", "BTCUSDT").put("price", "60100"));
            assertEquals("BTCUSDT", raw.next(m -> m.has("e"), "markPriceUpdate").get("s").asText());
        }
    }

    @Test
    void stalledListenKeySocket_isClosed4008_whileAWsSubscriberKeepsReceiving() throws Exception {
        String key = listenKey(alice);
        try (RawWs stalled = RawWs.connect(gw.port(), "/pm/ws/" + key, 4096); WsRecorder live = admin()) {
            live.ok("subscribe", p().set("streams", ProtocolJson.mapper().createArrayNode().add("userData")));
            long closesBefore = gw.server.metrics().slowConsumerCloses();
            for (int batch = 0; batch < 2000 && gw.server.metrics().slowConsumerCloses() == closesBefore; batch++) {
                List<AccountEvent> events = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    events.add(new AccountEvent.BalanceChanged(updateIds.incrementAndGet(), gw.clock.get(),
                            Wallet.CROSS_MARGIN, "USDT", new BigDecimal("1.5"), gw.clock.get()));
                }
                gw.listener.onAccountEvents("alice", events);
                gw.listener.onBatchEnd();
                for (AccountEvent e : events) {
                    assertEquals(e.updateId(), live.nextEvent("userData").get("data").get("U").asLong());
                }
            }
            assertEquals(closesBefore + 1, gw.server.metrics().slowConsumerCloses());
            assertEquals(4008, stalled.readUntilClose());
            assertFalse(live.call("ping", null).isMissingNode());
        }
    }
}
