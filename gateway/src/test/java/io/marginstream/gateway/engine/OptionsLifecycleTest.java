package io.marginstream.gateway.engine;

import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.gateway.config.GatewayConfig.OptionUnderlyingConfig;
import io.marginstream.gateway.config.GatewayConfig.OptionsConfig;
import io.marginstream.protocol.ErrorCode;
import io.marginstream.protocol.message.AccountStatus;
import io.marginstream.protocol.message.ExecutionType;
import io.marginstream.protocol.message.FuturesType;
import io.marginstream.protocol.message.Side;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static io.marginstream.gateway.engine.EngineHarness.account;
import static io.marginstream.gateway.engine.EngineHarness.assertAmount;
import static io.marginstream.gateway.engine.EngineHarness.d;
import static io.marginstream.gateway.engine.OptionsMarginTest.CALL;
import static io.marginstream.gateway.engine.OptionsMarginTest.PUT;
import static io.marginstream.gateway.engine.OptionsMarginTest.QUARTER_BEFORE_EXPIRY;
import static io.marginstream.gateway.engine.OptionsMarginTest.atQuarter;
import static io.marginstream.gateway.engine.OptionsMarginTest.config;
import static io.marginstream.gateway.engine.OptionsMarginTest.order;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * §5.3a over time: cash settlement at 08:00 UTC of the expiry on the market clock (journaled, streamed, replayed
 * field for field), the settlement the engine issues itself, and liquidation treating options as any position.
 */
class OptionsLifecycleTest {
    /** From 2026-01-01T10:00Z to the expiry 2026-06-26T08:00Z. */
    static final long TO_EXPIRY = QUARTER_BEFORE_EXPIRY + 7_884_000_000L;
    private static final String CALL_55 = "BTC-260626-55000-C";
    private static final String PUT_65 = "BTC-260626-65000-P";

    private static GatewayConfig settlementConfig() {
        return config(
                account("short", Map.of("CROSS_MARGIN", Map.of("USDT", "100000")),
                        CALL_55, "-1", "6000", PUT_65, "2", "3500", "BTCUSDT", "0.1", "60000"),
                account("long", Map.of("CROSS_MARGIN", Map.of("USDT", "100000")), CALL_55, "1", "6000"),
                account("none", Map.of("CROSS_MARGIN", Map.of("USDT", "100000"))));
    }

    @Test
    void atExpiry_optionsSettleInCashAtIntrinsicValue_andTheAccountUpdateIsStreamed() {
        try (EngineHarness h = new EngineHarness(settlementConfig())) {
            h.mark("BTCUSDT", "62000");
            int before = h.events("short").size();
            MarketTimeResult t = h.call(new EngineCommand.AdvanceMarketTime(TO_EXPIRY));
            assertEquals(1_782_460_800_000L, t.marketTime());
            assertEquals(TO_EXPIRY, t.offsetMillis());
            // call 55000 at 62000: intrinsic 7000; put 65000: 3000.
            // short: −1·(7000 − 6000) + 2·(3000 − 3500) = −2000 → OPTIONS_SETTLE_LOSS
            AccountEvent.AccountUpdated u = (AccountEvent.AccountUpdated) h.eventsSince("short", before).get(0);
            assertEquals("OPTIONS_SETTLE_LOSS", u.reason());
            assertEquals(FuturesType.UM, u.fs());
            assertEquals(1, u.balances().size());
            assertEquals("USDT", u.balances().get(0).asset());
            assertAmount("-2000", u.balances().get(0).walletBalance());
            assertAmount("-2000", u.balances().get(0).balanceChange());
            assertEquals(List.of(CALL_55, PUT_65), u.positions().stream().map(AccountEvent.PositionAmount::symbol)
                    .toList());
            assertTrue(u.positions().stream().allMatch(p -> p.positionAmt().signum() == 0));
            assertEquals(u.updateId(), h.events("short").get(before).updateId());
            // long: +1·(7000 − 6000) → OPTIONS_SETTLE_PROFIT
            AccountEvent.AccountUpdated l = h.eventsOf("long", AccountEvent.AccountUpdated.class).get(0);
            assertEquals("OPTIONS_SETTLE_PROFIT", l.reason());
            assertAmount("1000", l.balances().get(0).balanceChange());
            assertTrue(h.eventsOf("none", AccountEvent.AccountUpdated.class).isEmpty());

            assertEquals(List.of("BTCUSDT"), h.positions("short").stream().map(PositionView::symbol).toList());
            assertTrue(h.positions("long").isEmpty());
            assertAmount("-2000", h.balance("short", "USDT").umWalletBalance());
            assertAmount("1000", h.balance("long", "USDT").umWalletBalance());
            assertAmount("7000", h.engine.marks().get(CALL_55));
            assertAmount("3000", h.engine.marks().get(PUT_65));
            assertAmount("0", h.engine.marks().get("BTC-260626-65000-C"));

            h.rejected(ErrorCode.BAD_SYMBOL, new EngineCommand.PlaceOrder("long", CALL_55, Side.BUY, d("1"), false,
                    null));
            h.mark("BTCUSDT", "50000");
            assertAmount("7000", h.engine.marks().get(CALL_55));
            assertTrue(h.journaled.stream().noneMatch(c -> c instanceof EngineCommand.SettleOptions),
                    "advanceMarketTime settled within its own command");
        }
    }

