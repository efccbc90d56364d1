package io.marginstream.gateway.engine;

import io.marginstream.gateway.engine.AccountEvent.AccountUpdated;
import io.marginstream.gateway.engine.AccountEvent.OrderUpdated;
import io.marginstream.gateway.engine.AccountEvent.RiskLevelChanged;
import io.marginstream.protocol.ErrorCode;
import io.marginstream.protocol.message.AccountStatus;
import io.marginstream.protocol.message.ExecutionType;
import io.marginstream.protocol.message.OrderStatus;
import io.marginstream.protocol.message.Side;
import io.marginstream.protocol.message.Wallet;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static io.marginstream.gateway.engine.EngineHarness.account;
import static io.marginstream.gateway.engine.EngineHarness.assertAmount;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** §5.6 step by step. */
class LiquidationTest {

    @Test
    void priceDrop_closesTheBiggestMmReducerFirst_andStopsAboveTarget() {
        try (EngineHarness h = EngineHarness.of(account("a", Map.of("CROSS_MARGIN", Map.of("USDT", "11000")),
                "BTCUSDT", "1", "60000", "ETHUSDT", "10", "3000"))) {
            assertEquals(AccountStatus.NORMAL, h.status("a").accountStatus());
            h.marks("BTCUSDT", "54000", "ETHUSDT", "2700");
            List<AccountEvent> all = h.events("a");
            assertEquals(List.of("1.10", "1.05", "1.01"), h.eventsOf("a", AccountEvent.MarginAlertRaised.class)
                    .stream().map(m -> m.threshold().toPlainString()).toList());
            List<AccountEvent> ev = all.stream().filter(e -> !(e instanceof AccountEvent.MarginAlertRaised)).toList();
            assertEquals(5, ev.size(), ev.toString());
            RiskLevelChanged fl = assertInstanceOf(RiskLevelChanged.class, ev.get(0));
            assertEquals(AccountStatus.FORCE_LIQUIDATION, fl.accountStatus());
            assertAmount("2000", fl.accountEquity());
            // closing BTC leaves MM 918 (ETH alone), closing ETH would leave 1836: BTC goes first
            OrderUpdated accepted = assertInstanceOf(OrderUpdated.class, ev.get(1));
            assertEquals(ExecutionType.NEW, accepted.executionType());
            assertEquals("autoclose-1", accepted.clientOrderId());
            assertTrue(accepted.reduceOnly());
            OrderUpdated fill = assertInstanceOf(OrderUpdated.class, ev.get(2));
            assertEquals(ExecutionType.TRADE, fill.executionType());
            assertEquals(OrderStatus.FILLED, fill.status());
            assertEquals(accepted.orderId(), fill.orderId());
            assertEquals("autoclose-1", fill.clientOrderId());
            assertEquals("BTCUSDT", fill.symbol());
            assertEquals(Side.SELL, fill.side());
            assertAmount("1", fill.quantity());
            assertAmount("54000", fill.avgPrice());
            assertAmount("-6000", fill.realizedProfit());
            assertAmount("270", fill.commission());
            AccountUpdated upd = assertInstanceOf(AccountUpdated.class, ev.get(3));
            assertEquals("ORDER", upd.reason());
            assertAmount("-6270", upd.balances().get(0).walletBalance());
            assertAmount("0", upd.positions().get(0).positionAmt());
            RiskLevelChanged end = assertInstanceOf(RiskLevelChanged.class, ev.get(4));
            assertEquals(AccountStatus.NORMAL, end.accountStatus());
            // eq = 11000 − 6270 − 3000 = 1730; MM = 810 + 108 = 918; 1730 / 918 ≥ 1.25
            AccountStatusView s = h.status("a");
            assertAmount("1730", s.accountEquity());
            assertAmount("918", s.accountMaintMargin());
            assertTrue(s.uniMMR().compareTo(new BigDecimal("1.25")) >= 0);
            List<PositionView> left = h.positions("a");
            assertEquals(1, left.size());
            assertEquals("ETHUSDT", left.get(0).symbol());
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L), all.stream().map(AccountEvent::updateId).toList());
        }
    }

    @Test
    void crash_closesEverything_coversWhatItCan_andEndsBankrupted() {
        try (EngineHarness h = EngineHarness.of(account("a", Map.of("CROSS_MARGIN", Map.of("USDT", "8000")),
                "BTCUSDT", "1", "60000", "ETHUSDT", "10", "3000"))) {
            h.marks("BTCUSDT", "50000", "ETHUSDT", "2500");
            List<OrderUpdated> fills = h.orderSteps("a", ExecutionType.TRADE);
            assertEquals(List.of("autoclose-1", "autoclose-2"), fills.stream().map(OrderUpdated::clientOrderId).toList());
            assertEquals(List.of("BTCUSDT", "ETHUSDT"), fills.stream().map(OrderUpdated::symbol).toList());
            List<AccountStatus> levels = h.eventsOf("a", RiskLevelChanged.class).stream()
                    .map(RiskLevelChanged::accountStatus).toList();
            assertEquals(List.of(AccountStatus.FORCE_LIQUIDATION, AccountStatus.BANKRUPTED), levels);
            // UM: −10000 − 250 − 5000 − 125 = −15375; the 8000 cross-margin USDT covers part of it
            BalanceView usdt = h.balance("a", "USDT");
            assertAmount("0", usdt.crossMarginAsset());
            assertAmount("-7375", usdt.umWalletBalance());
            AccountStatusView s = h.status("a");
            assertEquals(AccountStatus.BANKRUPTED, s.accountStatus());
            assertAmount("-7375", s.actualEquity());
            h.rejected(ErrorCode.BANKRUPTED, new EngineCommand.Transfer("a", "USDT", BigDecimal.ONE, Wallet.SPOT,
                    Wallet.CROSS_MARGIN, null));
            h.rejected(ErrorCode.BANKRUPTED, new EngineCommand.PlaceOrder("a", "BTCUSDT", Side.BUY,
                    new BigDecimal("0.001"), false, null));
            h.rejected(ErrorCode.BANKRUPTED, new EngineCommand.AutoCollect("a", null));
            h.marks("BTCUSDT", "60000", "ETHUSDT", "3000");
            assertEquals(AccountStatus.BANKRUPTED, h.status("a").accountStatus());
        }
    }

    @Test
    void noPositionsLeft_sellsNonStableCollateralToCoverNegatives() {
        try (EngineHarness h = EngineHarness.of(account("a",
                Map.of("CROSS_MARGIN", Map.of("USDT", "1000", "BTC", "0.5")), "ETHUSDT", "20", "3000"))) {
            h.mark("ETHUSDT", "1600");
            // closing ETH: −28000 − fee 160 → UM −28160; cross USDT 1000 covers, then BTC is sold at 60000
            BalanceView usdt = h.balance("a", "USDT");
            assertAmount("0", usdt.crossMarginAsset());
            assertAmount("0.0002", usdt.umWalletBalance());
            assertAmount("0.04733333", h.balance("a", "BTC").crossMarginAsset());
            assertEquals(AccountStatus.NORMAL, h.status("a").accountStatus());
            assertTrue(h.positions("a").isEmpty());
        }
    }

    @Test
    void equityLeftNegativeWithNothingToSell_staysInLiquidation_untilADeposit() {
        // BTC sits in CM (not sellable cross-margin collateral), USDC is stable: after liquidation
        // actualEquity = 0.0172·60000 + 10 − 1000 = 42 ≥ 0 but accountEquity = 980.4 + 10 − 1000 < 0
        try (EngineHarness h = EngineHarness.of(account("a", Map.of("UM", Map.of("USDT", "-1000"),
                "CM", Map.of("BTC", "0.0172"), "CROSS_MARGIN", Map.of("USDC", "10"))))) {
            AccountStatusView s = h.status("a");
            assertEquals(AccountStatus.FORCE_LIQUIDATION, s.accountStatus());
            assertAmount("42", s.actualEquity());
            h.rejected(ErrorCode.ACCOUNT_IN_LIQUIDATION, new EngineCommand.Transfer("a", "USDC", BigDecimal.ONE,
                    Wallet.CROSS_MARGIN, Wallet.SPOT, null));
            h.rejected(ErrorCode.ACCOUNT_IN_LIQUIDATION, new EngineCommand.PlaceOrder("a", "BTCUSDT", Side.SELL,
                    new BigDecimal("0.001"), false, null));
            h.call(new EngineCommand.Deposit("a", "USDT", new BigDecimal("100"), Wallet.UM));
            assertEquals(AccountStatus.NORMAL, h.status("a").accountStatus());
            assertEquals(List.of(AccountStatus.NORMAL), h.eventsOf("a", RiskLevelChanged.class).stream()
                    .map(RiskLevelChanged::accountStatus).toList());
        }
    }
}
