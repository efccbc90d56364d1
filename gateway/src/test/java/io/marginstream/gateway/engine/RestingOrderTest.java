package io.marginstream.gateway.engine;

import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.gateway.engine.AccountEvent.AccountUpdated;
import io.marginstream.gateway.engine.AccountEvent.OrderUpdated;
import io.marginstream.protocol.ErrorCode;
import io.marginstream.protocol.message.AccountStatus;
import io.marginstream.protocol.message.ExecutionType;
import io.marginstream.protocol.message.OrderStatus;
import io.marginstream.protocol.message.OrderType;
import io.marginstream.protocol.message.Side;
import io.marginstream.protocol.message.TimeInForce;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static io.marginstream.gateway.engine.EngineHarness.account;
import static io.marginstream.gateway.engine.EngineHarness.assertAmount;
import static io.marginstream.gateway.engine.EngineHarness.d;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * §12 as balance tables: LIMIT orders rest and fill when the mark crosses them, IOC/FOK expire, GTX refuses to take,
 * stops trigger on the mark, reduce-only orders never grow a position, open orders hold initial margin as
 * docs/ENGINE.md §4 documents (both models), cancels, and the rejection codes. Default marks: BTCUSDT 60000,
 * ETHUSDT 3000; PORTFOLIO IM rate of an open order on BTC: 1.5 × (0.03 + 0.004) = 0.051 of its notional.
 */
class RestingOrderTest {
    private static final Map<String, Map<String, String>> RICH = Map.of("CROSS_MARGIN", Map.of("USDT", "100000"));

    static EngineCommand.PlaceOrder limit(String acct, String symbol, Side side, String qty, String price,
                                          TimeInForce tif) {
        return new EngineCommand.PlaceOrder(acct, symbol, side, OrderType.LIMIT, d(qty), d(price), null, tif, false,
                false, null);
    }

    static EngineCommand.PlaceOrder stop(String acct, OrderType type, Side side, String qty, String stopPrice) {
        return new EngineCommand.PlaceOrder(acct, "BTCUSDT", side, type, qty == null ? null : d(qty), null,
                d(stopPrice), null, false, qty == null, null);
    }

    private static List<OrderResult> open(EngineHarness h, String acct) {
        return h.call(new EngineCommand.GetOpenOrders(acct, null));
    }

    private static OrderResult query(EngineHarness h, String acct, long orderId) {
        return h.call(new EngineCommand.GetOrder(acct, "BTCUSDT", orderId, null));
    }

    @Test
    void limitBuyBelowTheMark_rests_thenFillsAtItsPriceWhenTheMarkCrossesIt_eventsInOrder() {
        try (EngineHarness h = EngineHarness.of(account("r", RICH))) {
            OrderResult placed = h.call(limit("r", "BTCUSDT", Side.BUY, "1", "59000", TimeInForce.GTC));
            assertEquals(OrderStatus.NEW, placed.status());
            assertEquals(OrderType.LIMIT, placed.type());
            assertEquals(TimeInForce.GTC, placed.timeInForce());
            assertAmount("59000", placed.price());
            assertAmount("1", placed.origQty());
            assertAmount("0", placed.executedQty());
            assertEquals("ms-" + placed.orderId(), placed.clientOrderId());
            assertEquals(List.of(placed), open(h, "r"));
            // open-order IM: 0.051 × 59000 = 3009; no position, no MM
            AccountStatusView s = h.status("r");
            assertAmount("3009", s.accountInitialMargin());
            assertAmount("3009", s.openOrderInitialMargin());
            assertAmount("0", s.totalMarginOpenLoss());
            assertAmount("96991", s.totalAvailableBalance());
            assertNull(s.uniMMR());
            OrderUpdated accepted = assertInstanceOf(OrderUpdated.class, h.events("r").get(0));
            assertEquals(List.of(ExecutionType.NEW, OrderStatus.NEW, 1L), List.of(accepted.executionType(),
                    accepted.status(),
                    accepted.updateId()));

            h.mark("BTCUSDT", "59000.01");
            assertEquals(1, h.events("r").size());
            assertEquals(1, open(h, "r").size());

            h.mark("BTCUSDT", "58900");
            List<AccountEvent> ev = h.eventsSince("r", 1);
            assertEquals(2, ev.size(), ev.toString());
            OrderUpdated trade = assertInstanceOf(OrderUpdated.class, ev.get(0));
            assertEquals(List.of(ExecutionType.TRADE, OrderStatus.FILLED, 2L), List.of(trade.executionType(),
                    trade.status(),
                    trade.updateId()));
            assertEquals(placed.orderId(), trade.orderId());
            assertAmount("1", trade.lastFilledQty());
            assertAmount("59000", trade.lastFilledPrice());
            assertAmount("1", trade.cumulativeQty());
            assertAmount("59000", trade.avgPrice());
            AccountUpdated upd = assertInstanceOf(AccountUpdated.class, ev.get(1));
            assertEquals(List.of("ORDER", 3L), List.of(upd.reason(), upd.updateId()));
            assertAmount("1", upd.positions().get(0).positionAmt());
            assertAmount("59000", upd.positions().get(0).entryPrice());
            assertAmount("-100", upd.positions().get(0).unrealizedProfit());

            assertTrue(open(h, "r").isEmpty());
            OrderResult filled = query(h, "r", placed.orderId());
            assertEquals(OrderStatus.FILLED, filled.status());
            assertAmount("1", filled.executedQty());
            assertAmount("59000", filled.avgPrice());
            // the position alone: MM = 0.034 × 58900 = 2002.6, IM = 3003.9
            s = h.status("r");
            assertAmount("3003.9", s.accountInitialMargin());
            assertAmount("0", s.openOrderInitialMargin());
            assertEquals(List.of(filled), h.<List<OrderResult>>call(new EngineCommand.GetAllOrders("r", null, null,
                    null, null)));
        }
    }

