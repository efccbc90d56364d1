package io.marginstream.gateway.engine;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * An account's risk settings (PROTOCOL.md §5.5), as {@code account.riskSettings} returns them. Maps are sorted by
 * key; {@code alertThresholds} descending; {@code leverage} lists every symbol's effective leverage.
 */
public record RiskSettingsView(BigDecimal riskMultiplier, Map<String, BigDecimal> volatilityFloors,
                               Map<String, BigDecimal> correlationOverrides, List<String> excludedSymbols,
                               List<BigDecimal> alertThresholds, Map<String, Integer> leverage) {
}
