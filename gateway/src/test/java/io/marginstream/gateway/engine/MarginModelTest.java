package io.marginstream.gateway.engine;

import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.protocol.message.AccountStatus;
import io.marginstream.protocol.message.MarginModelType;
import io.marginstream.protocol.message.OrderStatus;
import io.marginstream.protocol.message.Side;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

import static io.marginstream.gateway.engine.EngineHarness.account;
import static io.marginstream.gateway.engine.EngineHarness.assertAmount;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** §5.2–5.3 as balance tables: the worked check, hedges, CM inverse PnL, haircuts, TIERED brackets. */
class MarginModelTest {

    private static final Map<String, Map<String, String>> USDT_ONLY = Map.of("CROSS_MARGIN", Map.of("USDT", "100000"));

    @Test
    void workedCheck_oneBtcLongAlone_mm2040() {
        try (EngineHarness h = EngineHarness.of(account("a", USDT_ONLY, "BTCUSDT", "1", "60000"))) {
            AccountStatusView s = h.status("a");
            assertAmount("2040", s.accountMaintMargin());
            assertAmount("3060", s.accountInitialMargin());
            assertAmount("100000", s.accountEquity());
            assertEquals(AccountStatus.NORMAL, s.accountStatus());
            assertAmount("49.01960784", s.uniMMR());
        }
    }

    @Test
    void workedCheck_btcLongPlusEthShort_mm1465_91() {
        try (EngineHarness h = EngineHarness.of(account("a", USDT_ONLY, "BTCUSDT", "1", "60000",
                "ETHUSDT", "-20", "3000"))) {
            BigDecimal mm = h.status("a").accountMaintMargin();
            assertAmount("1465.91", mm.setScale(2, RoundingMode.CEILING));
            double exact = 1800 * Math.sqrt(0.3) + 480;
            assertTrue(Math.abs(mm.doubleValue() - exact) < 1e-6, "MM " + mm + " vs " + exact);
            assertTrue(mm.compareTo(new BigDecimal("4080")) < 0);
        }
    }

    @Test
    void perpetualAgainstQuarterly_costsFarLessThanApart() {
        try (EngineHarness h = EngineHarness.of(
                account("hedged", USDT_ONLY, "BTCUSDT", "1", "60000", "BTCUSDT_QUARTER", "-1", "60300"),
                account("perp", USDT_ONLY, "BTCUSDT", "1", "60000"),
                account("quarter", USDT_ONLY, "BTCUSDT_QUARTER", "-1", "60300"))) {
            BigDecimal hedged = h.status("hedged").accountMaintMargin();
            BigDecimal apart = h.status("perp").accountMaintMargin().add(h.status("quarter").accountMaintMargin());
            // L = 0.03·|60000 − 60300| = 9; basis = 0.004·120300 = 481.2
            assertAmount("490.2", hedged);
            assertAmount("4090.2", apart);
            assertTrue(hedged.multiply(BigDecimal.valueOf(5)).compareTo(apart) < 0);
        }
    }

    @Test
    void cmInversePnl_inCoin_andSettledInCmOnClose() {
        try (EngineHarness h = EngineHarness.of(account("a", Map.of("CM", Map.of("BTC", "1")),
                "BTCUSD_PERP", "-100", "60000"))) {
            h.mark("BTCUSD_PERP", "50000");
            // n·size·(1/entry − 1/mark) = −100·100·(1/60000 − 1/50000) = +0.03333333 BTC
            PositionView p = h.positions("a").get(0);
            assertAmount("0.03333333", p.unRealizedProfit());
            assertAmount("-10000", p.notional());
            BalanceView btc = h.balance("a", "BTC");
            assertAmount("0.03333333", btc.cmUnrealizedPNL());
            assertAmount("1", btc.cmWalletBalance());
            OrderResult r = h.call(new EngineCommand.PlaceOrder("a", "BTCUSD_PERP", Side.BUY, new BigDecimal("100"),
                    true, "close-1"));
            assertEquals(OrderStatus.FILLED, r.status());
            assertAmount("50000", r.avgPrice());
            assertAmount("1.03333333", h.balance("a", "BTC").cmWalletBalance());
            assertTrue(h.positions("a").isEmpty());
        }
    }