    @Test
    void iocAndFok_expireWhenNotMarketable_andFillAtTheMarkWhenTheyAre() {
        try (EngineHarness h = EngineHarness.of(account("r", RICH))) {
            OrderResult ioc = h.call(limit("r", "BTCUSDT", Side.BUY, "1", "59000", TimeInForce.IOC));
            assertEquals(OrderStatus.EXPIRED, ioc.status());
            List<OrderUpdated> steps = h.eventsOf("r", OrderUpdated.class);
            assertEquals(List.of(ExecutionType.NEW, ExecutionType.EXPIRED),
                    steps.stream().map(OrderUpdated::executionType).toList());
            assertEquals("NOT_MARKETABLE", steps.get(1).reason());
            OrderResult fok = h.call(limit("r", "BTCUSDT", Side.SELL, "1", "60000.01", TimeInForce.FOK));
            assertEquals(OrderStatus.EXPIRED, fok.status());
            assertTrue(open(h, "r").isEmpty());
            assertAmount("0", h.status("r").accountInitialMargin());
            assertTrue(h.positions("r").isEmpty());

            OrderResult taker = h.call(limit("r", "BTCUSDT", Side.BUY, "1", "61000", TimeInForce.IOC));
            assertEquals(OrderStatus.FILLED, taker.status());
            assertAmount("60000", taker.avgPrice());
            assertAmount("60000", h.positions("r").get(0).entryPrice());
            assertEquals(List.of(taker.orderId(), fok.orderId(), ioc.orderId()),
                    h.<List<OrderResult>>call(new EngineCommand.GetAllOrders("r", "BTCUSDT", null, null, 10))
                            .stream().map(OrderResult::orderId).toList());
        }
    }

    @Test
    void gtx_isRejectedWhenItWouldTake_andRestsWhenItWouldNot() {
        try (EngineHarness h = EngineHarness.of(account("r", RICH))) {
            h.rejected(ErrorCode.POST_ONLY_REJECTED, limit("r", "BTCUSDT", Side.BUY, "1", "60000", TimeInForce.GTX));
            h.rejected(ErrorCode.POST_ONLY_REJECTED, limit("r", "BTCUSDT", Side.SELL, "1", "59999.99",
                    TimeInForce.GTX));
            assertEquals(List.of(), h.events("r"));
            OrderResult maker = h.call(limit("r", "BTCUSDT", Side.SELL, "1", "60000.01", TimeInForce.GTX));
            assertEquals(OrderStatus.NEW, maker.status());
            assertEquals(TimeInForce.GTX, maker.timeInForce());
            assertEquals(1L, maker.orderId());
        }
    }

