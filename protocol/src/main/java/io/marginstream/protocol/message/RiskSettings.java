package io.marginstream.protocol.message;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An account's risk settings (PROTOCOL.md §5.5): the result of {@code account.riskSettings} and of
 * {@code account.riskSettings.update}. Maps are sorted by key.
 *
 * @param riskMultiplier       0.8–1.5, default 1
 * @param volatilityFloors     underlying → annualized volatility floor
 * @param correlationOverrides {@code "BTC/ETH"} → correlation in [-1, 1]
 * @param excludedSymbols      symbols left out of portfolio aggregation
 * @param alertThresholds      uniMMR levels that emit {@code marginAlert}
 * @param leverage             symbol → leverage for the {@code TIERED} initial margin
 */
@JsonPropertyOrder({"riskMultiplier", "volatilityFloors", "correlationOverrides", "excludedSymbols",
        "alertThresholds", "leverage"})
public record RiskSettings(BigDecimal riskMultiplier, Map<String, BigDecimal> volatilityFloors,
                           Map<String, BigDecimal> correlationOverrides, List<String> excludedSymbols,
                           List<BigDecimal> alertThresholds, Map<String, Integer> leverage) {
    public RiskSettings {
        volatilityFloors = sorted(volatilityFloors);
        correlationOverrides = sorted(correlationOverrides);
        excludedSymbols = List.copyOf(excludedSymbols);
        alertThresholds = List.copyOf(alertThresholds);
        leverage = sorted(leverage);
    }

    static <V> Map<String, V> sorted(Map<String, V> map) {
        return Collections.unmodifiableMap(new TreeMap<>(map));
    }
}