    @Test
    void haircut_shrinksPositiveEquityOnly() {
        try (EngineHarness h = EngineHarness.of(
                account("pos", Map.of("CROSS_MARGIN", Map.of("BTC", "1"), "UM", Map.of("USDT", "-10000"))),
                account("neg", Map.of("CROSS_MARGIN", Map.of("USDT", "100000"), "UM", Map.of("BTC", "-1"))))) {
            // E[BTC] = 1 → 60000·0.95; E[USDT] = −10000 counts in full
            AccountStatusView pos = h.status("pos");
            assertAmount("50000", pos.actualEquity());
            assertAmount("47000", pos.accountEquity());
            // E[BTC] = −1 → −60000 in full, no haircut on a negative
            AccountStatusView neg = h.status("neg");
            assertAmount("40000", neg.actualEquity());
            assertAmount("40000", neg.accountEquity());
        }
    }

    @Test
    void collateralIsStressedToo_andUniMmrNullWithoutRisk() {
        try (EngineHarness h = EngineHarness.of(account("coin", Map.of("CROSS_MARGIN", Map.of("BTC", "1"))),
                account("cash", USDT_ONLY))) {
            assertAmount("1800", h.status("coin").accountMaintMargin());
            AccountStatusView cash = h.status("cash");
            assertAmount("0", cash.accountMaintMargin());
            assertNull(cash.uniMMR());
            assertEquals(AccountStatus.NORMAL, cash.accountStatus());
        }
    }

    @Test
    void tieredModel_usesBracketsAndLeverage() {
        GatewayConfig base = EngineHarness.config(account("a", USDT_ONLY, "BTCUSDT", "1", "60000",
                "ETHUSDT", "-20", "3000"));
        GatewayConfig.MarginModelConfig tiered = new GatewayConfig.MarginModelConfig("TIERED", null, null, null, null,
                null);
        GatewayConfig cfg = base.withMarginModel(tiered);
        try (EngineHarness h = new EngineHarness(cfg)) {
            // BTC 60000 in [50000, 600000): 0.005·60000 − 50 = 250; ETH 60000 flat 0.01 → 600
            AccountStatusView s = h.status("a");
            assertAmount("850", s.accountMaintMargin());
            assertAmount("6000", s.accountInitialMargin());
            assertEquals(MarginModelType.TIERED, s.marginModel());
            List<PositionView> p = h.positions("a");
            assertAmount("250", p.get(0).maintMargin());
            assertAmount("3000", p.get(0).initialMargin());
        }
    }

    @Test
    void excludedSymbol_addsItsTieredMargin() {
        try (EngineHarness h = EngineHarness.of(account("a", USDT_ONLY, "BTCUSDT", "1", "60000",
                "ETHUSDT", "-20", "3000"))) {
            h.call(new EngineCommand.UpdateRiskSettings("a", new EngineCommand.RiskSettingsPatch(null, null, null,
                    List.of("ETHUSDT"), null, null)));
            // BTC alone in aggregation: 2040; ETH excluded: TIERED 0.01·60000 = 600
            assertAmount("2640", h.status("a").accountMaintMargin());
        }
    }

    @Test
    void volatilityFloor_raisesShock() {
        try (EngineHarness h = EngineHarness.of(account("a", USDT_ONLY, "BTCUSDT", "1", "60000"))) {
            h.call(new EngineCommand.UpdateRiskSettings("a", new EngineCommand.RiskSettingsPatch(
                    new BigDecimal("1.5"), Map.of("BTC", new BigDecimal("0.8")), null, null, null, null)));
            double shock = 2.33 * 0.8 / Math.sqrt(365);
            double expected = 1.5 * (60000 * shock + 240);
            assertTrue(Math.abs(h.status("a").accountMaintMargin().doubleValue() - expected) < 1e-6);
        }
    }
}