    @Test
    void anExpiryTheMarketClockHasReached_isSettledByACommandTheEngineJournals() {
        GatewayConfig cfg = config(account("a", Map.of("CROSS_MARGIN", Map.of("USDT", "100000")),
                "BTC-251231-60000-P", "1", "1000")).withOptions(new OptionsConfig(List.of("2025-12-31"),
                Map.of("BTC", new OptionUnderlyingConfig(d("5000"), 1, d("0.01"), d("0.6"), d("0"), d("0")))));
        try (EngineHarness h = new EngineHarness(cfg)) {
            // expired before the engine started (2026-01-01T10:00Z): the put 60000 at 60000 settles at 0
            assertTrue(h.positions("a").isEmpty());
            assertEquals(EngineCommand.SettleOptions.class, h.journaled.get(0).getClass());
            AccountEvent.AccountUpdated u = h.eventsOf("a", AccountEvent.AccountUpdated.class).get(0);
            assertEquals("OPTIONS_SETTLE_LOSS", u.reason());
            assertAmount("-1000", u.balances().get(0).balanceChange());
            h.clock.addAndGet(1000);
            h.mark("BTCUSDT", "61000");
            assertEquals(1, h.journaled.stream().filter(c -> c instanceof EngineCommand.SettleOptions).count());
        }
    }

    @Test
    void liquidation_closesTheOptionWhoseClosingLowersMmMost_first() {
        try (EngineHarness h = atQuarter(config(account("s", Map.of("CROSS_MARGIN", Map.of("USDT", "10000")))))) {
            order(h, "s", CALL, Side.SELL, "1");
            order(h, "s", PUT, Side.SELL, "1");
            assertEquals(AccountStatus.NORMAL, h.status("s").accountStatus());
            h.call(new EngineCommand.SetImpliedVol("BTC", d("0.9"), null, null));
            // σ 0.9: equity 10000 − 2·(10681.24 − 7154.12) = 2945.76 against MM 6935.65 → FORCE_LIQUIDATION.
            // Closing the call leaves the short put (MM 3969.71), closing the put the short call (4367.83):
            // the call goes first, then (uniMMR 2892.35 / 3969.71 < 1.25) the put.
            List<AccountEvent.OrderUpdated> fills = h.eventsOf("s", AccountEvent.OrderUpdated.class).stream()
                    .filter(f -> f.executionType() == ExecutionType.TRADE && f.clientOrderId().startsWith("autoclose-"))
                    .toList();
            assertEquals(List.of(CALL, PUT), fills.stream().map(AccountEvent.OrderUpdated::symbol).toList());
            assertEquals("autoclose-1", fills.get(0).clientOrderId());
            assertAmount("-3527.12", fills.get(0).realizedProfit());
            assertAmount("53.4062", fills.get(0).commission());
            assertTrue(h.positions("s").isEmpty());
            // 2945.76 − 2·53.4062, all back in cross margin once the UM loss is covered
            assertAmount("2838.9476", h.balance("s", "USDT").crossMarginAsset());
            assertEquals(AccountStatus.NORMAL, h.status("s").accountStatus());
        }
    }

