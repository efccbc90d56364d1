package io.marginstream.gateway.engine;

import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.gateway.engine.margin.Market;
import io.marginstream.gateway.engine.margin.RiskBook;
import io.marginstream.protocol.ApiException;
import io.marginstream.protocol.ErrorCode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The bounds of the per-account risk settings (§5.5), merging an update into the current settings, and resolving
 * settings into the numbers a {@link RiskBook} carries. Stateless apart from the market and config.
 */
final class RiskSettingsRules {
    static final BigDecimal MIN_RISK_MULTIPLIER = new BigDecimal("0.8");
    static final BigDecimal MAX_RISK_MULTIPLIER = new BigDecimal("1.5");
    /** Highest annualized volatility floor accepted (1000 %). */
    static final BigDecimal MAX_VOLATILITY_FLOOR = BigDecimal.TEN;
    /** Alert thresholds: at most this many, each in (0, MAX_ALERT_THRESHOLD]. */
    static final int MAX_ALERTS = 8;
    static final BigDecimal MAX_ALERT_THRESHOLD = BigDecimal.TEN;
    static final int MAX_LEVERAGE = 125;

    private final Market market;
    private final RiskSettings defaults;
    private final long[] defaultAlertsE8;

    RiskSettingsRules(Market market, GatewayConfig config) {
        this.market = market;
        List<BigDecimal> alerts = validAlerts(config.risk().alertThresholds(), "risk.alertThresholds");
        this.defaults = new RiskSettings(BigDecimal.ONE, Map.of(), Map.of(), List.of(), alerts, Map.of());
        this.defaultAlertsE8 = scaled(defaults);
    }

    RiskSettings defaults() {
        return defaults;
    }

    /** The settings after {@code patch}; {@code -1130} naming the first bad field. */
    RiskSettings merge(RiskSettings cur, EngineCommand.RiskSettingsPatch patch) {
        if (patch == null) {
            throw new ApiException(ErrorCode.MANDATORY_PARAM_MISSING, "No risk setting was sent.");
        }
        BigDecimal mult = cur.riskMultiplier();
        if (patch.riskMultiplier() != null) {
            mult = patch.riskMultiplier();
            if (mult.compareTo(MIN_RISK_MULTIPLIER) < 0 || mult.compareTo(MAX_RISK_MULTIPLIER) > 0) {
                throw bad("riskMultiplier", "must be between 0.8 and 1.5");
            }
        }
        Map<String, BigDecimal> floors = cur.volatilityFloors();
        if (patch.volatilityFloors() != null) {
            floors = new LinkedHashMap<>();
            for (Map.Entry<String, BigDecimal> e : patch.volatilityFloors().entrySet()) {
                if (market.underlying(e.getKey()) < 0) {
                    throw bad("volatilityFloors", "names unknown underlying '" + e.getKey() + "'");
                }
                BigDecimal v = e.getValue();
                if (v == null || v.signum() < 0 || v.compareTo(MAX_VOLATILITY_FLOOR) > 0) {
                    throw bad("volatilityFloors", "value for " + e.getKey() + " must be between 0 and 10");
                }
                floors.put(e.getKey(), v);
            }
        }
        Map<String, BigDecimal> corr = cur.correlationOverrides();
        if (patch.correlationOverrides() != null) {
            corr = new LinkedHashMap<>();
            for (Map.Entry<String, BigDecimal> e : patch.correlationOverrides().entrySet()) {
                int[] pair = e.getKey() == null ? null : market.pair(e.getKey());
                if (pair == null) {
                    throw bad("correlationOverrides", "key '" + e.getKey()
                            + "' must be two different known underlyings as A/B");
                }
                BigDecimal v = e.getValue();
                if (v == null || v.compareTo(BigDecimal.ONE.negate()) < 0 || v.compareTo(BigDecimal.ONE) > 0) {
                    throw bad("correlationOverrides", "value for " + e.getKey() + " must be between -1 and 1");
                }
                int lo = Math.min(pair[0], pair[1]);
                int hi = Math.max(pair[0], pair[1]);
                corr.put(market.underlyingNames[lo] + "/" + market.underlyingNames[hi], v);
            }
        }
        List<String> excluded = cur.excludedSymbols();
        if (patch.excludedSymbols() != null) {
            Set<String> seen = new HashSet<>();
            List<String> list = new ArrayList<>();
            for (String s : patch.excludedSymbols()) {
                if (market.symbol(s) < 0) {
                    throw bad("excludedSymbols", "names unknown symbol '" + s + "'");
                }
                if (seen.add(s)) {
                    list.add(s);
                }
            }
            list.sort(Comparator.comparingInt(market::symbol));
            excluded = list;
        }
        List<BigDecimal> alerts = cur.alertThresholds();
        if (patch.alertThresholds() != null) {
            alerts = validAlerts(patch.alertThresholds(), "alertThresholds");
        }
        Map<String, Integer> leverage = cur.leverageOverrides();
        if (patch.leverage() != null) {
            leverage = new LinkedHashMap<>(cur.leverageOverrides());
            for (Map.Entry<String, Integer> e : patch.leverage().entrySet()) {
                int sym = market.symbol(e.getKey());
                if (sym < 0) {
                    throw bad("leverage", "names unknown symbol '" + e.getKey() + "'");
                }
                if (market.isOption[sym]) {
                    throw bad("leverage", "names option '" + e.getKey() + "'; options have no leverage");
                }
                Integer v = e.getValue();
                if (v == null || v < 1 || v > MAX_LEVERAGE) {
                    throw bad("leverage", "value for " + e.getKey() + " must be an integer from 1 to 125");
                }
                leverage.put(e.getKey(), v);
            }
        }
        return new RiskSettings(mult, floors, corr, excluded, alerts, leverage);
    }

