package io.marginstream.gateway.engine;

import io.marginstream.gateway.engine.EngineCommand.RiskSettingsPatch;
import io.marginstream.gateway.engine.EngineCommand.UpdateRiskSettings;
import io.marginstream.protocol.ErrorCode;
import io.marginstream.protocol.message.AccountStatus;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static io.marginstream.gateway.engine.EngineHarness.account;
import static io.marginstream.gateway.engine.EngineHarness.assertAmount;
import static io.marginstream.gateway.engine.EngineHarness.d;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** §5.5: bounds and the FORCE_LIQUIDATION guard. */
class RiskSettingsTest {

    private static UpdateRiskSettings update(RiskSettingsPatch p) {
        return new UpdateRiskSettings("r", p);
    }

    private static RiskSettingsPatch multiplier(String m) {
        return new RiskSettingsPatch(d(m), null, null, null, null, null);
    }

    @Test
    void outOfRangeValues_rejectedWithMinus1130() {
        List<RiskSettingsPatch> bad = List.of(
                multiplier("0.79"), multiplier("1.51"),
                new RiskSettingsPatch(null, Map.of("DOGE", d("0.5")), null, null, null, null),
                new RiskSettingsPatch(null, Map.of("BTC", d("-0.1")), null, null, null, null),
                new RiskSettingsPatch(null, null, Map.of("BTC/ETH", d("1.01")), null, null, null),
                new RiskSettingsPatch(null, null, Map.of("BTC/BTC", d("0.5")), null, null, null),
                new RiskSettingsPatch(null, null, Map.of("BTCETH", d("0.5")), null, null, null),
                new RiskSettingsPatch(null, null, null, List.of("DOGEUSDT"), null, null),
                new RiskSettingsPatch(null, null, null, null, List.of(d("0")), null),
                new RiskSettingsPatch(null, null, null, null, List.of(d("1.1"), d("1.2"), d("1.3"), d("1.4"),
                        d("1.5"), d("1.6"), d("1.7"), d("1.8"), d("1.9")), null),
                new RiskSettingsPatch(null, null, null, null, null, Map.of("BTCUSDT", 0)),
                new RiskSettingsPatch(null, null, null, null, null, Map.of("BTCUSDT", 126)),
                new RiskSettingsPatch(null, null, null, null, null, Map.of("DOGEUSDT", 10)));
        try (EngineHarness h = EngineHarness.of(account("r", Map.of("CROSS_MARGIN", Map.of("USDT", "10000"))))) {
            RiskSettingsView before = h.call(new EngineCommand.GetRiskSettings("r"));
            for (RiskSettingsPatch p : bad) {
                h.rejected(ErrorCode.BAD_PARAM_VALUE, update(p));
            }
            assertEquals(before, h.call(new EngineCommand.GetRiskSettings("r")));
            assertAmount("1", before.riskMultiplier());
            assertEquals(List.of(d("1.10"), d("1.05"), d("1.01")), before.alertThresholds());
            assertEquals(20, before.leverage().get("BTCUSDT"));
        }
    }

    @Test
    void edgeValues_accepted_andNormalized() {
        try (EngineHarness h = EngineHarness.of(account("r", Map.of("CROSS_MARGIN", Map.of("USDT", "10000"))))) {
            h.call(update(multiplier("0.8")));
            RiskSettingsView v = h.call(update(new RiskSettingsPatch(d("1.5"), Map.of("BTC", d("0.25")),
                    Map.of("ETH/BTC", d("-1")), List.of("ETHUSD_PERP"), List.of(d("1.2"), d("1.3")),
                    Map.of("BTCUSDT", 125))));
            assertAmount("1.5", v.riskMultiplier());
            assertEquals(Map.of("BTC/ETH", d("-1")), v.correlationOverrides());
            assertEquals(List.of(d("1.3"), d("1.2")), v.alertThresholds());
            assertEquals(125, v.leverage().get("BTCUSDT"));
            assertEquals(List.of("ETHUSD_PERP"), v.excludedSymbols());
        }
    }

    @Test
    void changeThatWouldForceLiquidation_rejectedWithMinus2019() {
        // uniMMR = 2100 / 2040 ≈ 1.03 (REDUCE_ONLY); ×1.5 would give 0.69
        try (EngineHarness h = EngineHarness.of(account("r", Map.of("CROSS_MARGIN", Map.of("USDT", "2100")),
                "BTCUSDT", "1", "60000"))) {
            assertEquals(AccountStatus.REDUCE_ONLY, h.status("r").accountStatus());
            h.rejected(ErrorCode.INSUFFICIENT_MARGIN, update(multiplier("1.5")));
            assertAmount("2040", h.status("r").accountMaintMargin());
            h.call(update(multiplier("0.8")));
            AccountStatusView s = h.status("r");
            assertAmount("1632", s.accountMaintMargin());
            assertEquals(AccountStatus.MARGIN_CALL, s.accountStatus());
            assertEquals(AccountStatus.MARGIN_CALL, h.eventsOf("r",
                    AccountEvent.RiskLevelChanged.class).get(0).accountStatus());
            assertEquals(BigDecimal.ZERO.compareTo(s.totalAvailableBalance()), 0);
        }
    }
}
