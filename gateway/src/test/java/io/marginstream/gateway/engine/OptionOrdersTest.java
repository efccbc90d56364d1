package io.marginstream.gateway.engine;

import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.gateway.engine.AccountEvent.AccountUpdated;
import io.marginstream.gateway.engine.AccountEvent.OrderUpdated;
import io.marginstream.protocol.message.ExecutionType;
import io.marginstream.protocol.message.OrderStatus;
import io.marginstream.protocol.message.Side;
import io.marginstream.protocol.message.TimeInForce;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static io.marginstream.gateway.engine.EngineHarness.account;
import static io.marginstream.gateway.engine.EngineHarness.assertAmount;
import static io.marginstream.gateway.engine.EngineHarness.d;
import static io.marginstream.gateway.engine.OptionsLifecycleTest.TO_EXPIRY;
import static io.marginstream.gateway.engine.OptionsMarginTest.CALL;
import static io.marginstream.gateway.engine.OptionsMarginTest.QUARTER_BEFORE_EXPIRY;
import static io.marginstream.gateway.engine.OptionsMarginTest.atQuarter;
import static io.marginstream.gateway.engine.OptionsMarginTest.config;
import static io.marginstream.gateway.engine.RestingOrderTest.limit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Resting orders on options (§12 with §5.3a): matched against the option's own model mark, whatever moved it — the
 * underlying's mark or the volatility surface — and expired when the option settles.
 */
class OptionOrdersTest {
    private static final Map<String, Map<String, String>> RICH = Map.of("CROSS_MARGIN", Map.of("USDT", "100000"));

    private static List<OrderResult> open(EngineHarness h, String acct) {
        return h.call(new EngineCommand.GetOpenOrders(acct, null));
    }

    private static BigDecimal mark(EngineHarness h, String symbol) {
        return h.engine.marks().get(symbol);
    }

    @Test
    void limitOrdersOnAnOption_restAgainstItsModelMark_andFillAtTheirPrice_whenTheSurfaceOrTheUnderlyingMovesIt() {
        try (EngineHarness h = atQuarter(config(account("o", RICH)))) {
            BigDecimal start = mark(h, CALL);
            // ATM call at τ = 0.25, σ 0.6: about 0.4 · 60000 · 0.3 ≈ 7180
            assertTrue(start.compareTo(d("7000")) > 0 && start.compareTo(d("7500")) < 0, start.toString());
            OrderResult byVol = h.call(limit("o", CALL, Side.BUY, "1", "7000", TimeInForce.GTC));
            OrderResult bySpot = h.call(limit("o", CALL, Side.BUY, "1", "6700", TimeInForce.GTC));
            assertEquals(OrderStatus.NEW, byVol.status());
            assertEquals(2, open(h, "o").size());
            assertTrue(h.status("o").openOrderInitialMargin().signum() > 0, "the resting option orders hold IM");

            // σ 0.6 → 0.57: the call's mark falls below 7000 (vega ≈ 120 per vol point), not below 6700
            h.call(new EngineCommand.SetImpliedVol("BTC", d("0.57"), null, null));
            assertTrue(mark(h, CALL).compareTo(d("7000")) <= 0 && mark(h, CALL).compareTo(d("6700")) > 0,
                    mark(h, CALL).toString());
            List<OrderUpdated> steps = h.eventsOf("o", OrderUpdated.class);
            OrderUpdated trade = steps.get(steps.size() - 1);
            assertEquals(List.of(ExecutionType.TRADE, OrderStatus.FILLED, byVol.orderId()),
                    List.of(trade.executionType(), trade.status(),
                    trade.orderId()));
            assertAmount("7000", trade.lastFilledPrice());
            assertTrue(trade.maker());
            assertEquals(List.of(bySpot.orderId()), open(h, "o").stream().map(OrderResult::orderId).toList());

            // the underlying falls 1000 (delta ≈ 0.56): the call's mark falls below 6700 on the same tick
            h.mark("BTCUSDT", "59000");
            assertTrue(mark(h, CALL).compareTo(d("6700")) <= 0, mark(h, CALL).toString());
            steps = h.eventsOf("o", OrderUpdated.class);
            trade = steps.get(steps.size() - 1);
            assertEquals(List.of(ExecutionType.TRADE, bySpot.orderId()), List.of(trade.executionType(),
                    trade.orderId()));
            assertAmount("6700", trade.lastFilledPrice());
            assertTrue(open(h, "o").isEmpty());
            assertAmount("0", h.status("o").openOrderInitialMargin());
            PositionView p = h.positions("o").get(0);
            assertEquals(CALL, p.symbol());
            assertAmount("2", p.positionAmt());
            assertAmount("6850", p.entryPrice());
        }
    }

    @Test
    void aRestingOrderOnAnOption_expiresWhenItSettles_beforeTheSettlementUpdate_andReplaysTheSame() {
        GatewayConfig cfg = config(account("o", RICH, CALL, "1", "7000"), account("n", RICH));
        EngineState live;
        List<EngineCommand> cmds;
        List<Long> times;
        List<Long> seqs;
        try (EngineHarness h = atQuarter(cfg)) {
            OrderResult sell = h.call(limit("o", CALL, Side.SELL, "1", "20000", TimeInForce.GTC));
            OrderResult buy = h.call(limit("n", CALL, Side.BUY, "1", "100", TimeInForce.GTC));
            OrderResult future = h.call(limit("n", "BTCUSDT", Side.BUY, "0.1", "50000", TimeInForce.GTC));
            assertTrue(h.status("n").openOrderInitialMargin().signum() > 0);
            int before = h.events("o").size();

            h.call(new EngineCommand.AdvanceMarketTime(TO_EXPIRY - QUARTER_BEFORE_EXPIRY));

            List<AccountEvent> ev = h.eventsSince("o", before);
            OrderUpdated expired = (OrderUpdated) ev.get(0);
            assertEquals(List.of(sell.orderId(), ExecutionType.EXPIRED, OrderStatus.EXPIRED, "OPTION_SETTLED"),
                    List.of(expired.orderId(),
                    expired.executionType(), expired.status(), expired.reason()));
            assertEquals("OPTIONS_SETTLE_LOSS", ((AccountUpdated) ev.get(1)).reason());
            assertTrue(open(h, "o").isEmpty());
            OrderUpdated other = h.eventsOf("n", OrderUpdated.class).get(2);
            assertEquals(List.of(buy.orderId(), "OPTION_SETTLED"), List.of(other.orderId(), other.reason()));
            assertEquals(List.of(future.orderId()), open(h, "n").stream().map(OrderResult::orderId).toList(),
                    "an order on a future stays");
            assertEquals(OrderStatus.EXPIRED, h.<OrderResult>call(new EngineCommand.GetOrder("o", CALL, sell.orderId(),
                    null))
                    .status());
            live = h.engine.snapshot();
            cmds = List.copyOf(h.journaled);
            times = List.copyOf(h.journaledTimes);
            seqs = List.copyOf(h.journaledSeqs);
        }
        try (MarginEngine replayed = new MarginEngine(cfg, () -> 0L, EngineListener.NONE, CommandJournal.NONE)) {
            for (int i = 0; i < cmds.size(); i++) {
                replayed.replay(seqs.get(i), times.get(i), cmds.get(i));
            }
            assertEquals(live, replayed.snapshot());
        }
    }
}
