package io.marginstream.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.marginstream.gateway.engine.AccountEvent;
import io.marginstream.gateway.engine.MarginSnapshot;
import io.marginstream.protocol.ProtocolJson;
import io.marginstream.protocol.message.AccountStatus;
import io.marginstream.protocol.message.ExecutionType;
import io.marginstream.protocol.message.FuturesType;
import io.marginstream.protocol.message.OrderStatus;
import io.marginstream.protocol.message.OrderType;
import io.marginstream.protocol.message.Side;
import io.marginstream.protocol.message.StreamEvent;
import io.marginstream.protocol.message.TimeInForce;
import io.marginstream.protocol.message.Wallet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static io.marginstream.gateway.it.AuthTest.streams;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * §6 fan-out through the real session layer: engine output is played into the gateway's own engine listener (the
 * one the engine calls), and real WebSocket clients read it.
 */
class StreamsTest {
    static TestGateway gw;
    static final AtomicLong updateIds = new AtomicLong();
    static final AtomicLong logonTime = new AtomicLong();

    @BeforeAll
    static void start() {
        gw = TestGateway.start();
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    /** Logs a client on as alice (each logon signs a different timestamp, so no replay). */
    static void logon(WsRecorder c) {
        c.ok("session.logon", Signer.hmac(TestGateway.HMAC_KEY, TestGateway.HMAC_SECRET,
                gw.clock.get() - logonTime.incrementAndGet()));
    }

    static void logon(RawWs raw, long id) throws Exception {
        String params = Signer.hmac(TestGateway.HMAC_KEY, TestGateway.HMAC_SECRET,
                gw.clock.get() - logonTime.incrementAndGet()).toString();
        raw.sendText("{\"id\":" + id + ",\"method\":\"session.logon\",\"params\":" + params + "}");
        JsonNode r = ProtocolJson.mapper().readTree(raw.read().text());
        assertEquals(200, r.get("status").asInt(), r.toString());
    }

    static List<AccountEvent> balanceEvents(int n) {
        List<AccountEvent> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new AccountEvent.BalanceChanged(updateIds.incrementAndGet(), gw.clock.get(), Wallet.CROSS_MARGIN,
                    "USDT", new BigDecimal("1.5"), gw.clock.get()));
        }
        return out;
    }

    static MarginSnapshot snapshot(long u) {
        return new MarginSnapshot(150_000_000L, 10_000_000_000_000L, 10_100_000_000_000L, 300_000_000_000L,
                200_000_000_000L, 9_000_000_000_000L, 8_000_000_000_000L, AccountStatus.NORMAL, u,
                System.currentTimeMillis());
    }

    @Test
    void twoSessionsOfOneAccount_seeTheSameEventsInTheSameOrder() {
        try (WsRecorder a = WsRecorder.connect(gw.port()); WsRecorder b = WsRecorder.connect(gw.port())) {
            logon(a);
            logon(b);
            a.ok("subscribe", streams("userData"));
            b.ok("subscribe", streams("userData"));
            List<AccountEvent> events = balanceEvents(40);
            gw.listener.onAccountEvents("alice", events.subList(0, 15));
            gw.listener.onBatchEnd();
            gw.listener.onAccountEvents("alice", events.subList(15, 40));
            gw.listener.onBatchEnd();
            for (WsRecorder c : List.of(a, b)) {
                for (AccountEvent e : events) {
                    JsonNode ev = c.nextEvent("userData");
                    assertEquals(e.updateId(), ev.get("data").get("U").asLong());
                    assertEquals("balanceUpdate", ev.get("data").get("e").asText());
                    assertEquals("1.50000000", ev.get("data").get("d").asText());
                }
            }
        }
    }

    static MarginSnapshot snapshotAt(long u, long eventTime) {
        return new MarginSnapshot(150_000_000L, 10_000_000_000_000L, 10_100_000_000_000L, 300_000_000_000L,
                200_000_000_000L, 9_000_000_000_000L, 8_000_000_000_000L, AccountStatus.NORMAL, u, eventTime);
    }

    /** The next message that is a response or a {@code marginRatio} event. */
    static JsonNode nextResponseOrRatio(WsRecorder c) {
        return c.next(m -> m.has("status") || (m.has("stream") && m.get("stream").asText().equals("marginRatio")),
                "a response or a marginRatio event");
    }

    @Test
    void oneEngineBatch_reachesTwoSessionsInOrder_andConflatesTheRatioWithinIt() {
        try (WsRecorder a = WsRecorder.connect(gw.port()); WsRecorder b = WsRecorder.connect(gw.port())) {
            for (WsRecorder c : List.of(a, b)) {
                logon(c);
                c.ok("subscribe", streams("userData", "marginRatio").put("intervalMs", 0));
            }
            long conflatedBefore = conflated();
            List<AccountEvent> events = balanceEvents(30);
            gw.listener.onAccountEvents("alice", events.subList(0, 10));
            gw.listener.onMarginRatio("alice", snapshot(1));
            gw.listener.onAccountEvents("alice", events.subList(10, 30));
            gw.listener.onMarginRatio("alice", snapshot(2));
            gw.listener.onMarginRatio("alice", snapshot(3));
            gw.listener.onBatchEnd();
            for (WsRecorder c : List.of(a, b)) {
                for (AccountEvent e : events) {
                    assertEquals(e.updateId(), c.nextEvent("userData").get("data").get("U").asLong());
                }
                assertEquals(3, c.nextEvent("marginRatio").get("data").get("U").asLong());
                long id = c.send("ping", null);
                assertEquals(id, nextResponseOrRatio(c).get("id").asLong(), "one ratio per batch");
            }
            assertEquals(conflatedBefore + 4, conflated(), "two ratios replaced in each of the two outboxes");
        }
    }

    @Test
    void ratioInterval_letsATickThatIsAFewMsEarlyThrough_andHoldsAnEarlierOne() {
        try (WsRecorder a = WsRecorder.connect(gw.port())) {
            logon(a);
            a.ok("subscribe", streams("marginRatio").put("intervalMs", 60_000));
            long t0 = System.currentTimeMillis();
            gw.listener.onMarginRatio("alice", snapshotAt(1, t0));
            gw.listener.onBatchEnd();
            assertEquals(1, a.nextEvent("marginRatio").get("data").get("U").asLong());
            // 5 ms short of the interval (within the tolerance): written now, not after a 60 s timer
            gw.listener.onMarginRatio("alice", snapshotAt(2, t0 + 59_995));
            gw.listener.onBatchEnd();
            assertEquals(2, a.nextEvent("marginRatio").get("data").get("U").asLong());
            // one second after the last one written: held for the interval
            gw.listener.onMarginRatio("alice", snapshotAt(3, t0 + 60_995));
            gw.listener.onBatchEnd();
            long id = a.send("ping", null);
            assertEquals(id, nextResponseOrRatio(a).get("id").asLong(), "the early ratio is held");
        }
    }

    @Test
    void userDataEvents_decodeAsProtocolRecords() throws Exception {
        try (WsRecorder a = WsRecorder.connect(gw.port())) {
            logon(a);
            a.ok("subscribe", streams("userData"));
            long t = gw.clock.get();
            gw.listener.onAccountEvents("alice", List.of(
                    new AccountEvent.TransferCompleted(updateIds.incrementAndGet(), t, 9, "USDT", BigDecimal.TEN,
                            Wallet.UM, Wallet.CROSS_MARGIN),
                    new AccountEvent.RiskLevelChanged(updateIds.incrementAndGet(), t, new BigDecimal("1.3"),
                            AccountStatus.MARGIN_CALL, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE),
                    new AccountEvent.AccountUpdated(updateIds.incrementAndGet(), t, t, FuturesType.UM, "ORDER",
                            List.of(new AccountEvent.WalletBalance("USDT", BigDecimal.TEN, BigDecimal.TEN,
                                    BigDecimal.ONE)),
                            List.of(new AccountEvent.PositionAmount("BTCUSDT", BigDecimal.ONE,
                                    new BigDecimal("60000"), BigDecimal.ZERO, "BOTH"))),
                    new AccountEvent.OrderUpdated(updateIds.incrementAndGet(), t, t, FuturesType.UM, "BTCUSDT", "c1",
                            Side.BUY,
                            OrderType.LIMIT, TimeInForce.GTC, BigDecimal.ONE, new BigDecimal("60000"), BigDecimal.ZERO,
                            ExecutionType.TRADE,
                            OrderStatus.FILLED, 1, BigDecimal.ONE, new BigDecimal("60000"), BigDecimal.ONE,
                            new BigDecimal("60000"), BigDecimal.ZERO, "USDT", BigDecimal.ZERO, true, false, false,
                            "NONE")));
            gw.listener.onBatchEnd();
            for (String type : List.of("transferUpdate", "riskLevelChange", "ACCOUNT_UPDATE", "ORDER_TRADE_UPDATE")) {
                JsonNode ev = a.nextEvent("userData");
                assertEquals(type, ev.get("data").get("e").asText());
                assertInstanceOf(StreamEvent.class,
                        ProtocolJson.mapper().treeToValue(ev.get("data"), StreamEvent.class));
            }
        }
    }

    @Test
    void marginRatio_isDelivered_andDecodes() throws Exception {
        try (WsRecorder a = WsRecorder.connect(gw.port())) {
            logon(a);
            assertEquals("[\"marginRatio\"]", a.ok("subscribe", streams("marginRatio").put("intervalMs", 0))
                    .get("subscribed").toString());
            gw.listener.onMarginRatio("alice", snapshot(77));
            gw.listener.onBatchEnd();
            JsonNode ev = a.nextEvent("marginRatio").get("data");
            assertEquals("marginRatio", ev.get("e").asText());
            assertEquals("1.50000000", ev.get("u").asText());
            assertEquals("NORMAL", ev.get("s").asText());
            assertEquals(77, ev.get("U").asLong());
            assertInstanceOf(StreamEvent.class, ProtocolJson.mapper().treeToValue(ev, StreamEvent.class));
            gw.listener.onMarginRatio("bob", snapshot(78));
            gw.listener.onBatchEnd();
            gw.listener.onMarginRatio("alice", snapshot(79));
            gw.listener.onBatchEnd();
            assertEquals(79, a.nextEvent("marginRatio").get("data").get("U").asLong());
        }
    }

    @Test
    void markPrice_perSymbolAndAll() {
        try (WsRecorder one = WsRecorder.connect(gw.port()); WsRecorder all = WsRecorder.connect(gw.port())) {
            one.ok("subscribe", streams("markPrice@BTCUSDT"));
            all.ok("subscribe", streams("markPrice"));
            Map<String, BigDecimal> marks = new java.util.LinkedHashMap<>();
            marks.put("BTCUSDT", new BigDecimal("61000"));
            marks.put("ETHUSDT", new BigDecimal("3100.5"));
            gw.listener.onMarkPrices(1234, marks);
            gw.listener.onBatchEnd();
            JsonNode btc = one.nextEvent("markPrice@BTCUSDT").get("data");
            assertEquals("markPriceUpdate", btc.get("e").asText());
            assertEquals("BTCUSDT", btc.get("s").asText());
            assertEquals("61000.00000000", btc.get("p").asText());
            assertEquals(1234, btc.get("E").asLong());
            List<String> seen = new ArrayList<>();
            seen.add(all.nextEvent("markPrice").get("data").get("s").asText());
            seen.add(all.nextEvent("markPrice").get("data").get("s").asText());
            assertTrue(seen.containsAll(List.of("BTCUSDT", "ETHUSDT")), seen.toString());
            all.ok("unsubscribe", streams("markPrice"));
            gw.listener.onMarkPrices(1235, marks);
            gw.listener.onBatchEnd();
            long id = all.send("ping", null);
            JsonNode next = all.next(m -> true, "any message");
            assertEquals(id, next.get("id").asLong(), "no markPrice event after unsubscribe: " + next);
        }
    }

    @Test
    void subscribe_rejectsBadNames() {
        try (WsRecorder a = WsRecorder.connect(gw.port())) {
            assertEquals(-1130, a.call("subscribe", streams("nope")).get("error").get("code").asInt());
            assertEquals(-1121, a.call("subscribe", streams("markPrice@DOGEUSDT")).get("error").get("code").asInt());
            assertEquals(-1130, a.call("subscribe", streams("markPrice").put("intervalMs", -1))
                    .get("error").get("code").asInt());
            assertEquals(-1102, a.call("subscribe", null).get("error").get("code").asInt());
            assertEquals(0, a.ok("subscriptions", null).get("streams").size(), "nothing changed");
        }
    }

    @Test
    void pausedReader_getsTheLatestMarginRatio_notABacklog() throws Exception {
        try (RawWs raw = RawWs.connect(gw.port(), 4096)) {
            logon(raw, 1);
            raw.sendText("{\"id\":2,\"method\":\"subscribe\",\"params\":{\"streams\":[\"marginRatio\"],\"intervalMs\":0}}");
            assertEquals(200, ProtocolJson.mapper().readTree(raw.read().text()).get("status").asInt());
            long before = conflated();
            int n = 30_000;
            for (int u = 1; u <= n; u++) {
                gw.listener.onMarginRatio("alice", snapshot(u));
                gw.listener.onBatchEnd();
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (conflated() == before && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertTrue(conflated() > before, "the outbox conflated nothing");
            gw.listener.onMarginRatio("alice", snapshot(n + 1));
            gw.listener.onBatchEnd();
            int received = 0;
            long lastU = 0;
            while (lastU != n + 1) {
                JsonNode data = ProtocolJson.mapper().readTree(raw.read().text()).get("data");
                long u = data.get("U").asLong();
                assertTrue(u > lastU, "out of order: " + u + " after " + lastU);
                lastU = u;
                received++;
            }
            assertTrue(received < n / 2, "received a backlog of " + received + " ratios");
        }
    }

    static long conflated() {
        String m = gw.server.metrics().render();
        int i = m.indexOf("\nmarginstream_outbox_conflated_total ");
        return (long) Double.parseDouble(m.substring(i + 1).split("[ \n]")[1]);
    }

    @Test
    void stalledClient_isClosed4008_whileAnotherKeepsReceiving() throws Exception {
        try (RawWs stalled = RawWs.connect(gw.port(), 4096); WsRecorder live = WsRecorder.connect(gw.port())) {
            logon(stalled, 1);
            stalled.sendText("{\"id\":2,\"method\":\"subscribe\",\"params\":{\"streams\":[\"userData\"]}}");
            assertEquals(200, ProtocolJson.mapper().readTree(stalled.read().text()).get("status").asInt());
            logon(live);
            live.ok("subscribe", streams("userData"));
            long closesBefore = gw.server.metrics().slowConsumerCloses();
            for (int batch = 0; batch < 2000 && gw.server.metrics().slowConsumerCloses() == closesBefore; batch++) {
                List<AccountEvent> events = balanceEvents(100);
                gw.listener.onAccountEvents("alice", events);
                gw.listener.onBatchEnd();
                for (AccountEvent e : events) {
                    assertEquals(e.updateId(), live.nextEvent("userData").get("data").get("U").asLong());
                }
            }
            assertEquals(closesBefore + 1, gw.server.metrics().slowConsumerCloses());
            assertEquals(200, live.call("ping", null).get("status").asInt());
            assertEquals(4008, stalled.readUntilClose());
        }
    }

    @Test
    void aBurstLargerThanTheOutboundBound_reachesAClientThatReads() {
        try (WsRecorder c = WsRecorder.connect(gw.port())) {
            logon(c);
            c.ok("subscribe", streams("userData"));
            long closesBefore = gw.server.metrics().slowConsumerCloses();
            List<AccountEvent> events = balanceEvents(1500);
            gw.listener.onAccountEvents("alice", events);
            gw.listener.onBatchEnd();
            for (AccountEvent e : events) {
                assertEquals(e.updateId(), c.nextEvent("userData").get("data").get("U").asLong());
            }
            assertEquals(closesBefore, gw.server.metrics().slowConsumerCloses());
        }
    }

    @Test
    void gracefulShutdown_sendsServerShutdown_thenCloses1001() {
        TestGateway own = TestGateway.start();
        try (WsRecorder c = WsRecorder.connect(own.port())) {
            c.ok("ping", null);
            own.close();
            JsonNode ev = c.nextEvent("server");
            assertEquals("serverShutdown", ev.get("data").get("e").asText());
            assertTrue(ev.get("data").get("E").asLong() > 0);
            assertEquals(1001, c.awaitClose());
        }
    }
}
