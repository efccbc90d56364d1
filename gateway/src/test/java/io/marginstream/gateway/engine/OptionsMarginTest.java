package io.marginstream.gateway.engine;

import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.gateway.config.GatewayConfig.OptionUnderlyingConfig;
import io.marginstream.gateway.config.GatewayConfig.OptionsConfig;
import io.marginstream.protocol.message.FuturesType;
import io.marginstream.protocol.message.OrderStatus;
import io.marginstream.protocol.message.Side;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static io.marginstream.gateway.engine.EngineHarness.account;
import static io.marginstream.gateway.engine.EngineHarness.assertAmount;
import static io.marginstream.gateway.engine.EngineHarness.d;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * §5.3a as balance tables with hand-computed figures. One expiry (2026-06-26), BTC strikes 55000/60000/65000, a flat
 * surface σ = 0.6; the market clock is moved to exactly a quarter of a year before expiry (τ = 0.25), with
 * F = 60000, so every ATM figure follows from {@code σ√τ = 0.3}, {@code d1 = 0.15}, {@code d2 = −0.15}:
 * <pre>
 *   C = P = 60000·(2·N(0.15) − 1) = 60000·0.119235384740 = 7154.1230844   → mark 7154.12
 * </pre>
 * Grid (h = 0.03, volShock 0.25): the ATM call's value at each point, F·(1 + k·0.03) × σ·(1 + v·0.25):
 * <pre>
 *   k \ σ      0.45          0.60          0.75
 *   −1     4441.99078    6182.82619    7918.66340
 *   +1     6401.80087    8196.38703    9985.53420
 * </pre>
 * (the other rows in docs/ENGINE.md). A short call's worst point is k = +1, σ = 0.75: L = 9985.53420 − 7154.12308
 * = 2831.41111.
 */
class OptionsMarginTest {
    static final String CALL = "BTC-260626-60000-C";
    static final String PUT = "BTC-260626-60000-P";
    /** Moves the market clock from 2026-01-01T10:00Z to 2026-06-26T08:00Z − 0.25 × 365 days. */
    static final long QUARTER_BEFORE_EXPIRY = 7_315_200_000L;
    private static final Map<String, Map<String, String>> USDT = Map.of("CROSS_MARGIN", Map.of("USDT", "100000"));

    static GatewayConfig config(GatewayConfig.AccountConfig... accounts) {
        return EngineHarness.config(accounts).withOptions(new OptionsConfig(List.of("2026-06-26"),
                Map.of("BTC", new OptionUnderlyingConfig(d("5000"), 1, d("0.01"), d("0.6"), d("0"), d("0")))));
    }

    /** A started engine at τ = 0.25 for the listed options. */
    static EngineHarness atQuarter(GatewayConfig config) {
        EngineHarness h = new EngineHarness(config);
        h.call(new EngineCommand.AdvanceMarketTime(QUARTER_BEFORE_EXPIRY));
        return h;
    }

    static OrderResult order(EngineHarness h, String id, String symbol, Side side, String qty) {
        return h.call(new EngineCommand.PlaceOrder(id, symbol, side, d(qty), false, null));
    }

    static double mm(EngineHarness h, String id) {
        return h.status(id).accountMaintMargin().doubleValue();
    }

    @Test
    void atmMarks_areBlack76_andOrdersFillThere() {
        try (EngineHarness h = atQuarter(config(account("a", USDT)))) {
            assertAmount("7154.12", h.engine.marks().get(CALL));
            assertAmount("7154.12", h.engine.marks().get(PUT));
            OrderResult r = order(h, "a", CALL, Side.BUY, "1");
            assertAmount("7154.12", r.avgPrice());
            assertEquals(OrderStatus.FILLED, r.status());
            PositionView p = h.positions("a").get(0);
            assertEquals(CALL, p.symbol());
            assertEquals(FuturesType.UM, p.fs());
            assertAmount("0", p.unRealizedProfit());
            assertAmount("7154.12", p.notional());
        }
    }

    @Test
    void shortCallAlone_gridLossPlusBasisPlusShortMinimum() {
        try (EngineHarness h = atQuarter(config(account("a", USDT)))) {
            order(h, "a", CALL, Side.SELL, "1");
            // L = 2831.41111355 (k = +1, σ 0.75); basis 0.004·7154.12 = 28.61648; minimum 0.01·60000 = 600
            assertEquals(2831.41111355 + 28.61648 + 600, mm(h, "a"), 1e-6);
        }
    }