    @Test
    void stopMarket_andTakeProfit_triggerOnTheMark_andFillAtIt() {
        try (EngineHarness h = EngineHarness.of(account("s", RICH, "BTCUSDT", "1", "60000"))) {
            h.rejected(ErrorCode.WOULD_TRIGGER_IMMEDIATELY, stop("s", OrderType.STOP_MARKET, Side.SELL, "1", "60000"));
            h.rejected(ErrorCode.WOULD_TRIGGER_IMMEDIATELY, stop("s", OrderType.TAKE_PROFIT_MARKET, Side.SELL, "1",
                    "59000"));
            OrderResult sl = h.call(stop("s", OrderType.STOP_MARKET, Side.SELL, null, "58000"));
            assertTrue(sl.closePosition());
            assertAmount("0", sl.origQty());
            assertAmount("58000", sl.stopPrice());
            OrderResult tp = h.call(new EngineCommand.PlaceOrder("s", "BTCUSDT", Side.SELL,
                    OrderType.TAKE_PROFIT_MARKET, d("0.4"), null, d("63000"), null, true, false, "tp-1"));
            // both only reduce: they hold no initial margin
            assertAmount("0", h.status("s").openOrderInitialMargin());

            h.mark("BTCUSDT", "58000.01");
            assertEquals(2, open(h, "s").size());
            h.mark("BTCUSDT", "57950");
            OrderUpdated fill = h.orderSteps("s", ExecutionType.TRADE).get(0);
            assertEquals(sl.orderId(), fill.orderId());
            assertAmount("1", fill.lastFilledQty());
            assertAmount("57950", fill.lastFilledPrice());
            assertTrue(h.positions("s").isEmpty());
            assertAmount("-2050", h.balance("s", "USDT").umWalletBalance());

            h.mark("BTCUSDT", "63000");
            OrderUpdated expired = h.orderSteps("s", ExecutionType.EXPIRED).get(0);
            assertEquals(List.of("tp-1", OrderStatus.EXPIRED, "NO_POSITION"), List.of(expired.clientOrderId(),
                    expired.status(),
                    expired.reason()));
            assertEquals(OrderStatus.EXPIRED, query(h, "s", tp.orderId()).status());
            assertTrue(open(h, "s").isEmpty());
        }
    }

    @Test
    void stopEntry_holdsItsLossAgainstTheMark_asOpenLoss() {
        try (EngineHarness h = EngineHarness.of(account("e", RICH))) {
            h.call(stop("e", OrderType.STOP_MARKET, Side.BUY, "1", "61000"));
            // IM 0.051 × 61000 = 3111, open loss 1 × (61000 − 60000) = 1000
            AccountStatusView s = h.status("e");
            assertAmount("1000", s.totalMarginOpenLoss());
            assertAmount("4111", s.openOrderInitialMargin());
            assertAmount("4111", s.accountInitialMargin());
            h.mark("BTCUSDT", "60500");
            assertAmount("500", h.status("e").totalMarginOpenLoss());
            assertAmount("3611", h.status("e").accountInitialMargin());
            h.mark("BTCUSDT", "61000");
            assertAmount("1", h.positions("e").get(0).positionAmt());
            assertAmount("61000", h.positions("e").get(0).entryPrice());
            assertAmount("0", h.status("e").totalMarginOpenLoss());
        }
    }

