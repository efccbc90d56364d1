package io.marginstream.gateway.engine;

import io.marginstream.gateway.engine.AccountEvent.MarginAlertRaised;
import io.marginstream.gateway.engine.AccountEvent.RiskLevelChanged;
import io.marginstream.protocol.ErrorCode;
import io.marginstream.protocol.message.AccountStatus;
import io.marginstream.protocol.message.OrderStatus;
import io.marginstream.protocol.message.Side;
import io.marginstream.protocol.message.Wallet;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.marginstream.gateway.engine.EngineHarness.account;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * §5.4: every status band and alert crossing, with re-arming. One account: 5000 USDT cross margin and 1 BTC long
 * from 60000, so {@code MM = 0.034·p} and {@code uniMMR = (p − 55000) / (0.034·p)}.
 */
class StatusAndAlertsTest {

    /** mark → expected status after it, and the alert thresholds newly raised by it. */
    private record Step(String mark, String status, List<String> alerts) {
    }

    private static Step step(String mark, String status, String... alerts) {
        return new Step(mark, status, List.of(alerts));
    }

    @Test
    void everyBandAndAlertCrossing_withRearm() {
        List<Step> table = List.of(
                step("59000", "NORMAL"),                    // 1.994
                step("57900", "MARGIN_CALL"),               // 1.473
                step("57300", "REDUCE_ONLY"),               // 1.181
                step("57100", "REDUCE_ONLY", "1.10"),       // 1.082: below 1.10
                step("57050", "REDUCE_ONLY"),               // 1.057: still below 1.10, above 1.05
                step("57300", "REDUCE_ONLY"),               // 1.181: 1.10 re-arms
                step("57100", "REDUCE_ONLY", "1.10"),       // raised again
                step("58000", "NORMAL"),                    // 1.521
                step("57000", "REDUCE_ONLY", "1.10", "1.05"), // 1.032: two thresholds in one move
                step("56950", "REDUCE_ONLY", "1.01"),       // 1.007
                step("56900", "NORMAL"));                   // 0.982: FORCE_LIQUIDATION, position closed, NORMAL
        try (EngineHarness h = EngineHarness.of(account("a", Map.of("CROSS_MARGIN", Map.of("USDT", "5000")),
                "BTCUSDT", "1", "60000"))) {
            String previous = "NORMAL";
            for (Step s : table) {
                int from = h.events("a").size();
                h.mark("BTCUSDT", s.mark);
                List<AccountEvent> evs = h.eventsSince("a", from);
                List<String> alerts = new ArrayList<>();
                List<String> levels = new ArrayList<>();
                for (AccountEvent e : evs) {
                    if (e instanceof MarginAlertRaised m) {
                        alerts.add(m.threshold().toPlainString());
                    } else if (e instanceof RiskLevelChanged r) {
                        levels.add(r.accountStatus().name());
                    }
                }
                assertEquals(s.alerts, alerts, "alerts at " + s.mark);
                assertEquals(s.status, h.status("a").accountStatus().name(), "status at " + s.mark);
                if (s.mark.equals("56900")) {
                    assertEquals(List.of("FORCE_LIQUIDATION", "NORMAL"), levels);
                } else if (!s.status.equals(previous)) {
                    assertEquals(List.of(s.status), levels, "riskLevelChange at " + s.mark);
                } else {
                    assertEquals(List.of(), levels, "no riskLevelChange at " + s.mark);
                }
                previous = s.status;
            }
            long u = 0;
            for (AccountEvent e : h.events("a")) {
                assertEquals(u + 1, e.updateId(), "U grows by one per event");
                u = e.updateId();
            }
        }
    }

    @Test
    void reduceOnly_refusesIncreasingOrdersAndTransfersOut() {
        try (EngineHarness h = EngineHarness.of(account("a", Map.of("CROSS_MARGIN", Map.of("USDT", "5000")),
                "BTCUSDT", "1", "60000"))) {
            h.mark("BTCUSDT", "57300");
            assertEquals(AccountStatus.REDUCE_ONLY, h.status("a").accountStatus());
            h.rejected(ErrorCode.REDUCE_ONLY, new EngineCommand.PlaceOrder("a", "BTCUSDT", Side.BUY,
                    new BigDecimal("0.001"), false, null));
            h.rejected(ErrorCode.REDUCE_ONLY, new EngineCommand.Transfer("a", "USDT", BigDecimal.ONE,
                    Wallet.CROSS_MARGIN, Wallet.SPOT, null));
            OrderResult r = h.call(new EngineCommand.PlaceOrder("a", "BTCUSDT", Side.SELL, new BigDecimal("0.5"), false,
                    null));
            assertEquals(OrderStatus.FILLED, r.status());
            EngineHarness.assertAmount("0.5", h.positions("a").get(0).positionAmt());
        }
    }

    @Test
    void marginRatio_snapshotsFollowEveryRecompute() {
        try (EngineHarness h = EngineHarness.of(account("a", Map.of("CROSS_MARGIN", Map.of("USDT", "5000")),
                "BTCUSDT", "1", "60000"))) {
            h.mark("BTCUSDT", "59000");
            MarginSnapshot last = h.ratios.get(h.ratios.size() - 1);
            EngineHarness.assertAmount("2006", last.maintMargin());
            EngineHarness.assertAmount("4000", last.accountEquity());
            assertEquals(AccountStatus.NORMAL, last.accountStatus());
            assertEquals("4000.00000000", MarginSnapshot.plain(last.accountEquityE8()));
        }
    }
}
