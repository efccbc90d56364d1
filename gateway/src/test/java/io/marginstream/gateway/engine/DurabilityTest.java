package io.marginstream.gateway.engine;

import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.protocol.ErrorCode;
import io.marginstream.protocol.message.ExecutionType;
import io.marginstream.protocol.message.OrderStatus;
import io.marginstream.protocol.message.OrderType;
import io.marginstream.protocol.message.Side;
import io.marginstream.protocol.message.TimeInForce;
import io.marginstream.protocol.message.TransferSide;
import io.marginstream.protocol.message.Wallet;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.marginstream.gateway.engine.EngineHarness.account;
import static io.marginstream.gateway.engine.EngineHarness.d;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * State is a pure function of the journaled (seq, time, command) sequence: replaying it, or restoring a snapshot
 * and replaying the rest, reproduces the engine exactly; a failed sync fails the batch and stops state changes.
 */
class DurabilityTest {

    private static GatewayConfig config() {
        return EngineHarness.config(
                account("a", Map.of("SPOT", Map.of("USDT", "5000"), "CROSS_MARGIN", Map.of("USDT", "9000"),
                        "UM", Map.of("BNB", "2", "USDT", "100"), "CM", Map.of("BTC", "0.01")),
                        "BTCUSDT", "1", "60000", "ETHUSDT", "10", "3000"),
                account("b", Map.of("CROSS_MARGIN", Map.of("USDT", "100000"))));
    }

    private static void script(EngineHarness h) {
        h.call(new EngineCommand.Transfer("a", "USDT", d("100"), Wallet.SPOT, Wallet.CROSS_MARGIN, "t-1"));
        h.call(new EngineCommand.Transfer("a", "USDT", d("100"), Wallet.SPOT, Wallet.CROSS_MARGIN, "t-1"));
        h.call(new EngineCommand.AutoCollect("a", null));
        h.call(new EngineCommand.Deposit("b", "BNB", d("5"), Wallet.CROSS_MARGIN));
        h.call(new EngineCommand.TransferBnb("b", d("1.5"), TransferSide.TO_UM));
        h.clock.addAndGet(1234);
        h.call(new EngineCommand.PlaceOrder("b", "BTCUSD_PERP", Side.SELL, d("50"), false, "o-1"));
        h.call(new EngineCommand.PlaceOrder("b", "SOLUSDT", Side.BUY, d("12.3"), false, null));
        h.call(new EngineCommand.UpdateRiskSettings("b", new EngineCommand.RiskSettingsPatch(d("1.2"), null, null,
                List.of("SOLUSDT"), List.of(d("1.3")), Map.of("SOLUSDT", 10))));
        h.call(RestingOrderTest.limit("b", "BTCUSDT", Side.BUY, "0.5", "55000", TimeInForce.GTC));
        h.call(RestingOrderTest.limit("b", "ETHUSDT", Side.SELL, "2", "3500", TimeInForce.GTX));
        h.call(RestingOrderTest.limit("b", "ETHUSDT", Side.SELL, "2", "3600", TimeInForce.IOC));
        h.call(new EngineCommand.PlaceOrder("b", "BTCUSDT", Side.BUY, OrderType.STOP_MARKET, d("0.2"), null,
                d("70000"), null,
                false, false, "stop-b"));
        h.call(RestingOrderTest.limit("a", "ETHUSDT", Side.SELL, "1", "3300", TimeInForce.GTC));
        h.clock.addAndGet(99);
        h.marks("BTCUSDT", "54000", "ETHUSDT", "2700", "BTCUSD_PERP", "53000");
        h.call(new EngineCommand.CancelOrder("b", "BTCUSDT", null, "stop-b"));
        h.call(RestingOrderTest.limit("b", "BTCUSDT", Side.SELL, "0.1", "56000", TimeInForce.GTC));
        h.call(new EngineCommand.CancelAllOrders("b", "SOLUSDT"));
        h.call(new EngineCommand.SetFeedEnabled(true));
        h.call(new EngineCommand.SetFeedEnabled(false));
    }

    @Test
    void replayingTheJournal_reproducesTheState() {
        EngineState live;
        List<EngineCommand> cmds;
        List<Long> times;
        List<Long> seqs;
        try (EngineHarness h = new EngineHarness(config())) {
            script(h);
            live = h.engine.snapshot();
            cmds = List.copyOf(h.journaled);
            times = List.copyOf(h.journaledTimes);
            seqs = List.copyOf(h.journaledSeqs);
            assertEquals("autoclose-1", h.orderSteps("a", ExecutionType.TRADE).get(0).clientOrderId());
        }
        assertEquals(cmds.size(), live.lastSeq());
        assertEquals(List.of(1L, 2L, 3L), seqs.subList(0, 3));
        try (MarginEngine replayed = new MarginEngine(config(), () -> 0L, EngineListener.NONE, CommandJournal.NONE)) {
            for (int i = 0; i < cmds.size(); i++) {
                replayed.replay(seqs.get(i), times.get(i), cmds.get(i));
            }
            assertEquals(live, replayed.snapshot());
        }
        try (MarginEngine half = new MarginEngine(config(), () -> 0L, EngineListener.NONE, CommandJournal.NONE)) {
            int cut = cmds.size() / 2;
            for (int i = 0; i < cut; i++) {
                half.replay(seqs.get(i), times.get(i), cmds.get(i));
            }
            EngineState mid = half.snapshot();
            try (MarginEngine restored = new MarginEngine(config(), () -> 0L, EngineListener.NONE,
                    CommandJournal.NONE)) {
                restored.restore(mid);
                assertEquals(mid, restored.snapshot());
                for (int i = 0; i < cmds.size(); i++) {
                    restored.replay(seqs.get(i), times.get(i), cmds.get(i));
                }
                assertEquals(live, restored.snapshot());
            }
        }
    }