    @Test
    void reduceOnly_neverGrowsAPosition() {
        try (EngineHarness h = EngineHarness.of(account("ro", RICH, "BTCUSDT", "1", "60000"),
                account("ro2", RICH, "BTCUSDT", "1", "60000"))) {
            EngineCommand.PlaceOrder sameSide = new EngineCommand.PlaceOrder("ro", "BTCUSDT", Side.BUY,
                    OrderType.LIMIT, d("1"),
                    d("59000"), null, TimeInForce.GTC, true, false, null);
            h.rejected(ErrorCode.REDUCE_ONLY_REJECTED, sameSide);
            h.rejected(ErrorCode.REDUCE_ONLY_REJECTED, new EngineCommand.PlaceOrder("ro", "BTCUSDT", Side.BUY, d("1"),
                    true, null));
            h.call(new EngineCommand.PlaceOrder("ro", "BTCUSDT", Side.SELL, OrderType.LIMIT, d("2"), d("61000"), null,
                    TimeInForce.GTC, true,
                    false, null));
            h.call(new EngineCommand.PlaceOrder("ro2", "BTCUSDT", Side.SELL, OrderType.LIMIT, d("2"), d("61000"), null,
                    TimeInForce.GTC,
                    true, false, null));
            OrderResult market = h.call(new EngineCommand.PlaceOrder("ro", "BTCUSDT", Side.SELL, d("3"), true, null));
            assertAmount("1", market.executedQty());
            assertAmount("3", market.origQty());
            assertTrue(h.positions("ro").isEmpty());
            h.mark("BTCUSDT", "61000");
            assertTrue(h.positions("ro").isEmpty());
            OrderUpdated expired = h.orderSteps("ro", ExecutionType.EXPIRED).get(0);
            assertEquals("NO_POSITION", expired.reason());

            // ro2: the resting reduce-only SELL 2 fills only the 1 held, at its price
            List<OrderUpdated> trades = h.orderSteps("ro2", ExecutionType.TRADE);
            assertEquals(1, trades.size(), trades.toString());
            assertAmount("1", trades.get(0).lastFilledQty());
            assertAmount("61000", trades.get(0).lastFilledPrice());
            assertTrue(h.positions("ro2").isEmpty());
            assertAmount("1000", h.balance("ro2", "USDT").umWalletBalance());
        }
    }

    @Test
    void openOrders_raiseInitialMargin_asDocumented_portfolio() {
        try (EngineHarness h = EngineHarness.of(account("im", RICH, "BTCUSDT", "-1", "60000"))) {
            // the short alone: MM = 0.034 × 60000 = 2040, IM = 3060
            assertAmount("3060", h.status("im").accountInitialMargin());
            h.call(limit("im", "BTCUSDT", Side.BUY, "0.5", "59000", TimeInForce.GTC));
            // buys up to the short's size only close it: no IM
            assertAmount("0", h.status("im").openOrderInitialMargin());
            h.call(limit("im", "BTCUSDT", Side.BUY, "1.5", "59000", TimeInForce.GTC));
            // buys 2, of which 1 opens: half of 118000 → 0.051 × 59000 = 3009
            assertAmount("3009", h.status("im").openOrderInitialMargin());
            assertAmount("6069", h.status("im").accountInitialMargin());
            OrderResult sell = h.call(limit("im", "BTCUSDT", Side.SELL, "1", "61000", TimeInForce.GTC));
            // the larger side counts: max(59000, 61000) × 0.051 = 3111
            assertAmount("3111", h.status("im").openOrderInitialMargin());
            assertAmount("6171", h.status("im").accountInitialMargin());
            h.call(new EngineCommand.CancelOrder("im", "BTCUSDT", sell.orderId(), null));
            assertAmount("6069", h.status("im").accountInitialMargin());
            // an order on ETH adds its own: 0.051 × 2 × 2900 = 295.8
            h.call(limit("im", "ETHUSDT", Side.BUY, "2", "2900", TimeInForce.GTC));
            assertAmount("3304.8", h.status("im").openOrderInitialMargin());
        }
    }

    @Test
    void openOrders_raiseInitialMargin_asDocumented_tiered() {
        GatewayConfig c = EngineHarness.config(account("im", RICH, "BTCUSDT", "-1", "60000"))
                .withMarginModel(new GatewayConfig.MarginModelConfig("TIERED", null, null, null, null, null));
        try (EngineHarness h = new EngineHarness(c)) {
            // notional / leverage 20
            assertAmount("3000", h.status("im").accountInitialMargin());
            h.call(limit("im", "BTCUSDT", Side.BUY, "2", "59000", TimeInForce.GTC));
            assertAmount("2950", h.status("im").openOrderInitialMargin());
            h.call(limit("im", "BTCUSDT", Side.SELL, "1", "61000", TimeInForce.GTC));
            assertAmount("3050", h.status("im").openOrderInitialMargin());
            assertAmount("6050", h.status("im").accountInitialMargin());
            h.call(new EngineCommand.UpdateRiskSettings("im", new EngineCommand.RiskSettingsPatch(null, null, null,
                    null, null, Map.of("BTCUSDT", 10))));
            assertAmount("6100", h.status("im").openOrderInitialMargin());
        }
    }

