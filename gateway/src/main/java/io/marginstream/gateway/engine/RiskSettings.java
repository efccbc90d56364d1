package io.marginstream.gateway.engine;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The stored risk settings of one account (PROTOCOL.md §5.5), immutable: {@code riskMultiplier} in [0.8, 1.5],
 * annualized {@code volatilityFloors} per underlying, {@code correlationOverrides} per {@code "A/B"} pair,
 * {@code excludedSymbols}, {@code alertThresholds} (descending) and {@code leverageOverrides} (symbol → leverage;
 * symbols not listed use the instrument's leverage).
 */
public record RiskSettings(BigDecimal riskMultiplier, Map<String, BigDecimal> volatilityFloors,
                           Map<String, BigDecimal> correlationOverrides, List<String> excludedSymbols,
                           List<BigDecimal> alertThresholds, Map<String, Integer> leverageOverrides) {

    public RiskSettings {
        volatilityFloors = Map.copyOf(volatilityFloors);
        correlationOverrides = Map.copyOf(correlationOverrides);
        excludedSymbols = List.copyOf(excludedSymbols);
        alertThresholds = List.copyOf(alertThresholds);
        leverageOverrides = Map.copyOf(leverageOverrides);
    }
}