    @Test
    void restoredSnapshot_keepsOpenOrders_fieldForField_andTheyStillFire() {
        EngineState live;
        List<OrderResult> open;
        try (EngineHarness h = new EngineHarness(config())) {
            script(h);
            live = h.engine.snapshot();
            open = h.call(new EngineCommand.GetOpenOrders("b", null));
        }
        assertEquals(List.of(Side.SELL, Side.SELL), open.stream().map(OrderResult::side).toList());
        List<OrderResult> oldestFirst = new java.util.ArrayList<>(open);
        java.util.Collections.reverse(oldestFirst);
        assertEquals(oldestFirst, live.accounts().get(1).openOrders());
        try (MarginEngine restored = new MarginEngine(config(), () -> EngineHarness.T0, EngineListener.NONE,
                CommandJournal.NONE)) {
            restored.restore(live);
            restored.start();
            assertEquals(open, restored.submit(new EngineCommand.GetOpenOrders("b", null)).get(10, TimeUnit.SECONDS));
            restored.submit(new EngineCommand.SetMarkPrice("BTCUSDT", d("56000"))).get(10, TimeUnit.SECONDS);
            OrderResult sold = (OrderResult) restored.submit(new EngineCommand.GetOrder("b", "BTCUSDT",
                    open.get(0).orderId(), null)).get(10, TimeUnit.SECONDS);
            assertEquals(OrderStatus.FILLED, sold.status());
            assertEquals(List.of(open.get(1)), restored.submit(new EngineCommand.GetOpenOrders("b", null))
                    .get(10, TimeUnit.SECONDS));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void failedSync_ofAJournalThatCannotRebuild_failsTheEngine_andRefusesEverything() throws Exception {
        CommandJournal broken = new CommandJournal() {
            @Override
            public void append(long seq, long timeMillis, EngineCommand cmd) {
            }

            @Override
            public void sync() throws IOException {
                throw new IOException("disk full");
            }
        };
        try (MarginEngine e = new MarginEngine(config(), () -> EngineHarness.T0, EngineListener.NONE, broken)) {
            e.start();
            var f = e.submit(new EngineCommand.Transfer("a", "USDT", BigDecimal.TEN, Wallet.SPOT, Wallet.CROSS_MARGIN,
                    null));
            var ex = assertThrows(java.util.concurrent.ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
            assertEquals(ErrorCode.SERVICE_OVERLOADED,
                    ((io.marginstream.protocol.ApiException) ex.getCause()).code());
            var g = e.submit(new EngineCommand.Deposit("a", "USDT", BigDecimal.TEN, null));
            var ex2 = assertThrows(java.util.concurrent.ExecutionException.class, () -> g.get(10, TimeUnit.SECONDS));
            assertEquals(ErrorCode.SERVICE_OVERLOADED,
                    ((io.marginstream.protocol.ApiException) ex2.getCause()).code());
            assertEquals(ErrorCode.SERVICE_OVERLOADED, code(e.submit(new EngineCommand.GetAccountStatus("a"))),
                    "without a durable state to rebuild, the diverged state is not served");
            assertEquals(EngineHealth.Condition.FAILED, e.health().condition());
        }
    }

    @Test
    void fullQueue_failsFastWithMinus1008_andNothingChanges() throws Exception {
        java.util.concurrent.CountDownLatch inListener = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        EngineListener holding = new EngineListener() {
            @Override
            public void onAccountEvents(String accountId, List<AccountEvent> events) {
                inListener.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void onMarginRatio(String accountId, MarginSnapshot snapshot) {
            }

            @Override
            public void onMarkPrices(long eventTime, Map<String, BigDecimal> marks) {
            }
        };
        MarginEngine e = new MarginEngine(config(), () -> EngineHarness.T0, holding, CommandJournal.NONE, 1);
        assertEquals(ErrorCode.SERVICE_OVERLOADED, code(e.submit(new EngineCommand.GetAccountStatus("a"))),
                "not started");
        e.start();
        try {
            var first = e.submit(new EngineCommand.Deposit("b", "USDT", BigDecimal.ONE, null));
            assertEquals(true, inListener.await(10, TimeUnit.SECONDS));
            var queued = e.submit(new EngineCommand.Deposit("b", "USDT", BigDecimal.ONE, null));
            var refused = e.submit(new EngineCommand.Deposit("b", "USDT", BigDecimal.ONE, null));
            assertEquals(ErrorCode.SERVICE_OVERLOADED, code(refused));
            assertEquals(1, e.queueDepth());
            release.countDown();
            first.get(10, TimeUnit.SECONDS);
            queued.get(10, TimeUnit.SECONDS);
            BalanceView b = (BalanceView) e.submit(new EngineCommand.GetBalances("b", "USDT")).get(10, TimeUnit.SECONDS);
            assertEquals(0, new BigDecimal("2").compareTo(b.spotBalance()));
        } finally {
            release.countDown();
            e.close();
        }
        assertEquals(ErrorCode.SERVICE_OVERLOADED, code(e.submit(new EngineCommand.GetAccountStatus("a"))),
                "closed");
    }

    private static ErrorCode code(java.util.concurrent.CompletableFuture<Object> f) {
        var ex = assertThrows(java.util.concurrent.ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
        return ((io.marginstream.protocol.ApiException) ex.getCause()).code();
    }
}
