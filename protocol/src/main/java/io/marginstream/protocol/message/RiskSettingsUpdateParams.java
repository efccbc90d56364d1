package io.marginstream.protocol.message;

import com.fasterxml.jackson.databind.JsonNode;
import io.marginstream.protocol.Params;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * {@code account.riskSettings.update} params: any subset of {@link RiskSettings}; a {@code null} field stays as
 * it is; an empty list or map clears that setting. Ranges (ENGINE.md §6, all {@code -1130}): {@code riskMultiplier}
 * 0.8–1.5, volatility floors 0–10, correlations -1–1, alert thresholds above 0 and at most 10 (at most
 * {@value #MAX_ALERT_THRESHOLDS} of them), leverage 1–125; at most {@value #MAX_ENTRIES} entries per map or list.
 * A symbol or asset name of the wrong form is {@code -1130} here too, as an unknown one is: which underlyings and
 * symbols exist, and whether the change would force liquidation ({@code -2019}), are the engine's rules.
 */
public record RiskSettingsUpdateParams(BigDecimal riskMultiplier, Map<String, BigDecimal> volatilityFloors,
                                       Map<String, BigDecimal> correlationOverrides, List<String> excludedSymbols,
                                       List<BigDecimal> alertThresholds, Map<String, Integer> leverage) {
    public static final int MAX_ENTRIES = 50;
    public static final int MAX_ALERT_THRESHOLDS = 8;
    public static final int MAX_LEVERAGE = 125;
    private static final Pattern PAIR = Pattern.compile("([A-Z0-9]{1,20})/([A-Z0-9]{1,20})");

    public RiskSettingsUpdateParams {
        volatilityFloors = volatilityFloors == null ? null : RiskSettings.sorted(volatilityFloors);
        correlationOverrides = correlationOverrides == null ? null : RiskSettings.sorted(correlationOverrides);
        excludedSymbols = excludedSymbols == null ? null : List.copyOf(excludedSymbols);
        alertThresholds = alertThresholds == null ? null : List.copyOf(alertThresholds);
        leverage = leverage == null ? null : RiskSettings.sorted(leverage);
    }

    public static RiskSettingsUpdateParams from(Params p) {
        BigDecimal riskMultiplier = Checks.between(p.optDecimal("riskMultiplier"), "0.8", "1.5", "riskMultiplier");
        Map<String, BigDecimal> floors = map(p.optNode("volatilityFloors"), "volatilityFloors", (key, v) -> {
            Checks.asset(key, "volatilityFloors");
            return Checks.between(Params.decimal(v, "volatilityFloors." + key), "0", "10", "volatilityFloors." + key);
        });
        Map<String, BigDecimal> correlations = map(p.optNode("correlationOverrides"), "correlationOverrides",
                (key, v) -> {
                    var m = PAIR.matcher(key);
                    if (!m.matches() || m.group(1).equals(m.group(2))) {
                        throw Params.badValue("correlationOverrides", "keys must be pairs of assets such as \"BTC/ETH\"");
                    }
                    String name = "correlationOverrides." + key;
                    return Checks.between(Params.decimal(v, name), "-1", "1", name);
                });
        List<String> excluded = list(p.optNode("excludedSymbols"), "excludedSymbols", MAX_ENTRIES, v -> {
            if (!v.isTextual()) {
                throw Params.badValue("excludedSymbols", "must be an array of symbols");
            }
            return Checks.symbolValue(v.textValue(), "excludedSymbols");
        });
        List<BigDecimal> thresholds = list(p.optNode("alertThresholds"), "alertThresholds", MAX_ALERT_THRESHOLDS,
                v -> {
                    BigDecimal t = Params.decimal(v, "alertThresholds");
                    if (t.signum() <= 0 || t.compareTo(BigDecimal.TEN) > 0) {
                        throw Params.badValue("alertThresholds", "values must be greater than 0 and at most 10");
                    }
                    return t;
                });
        Map<String, Integer> leverage = map(p.optNode("leverage"), "leverage", (key, v) -> {
            Checks.symbolValue(key, "leverage");
            String name = "leverage." + key;
            return Checks.between(Params.integer(v, name), 1L, MAX_LEVERAGE, name).intValue();
        });
        return new RiskSettingsUpdateParams(riskMultiplier, floors, correlations, excluded, thresholds, leverage);
    }

    private static <V> Map<String, V> map(JsonNode node, String name, BiFunction<String, JsonNode, V> value) {
        if (node == null) {
            return null;
        }
        if (!node.isObject()) {
            throw Params.badValue(name, "must be an object");
        }
        if (node.size() > MAX_ENTRIES) {
            throw Params.badValue(name, "must have at most " + MAX_ENTRIES + " entries");
        }
        Map<String, V> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isNull()) {
                throw Params.badValue(name + "." + e.getKey(), "must not be null");
            }
            out.put(e.getKey(), value.apply(e.getKey(), e.getValue()));
        }
        return out;
    }

    private static <V> List<V> list(JsonNode node, String name, int max,
                                    Function<JsonNode, V> value) {
        if (node == null) {
            return null;
        }
        if (!node.isArray()) {
            throw Params.badValue(name, "must be an array");
        }
        if (node.size() > max) {
            throw Params.badValue(name, "must have at most " + max + " entries");
        }
        List<V> out = new ArrayList<>(node.size());
        for (JsonNode v : node) {
            out.add(value.apply(v));
        }
        return out;
    }
}