    /** Everything options add, on two accounts, through the public API. */
    private static void script(EngineHarness h) {
        h.call(new EngineCommand.AdvanceMarketTime(QUARTER_BEFORE_EXPIRY));
        order(h, "a", CALL, Side.SELL, "1.5");
        order(h, "a", "BTCUSDT", Side.BUY, "1");
        order(h, "b", PUT, Side.BUY, "2");
        h.clock.addAndGet(100);
        h.call(new EngineCommand.ApplyMarks(Map.of("BTCUSDT", d("60500.5"), "ETHUSDT", d("3010")),
                Map.of("BTC", d("0.612345"))));
        h.call(new EngineCommand.SetImpliedVol("BTC", null, d("-0.15"), d("0.1")));
        h.call(new EngineCommand.UpdateRiskSettings("b", new EngineCommand.RiskSettingsPatch(null,
                Map.of("BTC", d("1.5")), null, List.of(PUT), null, null)));
        h.clock.addAndGet(100);
        h.call(new EngineCommand.AdvanceMarketTime(86_400_000L * 30));
        order(h, "a", CALL, Side.BUY, "0.5");
        h.mark("BTCUSDT", "58000");
        h.call(new EngineCommand.AdvanceMarketTime(TO_EXPIRY - QUARTER_BEFORE_EXPIRY));
        h.mark("BTCUSDT", "59000");
    }

    @Test
    void replayingTheJournal_reproducesOptionPositionsAndSettlements_fieldForField() {
        GatewayConfig cfg = config(account("a", Map.of("CROSS_MARGIN", Map.of("USDT", "200000"))),
                account("b", Map.of("CROSS_MARGIN", Map.of("USDT", "50000"))));
        EngineState live;
        EngineState midState;
        List<EngineCommand> cmds;
        List<Long> times;
        List<Long> seqs;
        try (EngineHarness h = new EngineHarness(cfg)) {
            script(h);
            live = h.engine.snapshot();
            cmds = List.copyOf(h.journaled);
            times = List.copyOf(h.journaledTimes);
            seqs = List.copyOf(h.journaledSeqs);
            assertFalse(h.eventsOf("b", AccountEvent.AccountUpdated.class).stream()
                    .noneMatch(u -> u.reason().startsWith("OPTIONS_SETTLE")), "the script reaches a settlement");
        }
        assertEquals(cmds.size(), live.lastSeq());
        assertTrue(live.options().settledThroughMillis() > 0);
        try (MarginEngine replayed = new MarginEngine(cfg, () -> 0L, EngineListener.NONE, CommandJournal.NONE)) {
            for (int i = 0; i < cmds.size(); i++) {
                replayed.replay(seqs.get(i), times.get(i), cmds.get(i));
            }
            assertEquals(live, replayed.snapshot());
        }
        int cut = 6;
        try (MarginEngine half = new MarginEngine(cfg, () -> 0L, EngineListener.NONE, CommandJournal.NONE)) {
            for (int i = 0; i < cut; i++) {
                half.replay(seqs.get(i), times.get(i), cmds.get(i));
            }
            midState = half.snapshot();
        }
        try (MarginEngine restored = new MarginEngine(cfg, () -> 0L, EngineListener.NONE, CommandJournal.NONE)) {
            restored.restore(midState);
            assertEquals(midState, restored.snapshot());
            for (int i = cut; i < cmds.size(); i++) {
                restored.replay(seqs.get(i), times.get(i), cmds.get(i));
            }
            assertEquals(live, restored.snapshot());
        }
    }

    @Test
    void theFeed_movesTheAtmVolatility_withinBounds_andDeterministically() {
        GatewayConfig cfg = GatewayConfig.empty();
        var f1 = new io.marginstream.gateway.engine.feed.SimulatedFeed(cfg, () -> null, () -> null, () -> true,
                c -> { });
        var f2 = new io.marginstream.gateway.engine.feed.SimulatedFeed(cfg, () -> null, () -> null, () -> true,
                c -> { });
        Map<String, BigDecimal> m1 = cfg.prices();
        Map<String, BigDecimal> v1 = Map.of("BTC", d("0.6"), "ETH", d("0.75"));
        Map<String, BigDecimal> m2 = cfg.prices();
        Map<String, BigDecimal> v2 = v1;
        for (int i = 0; i < 5000; i++) {
            m1 = f1.next(m1);
            v1 = f1.nextAtmVols(v1);
            m2 = f2.next(m2);
            v2 = f2.nextAtmVols(v2);
        }
        assertEquals(v1, v2);
        assertEquals(m1, m2);
        assertTrue(v1.get("BTC").compareTo(d("0.6")) != 0, "the ATM volatility moved");
        assertTrue(v1.get("BTC").doubleValue() > 0.4 && v1.get("BTC").doubleValue() < 0.9, v1.toString());
        assertEquals(java.util.Set.of("BTC", "ETH"), v1.keySet());
    }
}