    @Test
    void orderThatWouldLeaveEquityBelowInitialMargin_isRejected_andChangesNothing() {
        try (EngineHarness h = EngineHarness.of(account("poor", Map.of("CROSS_MARGIN", Map.of("USDT", "3000"))))) {
            h.rejected(ErrorCode.INSUFFICIENT_MARGIN, limit("poor", "BTCUSDT", Side.BUY, "1", "59000",
                    TimeInForce.GTC));
            assertEquals(List.of(), h.events("poor"));
            assertTrue(open(h, "poor").isEmpty());
            assertAmount("0", h.status("poor").accountInitialMargin());
            OrderResult ok = h.call(limit("poor", "BTCUSDT", Side.BUY, "0.5", "59000", TimeInForce.GTC));
            assertEquals(1L, ok.orderId());
            assertAmount("1504.5", h.status("poor").accountInitialMargin());
        }
    }

    @Test
    void theOpenOrderLimit_isPartOfTheConfigFingerprint_onlyWhenNotTheDefault() {
        GatewayConfig base = EngineHarness.config(account("c", RICH));
        GatewayConfig explicitDefault = base.withLimits(new GatewayConfig.LimitsConfig(null, null, null, null, null,
                null, null, null, null, null, null, 200));
        GatewayConfig three = base.withLimits(new GatewayConfig.LimitsConfig(null, null, null, null, null, null, null,
                null, null, null, null, 3));
        assertEquals(ConfigFingerprint.of(base), ConfigFingerprint.of(explicitDefault));
        assertNotEquals(ConfigFingerprint.of(base), ConfigFingerprint.of(three),
                "a journal replayed under another open-order limit could reject differently");
    }

    @Test
    void cancel_byIdOrClientId_cancelAll_andTheRejectionCodes() {
        GatewayConfig c = EngineHarness.config(account("c", RICH))
                .withLimits(new GatewayConfig.LimitsConfig(null, null, null, null, null, null, null, null, null, null,
                        null, 3));
        try (EngineHarness h = new EngineHarness(c)) {
            OrderResult a = h.call(new EngineCommand.PlaceOrder("c", "BTCUSDT", Side.BUY, OrderType.LIMIT, d("0.1"),
                    d("50000"),
                    null, TimeInForce.GTC, false, false, "grid-1"));
            h.rejected(ErrorCode.DUPLICATE_CLIENT_ORDER_ID, new EngineCommand.PlaceOrder("c", "ETHUSDT", Side.BUY,
                    d("1"), false, "grid-1"));
            OrderResult b = h.call(limit("c", "BTCUSDT", Side.BUY, "0.1", "51000", TimeInForce.GTC));
            h.call(limit("c", "ETHUSDT", Side.SELL, "1", "3500", TimeInForce.GTC));
            h.rejected(ErrorCode.MAX_OPEN_ORDERS, limit("c", "BTCUSDT", Side.BUY, "0.1", "52000", TimeInForce.GTC));
            // an order that does not rest does not count
            assertEquals(OrderStatus.FILLED, h.<OrderResult>call(new EngineCommand.PlaceOrder("c", "SOLUSDT", Side.BUY,
                    d("1"),
                    false, null)).status());

            h.rejected(ErrorCode.UNKNOWN_ORDER, new EngineCommand.CancelOrder("c", "ETHUSDT", a.orderId(), null));
            h.rejected(ErrorCode.UNKNOWN_ORDER, new EngineCommand.CancelOrder("c", "BTCUSDT", 999L, null));
            h.rejected(ErrorCode.UNKNOWN_ORDER, new EngineCommand.CancelOrder("c", "BTCUSDT", a.orderId(), "grid-2"));
            h.rejected(ErrorCode.MANDATORY_PARAM_MISSING, new EngineCommand.CancelOrder("c", "BTCUSDT", null, null));
            OrderResult canceled = h.call(new EngineCommand.CancelOrder("c", "BTCUSDT", null, "grid-1"));
            assertEquals(List.of(a.orderId(), OrderStatus.CANCELED), List.of(canceled.orderId(), canceled.status()));
            OrderUpdated step = h.orderSteps("c", ExecutionType.CANCELED).get(0);
            assertEquals(List.of("grid-1", "USER"), List.of(step.clientOrderId(), step.reason()));
            h.rejected(ErrorCode.UNKNOWN_ORDER, new EngineCommand.CancelOrder("c", "BTCUSDT", a.orderId(), null));
            assertEquals(OrderStatus.CANCELED, query(h, "c", a.orderId()).status());
            // the client id is free again once its order is closed
            h.call(new EngineCommand.PlaceOrder("c", "BTCUSDT", Side.BUY, OrderType.LIMIT, d("0.1"), d("50000"), null,
                    TimeInForce.GTC,
                    false, false, "grid-1"));

            List<OrderResult> all = h.call(new EngineCommand.CancelAllOrders("c", "BTCUSDT"));
            assertEquals(2, all.size());
            assertEquals(b.orderId(), all.get(0).orderId());
            assertTrue(all.stream().allMatch(o -> o.status() == OrderStatus.CANCELED));
            assertEquals(List.of("ETHUSDT"), open(h, "c").stream().map(OrderResult::symbol).toList());
            assertEquals(List.of(), h.<List<OrderResult>>call(new EngineCommand.CancelAllOrders("c", "BTCUSDT")));
            h.rejected(ErrorCode.NO_SUCH_ORDER, new EngineCommand.GetOrder("c", "BTCUSDT", 999L, null));
            assertEquals("grid-1", h.<OrderResult>call(new EngineCommand.GetOrder("c", "BTCUSDT", null, "grid-1"))
                    .clientOrderId());
        }
    }