    @Test
    void coveredCall_costsLessThanTheCallAndTheFutureApart() {
        try (EngineHarness h = atQuarter(config(account("cc", USDT), account("call", USDT), account("fut", USDT)))) {
            order(h, "cc", "BTCUSDT", Side.BUY, "1");
            order(h, "cc", CALL, Side.SELL, "1");
            order(h, "call", CALL, Side.SELL, "1");
            order(h, "fut", "BTCUSDT", Side.BUY, "1");
            // covered: worst point k = −1, σ 0.75: −1800 + (7154.12308 − 7918.66340) → L = 2564.54031536;
            // basis 0.004·(60000 + 7154.12) = 268.61648; minimum 600
            double covered = mm(h, "cc");
            assertEquals(2564.54031536 + 268.61648 + 600, covered, 1e-6);
            double apart = mm(h, "call") + mm(h, "fut");
            assertEquals(3460.02759355 + 2040, apart, 1e-6);
            assertTrue(covered < apart, covered + " vs " + apart);
        }
    }

    @Test
    void protectivePut_capsTheLossScenarioAtThePremium() {
        // A volatility floor of 200 % raises h to 2.33·2/√365 = 0.24391555: a −24 % move the put pays for.
        try (EngineHarness h = atQuarter(config(account("pp", USDT), account("fut", USDT)))) {
            for (String id : List.of("pp", "fut")) {
                h.call(new EngineCommand.UpdateRiskSettings(id, new EngineCommand.RiskSettingsPatch(null,
                        Map.of("BTC", d("2")), null, null, null, null)));
                order(h, id, "BTCUSDT", Side.BUY, "1");
            }
            order(h, "pp", PUT, Side.BUY, "1");
            // future alone: L = h·60000 = 14634.93287562, MM = L + 240
            assertEquals(14634.93287562 + 240, mm(h, "fut"), 1e-6);
            // with the put, the worst point (k = −1, σ 0.45) loses 6553.75412503 < the premium 7154.12
            double pp = mm(h, "pp");
            assertEquals(6553.75412503 + 0.004 * (60000 + 7154.12), pp, 1e-6);
            assertTrue(pp - 0.004 * (60000 + 7154.12) < 7154.12);
        }
    }

    @Test
    void shortStraddle_marginRisesWhenVolIsShockedUp() {
        try (EngineHarness h = atQuarter(config(account("s", USDT)))) {
            order(h, "s", CALL, Side.SELL, "1");
            order(h, "s", PUT, Side.SELL, "1");
            // σ 0.6: L = 3862.82222710 (k = +1, σ 0.75); basis 0.004·14308.24; minimum 2·600
            double before = mm(h, "s");
            assertEquals(3862.82222710 + 0.004 * 14308.24 + 1200, before, 1e-6);
            VolSurfaceView v = h.call(new EngineCommand.SetImpliedVol("BTC", d("0.9"), null, null));
            assertAmount("0.9", v.atmVol());
            // σ 0.9: marks 10681.24 each; L = 5650.20334854; basis 0.004·21362.48; minimum 1200
            assertAmount("10681.24", h.engine.marks().get(CALL));
            double after = mm(h, "s");
            assertEquals(5650.20334854 + 0.004 * 21362.48 + 1200, after, 1e-6);
            assertTrue(after > before);
            // the shock is a loss of the two premiums' rise: 2·(10681.24 − 7154.12)
            assertAmount("-7054.24", h.status("s").actualEquity().subtract(d("100000")));
        }
    }

    @Test
    void excludingTheOptionsOfAHedgedBook_raisesMmByTheStandaloneMargin() {
        try (EngineHarness h = atQuarter(config(account("cc", USDT)))) {
            order(h, "cc", "BTCUSDT", Side.BUY, "1");
            order(h, "cc", CALL, Side.SELL, "1");
            double hedged = mm(h, "cc");
            h.call(new EngineCommand.UpdateRiskSettings("cc", new EngineCommand.RiskSettingsPatch(null, null, null,
                    List.of(CALL), null, null)));
            double excluded = mm(h, "cc");
            // the future alone (1800 + 240) plus the call standalone: its worst single-position loss 2831.41111355
            // + premium 7154.12 + minimum 600 = 10585.53111355
            assertEquals(2040 + 10585.53111355, excluded, 1e-6);
            assertEquals(2040 + 10585.53111355 - (2564.54031536 + 268.61648 + 600), excluded - hedged, 1e-6);
            PositionView call = h.positions("cc").stream().filter(p -> p.symbol().equals(CALL)).findFirst()
                    .orElseThrow();
            assertEquals(10585.53111355, call.maintMargin().doubleValue(), 1e-6);
        }
    }