    private static List<BigDecimal> validAlerts(List<BigDecimal> given, String param) {
        if (given.size() > MAX_ALERTS) {
            throw bad(param, "must hold at most " + MAX_ALERTS + " thresholds");
        }
        List<BigDecimal> list = new ArrayList<>();
        for (BigDecimal t : given) {
            if (t == null || t.signum() <= 0 || t.compareTo(MAX_ALERT_THRESHOLD) > 0) {
                throw bad(param, "values must be greater than 0 and at most 10");
            }
            if (list.stream().noneMatch(x -> x.compareTo(t) == 0)) {
                list.add(t);
            }
        }
        list.sort(Comparator.reverseOrder());
        return List.copyOf(list);
    }

    private static ApiException bad(String param, String why) {
        return new ApiException(ErrorCode.BAD_PARAM_VALUE, "Parameter '" + param + "' " + why + ".");
    }

    /**
     * Resolves settings into the book's shock sizes, correlations, exclusions, leverage and multiplier. An account
     * without overrides shares the market's arrays (read only), which keeps the tick path's working set small.
     */
    void applyTo(RiskSettings s, RiskBook book) {
        book.settingsChanged();
        if (s.volatilityFloors().isEmpty()) {
            book.shock = market.shock;
        } else {
            double sqrtYear = Math.sqrt(365);
            double[] h = new double[market.underlyingCount];
            for (int u = 0; u < market.underlyingCount; u++) {
                BigDecimal floor = s.volatilityFloors().get(market.underlyingNames[u]);
                h[u] = floor == null ? market.shock[u] : Math.max(market.shock[u],
                        market.z * floor.doubleValue() / sqrtYear);
            }
            book.shock = h;
        }
        if (s.correlationOverrides().isEmpty()) {
            book.correlation = market.correlation;
        } else {
            double[][] c = new double[market.underlyingCount][];
            for (int u = 0; u < c.length; u++) {
                c[u] = market.correlation[u].clone();
            }
            for (Map.Entry<String, BigDecimal> e : s.correlationOverrides().entrySet()) {
                int[] p = market.pair(e.getKey());
                c[p[0]][p[1]] = e.getValue().doubleValue();
                c[p[1]][p[0]] = e.getValue().doubleValue();
            }
            book.correlation = c;
        }
        if (s.excludedSymbols().isEmpty()) {
            book.excluded = market.noExclusions;
        } else {
            boolean[] ex = new boolean[market.symbolCount];
            for (String sym : s.excludedSymbols()) {
                ex[market.symbol(sym)] = true;
            }
            book.excluded = ex;
        }
        if (s.leverageOverrides().isEmpty()) {
            book.leverage = market.defaultLeverage;
        } else {
            int[] lev = market.defaultLeverage.clone();
            s.leverageOverrides().forEach((sym, l) -> lev[market.symbol(sym)] = l);
            book.leverage = lev;
        }
        book.riskMultiplier = s.riskMultiplier().doubleValue();
    }

    /** Alert thresholds scaled by 1e8; accounts with the default thresholds share one (read-only) array. */
    long[] alertsE8(RiskSettings s) {
        if (s.alertThresholds().equals(defaults.alertThresholds())) {
            return defaultAlertsE8;
        }
        return scaled(s);
    }

    private static long[] scaled(RiskSettings s) {
        long[] t = new long[s.alertThresholds().size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = s.alertThresholds().get(i).movePointRight(8).longValue();
        }
        return t;
    }

    RiskSettingsView view(RiskSettings s) {
        Map<String, Integer> lev = new LinkedHashMap<>();
        for (int sym = 0; sym < market.futuresCount; sym++) {
            Integer o = s.leverageOverrides().get(market.symbolNames[sym]);
            lev.put(market.symbolNames[sym], o != null ? o : market.defaultLeverage[sym]);
        }
        return new RiskSettingsView(s.riskMultiplier(), Collections.unmodifiableMap(new TreeMap<>(s.volatilityFloors())),
                Collections.unmodifiableMap(new TreeMap<>(s.correlationOverrides())), s.excludedSymbols(),
                s.alertThresholds(), Collections.unmodifiableMap(lev));
    }
}