    @Test
    void badParameters_areRejectedWithTheirCodes() {
        try (EngineHarness h = EngineHarness.of(account("p", RICH, "BTCUSDT", "1", "60000"))) {
            h.rejected(ErrorCode.MANDATORY_PARAM_MISSING, new EngineCommand.PlaceOrder("p", "BTCUSDT", Side.BUY,
                    OrderType.LIMIT,
                    d("1"), null, null, TimeInForce.GTC, false, false, null));
            h.rejected(ErrorCode.MANDATORY_PARAM_MISSING, new EngineCommand.PlaceOrder("p", "BTCUSDT", Side.BUY,
                    OrderType.LIMIT,
                    d("1"), d("59000"), null, null, false, false, null));
            h.rejected(ErrorCode.PARAM_NOT_REQUIRED, new EngineCommand.PlaceOrder("p", "BTCUSDT", Side.BUY,
                    OrderType.MARKET,
                    d("1"), d("59000"), null, null, false, false, null));
            h.rejected(ErrorCode.PARAM_NOT_REQUIRED, new EngineCommand.PlaceOrder("p", "BTCUSDT", Side.BUY,
                    OrderType.LIMIT,
                    d("1"), d("59000"), d("1"), TimeInForce.GTC, false, false, null));
            h.rejected(ErrorCode.MANDATORY_PARAM_MISSING, new EngineCommand.PlaceOrder("p", "BTCUSDT", Side.SELL,
                    OrderType.STOP_MARKET, d("1"), null, null, null, false, false, null));
            h.rejected(ErrorCode.PARAM_NOT_REQUIRED, new EngineCommand.PlaceOrder("p", "BTCUSDT", Side.SELL,
                    OrderType.STOP_MARKET, d("1"), null, d("50000"), null, false, true, null));
            h.rejected(ErrorCode.PARAM_NOT_REQUIRED, new EngineCommand.PlaceOrder("p", "BTCUSDT", Side.SELL,
                    OrderType.LIMIT,
                    null, d("61000"), null, TimeInForce.GTC, false, true, null));
            h.rejected(ErrorCode.BAD_PARAM_VALUE, new EngineCommand.PlaceOrder("p", "BTCUSDT", Side.SELL,
                    OrderType.STOP_MARKET, d("1"), null, d("50000"), TimeInForce.IOC, false, false, null));
            h.rejected(ErrorCode.BAD_PRECISION, limit("p", "BTCUSDT", Side.SELL, "1", "61000.123456789",
                    TimeInForce.GTC));
            h.rejected(ErrorCode.BAD_PARAM_VALUE, limit("p", "BTCUSDT", Side.SELL, "1", "0", TimeInForce.GTC));
            assertEquals(List.of(), h.events("p"));
        }
    }

