package io.marginstream.gateway.engine;

import io.marginstream.gateway.engine.AccountEvent.AccountUpdated;
import io.marginstream.gateway.engine.AccountEvent.OrderUpdated;
import io.marginstream.protocol.ErrorCode;
import io.marginstream.protocol.message.AccountStatus;
import io.marginstream.protocol.message.ExecutionType;
import io.marginstream.protocol.message.FuturesType;
import io.marginstream.protocol.message.Side;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.marginstream.gateway.engine.EngineHarness.account;
import static io.marginstream.gateway.engine.EngineHarness.assertAmount;
import static io.marginstream.gateway.engine.EngineHarness.d;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** §4.6: MARKET orders. */
class OrderTest {

    private static EngineCommand.PlaceOrder order(String acct, String symbol, Side side, String qty) {
        return new EngineCommand.PlaceOrder(acct, symbol, side, d(qty), false, null);
    }

    @Test
    void fillsAtMark_averagesEntry_flips_andSettlesRealizedPnlInUm() {
        try (EngineHarness h = EngineHarness.of(account("o", Map.of("CROSS_MARGIN", Map.of("USDT", "100000"))))) {
            OrderResult r1 = h.call(order("o", "BTCUSDT", Side.BUY, "1"));
            assertEquals("ms-" + r1.orderId(), r1.clientOrderId());
            assertAmount("60000", r1.avgPrice());
            h.mark("BTCUSDT", "61000");
            h.call(order("o", "BTCUSDT", Side.BUY, "1"));
            PositionView p = h.positions("o").get(0);
            assertAmount("2", p.positionAmt());
            assertAmount("60500", p.entryPrice());
            assertAmount("1000", p.unRealizedProfit());
            h.mark("BTCUSDT", "62000");
            OrderResult flip = h.call(new EngineCommand.PlaceOrder("o", "BTCUSDT", Side.SELL, d("3"), false, "flip-1"));
            assertEquals("flip-1", flip.clientOrderId());
            assertTrue(flip.orderId() > r1.orderId());
            p = h.positions("o").get(0);
            assertAmount("-1", p.positionAmt());
            assertAmount("62000", p.entryPrice());
            // realized: 2 × (62000 − 60500) = 3000 USDT into UM
            assertAmount("3000", h.balance("o", "USDT").umWalletBalance());
            OrderUpdated f = h.orderSteps("o", ExecutionType.TRADE).get(2);
            assertEquals("flip-1", f.clientOrderId());
            assertAmount("3000", f.realizedProfit());
            AccountUpdated u = h.eventsOf("o", AccountUpdated.class).get(2);
            assertEquals(FuturesType.UM, u.fs());
            assertAmount("-1", u.positions().get(0).positionAmt());
            assertAmount("3000", u.balances().get(0).walletBalance());
        }
    }

    @Test
    void initialMarginCheck_refusesIncreases_butLetsReductionsThrough() {
        try (EngineHarness h = EngineHarness.of(
                account("poor", Map.of("CROSS_MARGIN", Map.of("USDT", "3000"))),
                account("mc", Map.of("CROSS_MARGIN", Map.of("USDT", "2500")), "BTCUSDT", "1", "60000"))) {
            h.rejected(ErrorCode.INSUFFICIENT_MARGIN, order("poor", "BTCUSDT", Side.BUY, "1"));
            assertTrue(h.positions("poor").isEmpty());
            assertEquals(List.of(), h.events("poor"));
            assertEquals(AccountStatus.MARGIN_CALL, h.status("mc").accountStatus());
            h.rejected(ErrorCode.INSUFFICIENT_MARGIN, order("mc", "BTCUSDT", Side.BUY, "0.001"));
            h.call(order("mc", "BTCUSDT", Side.SELL, "0.5"));
            assertAmount("0.5", h.positions("mc").get(0).positionAmt());
        }
    }

    @Test
    void badOrders_rejected() {
        try (EngineHarness h = EngineHarness.of(account("o", Map.of("CROSS_MARGIN", Map.of("USDT", "100000"))),
                account("classic", 0, false, Map.of("CROSS_MARGIN", Map.of("USDT", "100000"))))) {
            h.rejected(ErrorCode.BAD_PARAM_VALUE, order("o", "BTCUSDT", Side.BUY, "0.0005"));
            h.rejected(ErrorCode.BAD_SYMBOL, order("o", "DOGEUSDT", Side.BUY, "1"));
            h.rejected(ErrorCode.BAD_PARAM_VALUE, order("o", "BTCUSDT", Side.BUY, "0"));
            h.rejected(ErrorCode.REDUCE_ONLY_REJECTED, new EngineCommand.PlaceOrder("o", "BTCUSDT", Side.BUY, d("1"),
                    true,
                    null));
            h.rejected(ErrorCode.WRONG_MODE, order("classic", "BTCUSDT", Side.BUY, "1"));
            h.rejected(ErrorCode.BAD_PARAM_VALUE, order("o", "BTCUSD_PERP", Side.BUY, "1.5"));
            assertTrue(h.positions("o").isEmpty());
        }
    }

    @Test
    void cmOrder_averagesEntryHarmonically() {
        try (EngineHarness h = EngineHarness.of(account("o", Map.of("CM", Map.of("BTC", "2"))))) {
            h.call(order("o", "BTCUSD_PERP", Side.SELL, "100"));
            h.mark("BTCUSD_PERP", "40000");
            h.call(order("o", "BTCUSD_PERP", Side.SELL, "100"));
            // 200 / (100/60000 + 100/40000) = 48000
            assertAmount("48000", h.positions("o").get(0).entryPrice());
        }
    }
}