    @Test
    void optionPositions_reportTheirGreeks() {
        try (EngineHarness h = atQuarter(config(account("a", USDT)))) {
            order(h, "a", CALL, Side.SELL, "2");
            order(h, "a", "BTCUSDT", Side.BUY, "0.5");
            List<PositionView> ps = h.positions("a");
            PositionView fut = ps.get(0);
            assertEquals("BTCUSDT", fut.symbol());
            assertNull(fut.delta());
            assertNull(fut.optionSide());
            PositionView c = ps.get(1);
            assertEquals("CALL", c.optionSide());
            assertAmount("60000", c.strikePrice());
            assertEquals(1_782_460_800_000L, c.expiryDate());
            assertAmount("0.6", c.markIV());
            // per contract: N(d1) = 0.55961769, φ(d1)/(F·0.3) = 2.191552e-5, F·φ(d1)·√τ/100 = 118.34379927,
            // −F·φ(d1)·σ/(2√τ)/365 = −38.90755045; the position is short 2
            assertAmount("-1.11923538", c.delta());
            assertAmount("-0.00004383", c.gamma());
            assertAmount("-236.68759854", c.vega());
            assertAmount("77.81510089", c.theta());
        }
    }

    @Test
    void tieredModel_longOptionsFree_shortsPayPremiumPlusTenPercent() {
        GatewayConfig base = config(account("long", USDT), account("short", USDT));
        GatewayConfig tiered = base.withMarginModel(new GatewayConfig.MarginModelConfig("TIERED", null, null, null,
                null, null));
        try (EngineHarness h = atQuarter(tiered)) {
            order(h, "long", CALL, Side.BUY, "1");
            order(h, "short", CALL, Side.SELL, "1");
            AccountStatusView l = h.status("long");
            assertAmount("0", l.accountMaintMargin());
            assertAmount("7154.12", l.accountInitialMargin());
            AccountStatusView s = h.status("short");
            // 7154.12 + 0.10·60000; IM = 1.5 × that
            assertAmount("13154.12", s.accountMaintMargin());
            assertAmount("19731.18", s.accountInitialMargin());
        }
    }

    @Test
    void theUnderlyingsMove_repricesItsOptions_andReEvaluatesTheirHolders() {
        try (EngineHarness h = atQuarter(config(account("a", USDT)))) {
            order(h, "a", CALL, Side.BUY, "1");
            h.mark("BTCUSDT", "61800");
            // C(61800, 60000, 0.25, σ(K/F) = 0.6 flat) = 8196.38703210 → 8196.39
            assertAmount("8196.39", h.engine.marks().get(CALL));
            assertAmount("1042.27", h.positions("a").get(0).unRealizedProfit());
            assertAmount("101042.27", h.status("a").actualEquity());
            h.mark("ETHUSDT", "3100");
            assertAmount("8196.39", h.engine.marks().get(CALL));
        }
    }

    @Test
    void optionMarks_cannotBeSetDirectly() {
        try (EngineHarness h = atQuarter(config(account("a", USDT)))) {
            h.rejected(io.marginstream.protocol.ErrorCode.BAD_PARAM_VALUE,
                    new EngineCommand.SetMarkPrice(CALL, new BigDecimal("100")));
            h.rejected(io.marginstream.protocol.ErrorCode.BAD_PARAM_VALUE,
                    new EngineCommand.SetImpliedVol("SOL", d("0.5"), null, null));
            h.rejected(io.marginstream.protocol.ErrorCode.BAD_PARAM_VALUE,
                    new EngineCommand.SetImpliedVol("BTC", d("0"), null, null));
            h.rejected(io.marginstream.protocol.ErrorCode.MANDATORY_PARAM_MISSING,
                    new EngineCommand.SetImpliedVol("BTC", null, null, null));
            h.rejected(io.marginstream.protocol.ErrorCode.BAD_PARAM_VALUE, new EngineCommand.AdvanceMarketTime(0));
            h.rejected(io.marginstream.protocol.ErrorCode.BAD_PARAM_VALUE,
                    new EngineCommand.UpdateRiskSettings("a", new EngineCommand.RiskSettingsPatch(null, null, null,
                            null, null, Map.of(CALL, 10))));
            assertAmount("7154.12", h.engine.marks().get(CALL));
        }
    }
}