    @Test
    void liquidation_cancelsEveryOpenOrder_beforeItsFirstFill() {
        try (EngineHarness h = EngineHarness.of(account("a", Map.of("CROSS_MARGIN", Map.of("USDT", "11000")),
                "BTCUSDT", "1", "60000", "ETHUSDT", "10", "3000"))) {
            h.call(limit("a", "ETHUSDT", Side.SELL, "5", "3300", TimeInForce.GTC));
            h.call(limit("a", "BTCUSDT", Side.BUY, "0.05", "50000", TimeInForce.GTC));
            h.call(stop("a", OrderType.STOP_MARKET, Side.SELL, null, "40000"));
            int before = h.events("a").size();
            h.marks("BTCUSDT", "54000", "ETHUSDT", "2700");
            List<AccountEvent> ev = h.eventsSince("a", before).stream()
                    .filter(e -> !(e instanceof AccountEvent.MarginAlertRaised)).toList();
            List<String> kinds = ev.stream().map(e -> e instanceof OrderUpdated o ? o.executionType().name()
                    : e.getClass().getSimpleName()).toList();
            assertEquals(List.of("RiskLevelChanged", "CANCELED", "CANCELED", "CANCELED", "NEW", "TRADE",
                    "AccountUpdated", "RiskLevelChanged"), kinds);
            assertEquals(AccountStatus.FORCE_LIQUIDATION, ((AccountEvent.RiskLevelChanged) ev.get(0)).accountStatus());
            for (int i = 1; i <= 3; i++) {
                assertEquals("LIQUIDATION", ((OrderUpdated) ev.get(i)).reason());
            }
            assertEquals("autoclose-1", ((OrderUpdated) ev.get(5)).clientOrderId());
            assertTrue(open(h, "a").isEmpty());
            // the liquidation itself ends where it would without the orders
            assertAmount("1730", h.status("a").accountEquity());
            assertAmount("0", h.status("a").openOrderInitialMargin());
        }
    }

    @Test
    void crossedOrdersOfOneTick_fireOldestFirst_acrossAccounts() {
        try (EngineHarness h = EngineHarness.of(account("x", RICH), account("y", RICH))) {
            OrderResult y1 = h.call(limit("y", "BTCUSDT", Side.BUY, "0.1", "59000", TimeInForce.GTC));
            OrderResult x1 = h.call(limit("x", "BTCUSDT", Side.BUY, "0.1", "59500", TimeInForce.GTC));
            OrderResult y2 = h.call(stop("y", OrderType.TAKE_PROFIT_MARKET, Side.BUY, "0.1", "59800"));
            OrderResult x2 = h.call(limit("x", "BTCUSDT", Side.BUY, "0.1", "58000", TimeInForce.GTC));
            h.mark("BTCUSDT", "58500");
            assertEquals(List.of(y1.orderId(), y2.orderId()), h.orderSteps("y", ExecutionType.TRADE).stream()
                    .map(OrderUpdated::orderId).toList());
            assertEquals(List.of(x1.orderId()), h.orderSteps("x",
                    ExecutionType.TRADE).stream().map(OrderUpdated::orderId)
                    .toList());
            assertAmount("58500", h.orderSteps("y", ExecutionType.TRADE).get(1).lastFilledPrice());
            assertEquals(List.of(x2.orderId()), open(h, "x").stream().map(OrderResult::orderId).toList());
            assertFalse(h.positions("x").isEmpty());
        }
    }

    @Test
    void leavingPortfolioMargin_needsNoOpenOrders() {
        try (EngineHarness h = EngineHarness.of(account("m", RICH))) {
            OrderResult o = h.call(limit("m", "BTCUSDT", Side.BUY, "0.1", "50000", TimeInForce.GTC));
            h.rejected(ErrorCode.WRONG_MODE, new EngineCommand.SetPortfolioMargin("m", false));
            h.call(new EngineCommand.CancelOrder("m", "BTCUSDT", o.orderId(), null));
            assertEquals(false, h.<PortfolioMarginResult>call(new EngineCommand.SetPortfolioMargin("m", false))
                    .portfolioMargin());
            assertEquals(BigDecimal.ZERO.compareTo(h.status("m").accountInitialMargin()), 0);
        }
    }
}
