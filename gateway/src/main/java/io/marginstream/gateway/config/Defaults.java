package io.marginstream.gateway.config;

import io.marginstream.gateway.config.GatewayConfig.AccountConfig;
import io.marginstream.gateway.config.GatewayConfig.AssetConfig;
import io.marginstream.gateway.config.GatewayConfig.Bracket;
import io.marginstream.gateway.config.GatewayConfig.InstrumentConfig;
import io.marginstream.gateway.config.GatewayConfig.KeyConfig;
import io.marginstream.gateway.config.GatewayConfig.PositionConfig;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The documented defaults of PROTOCOL.md §5 and §10 in one place. */
public final class Defaults {
    private Defaults() {}

    static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    public static final BigDecimal SHOCK = d("0.03");

    public static final Map<String, BigDecimal> PRICES = Map.of(
            "BTCUSDT", d("60000"), "ETHUSDT", d("3000"), "BNBUSDT", d("600"), "SOLUSDT", d("150"),
            "BTCUSDT_QUARTER", d("60300"), "BTCUSD_PERP", d("60000"), "ETHUSD_PERP", d("3000"));

    public static final Map<String, BigDecimal> VOLATILITY = Map.of(
            "BTC", d("0.6"), "ETH", d("0.75"), "BNB", d("0.7"), "SOL", d("0.9"));

    public static final List<AssetConfig> ASSETS = List.of(
            new AssetConfig("USDT", d("1")), new AssetConfig("USDC", d("1")), new AssetConfig("BTC", d("0.95")),
            new AssetConfig("ETH", d("0.95")), new AssetConfig("BNB", d("0.95")), new AssetConfig("SOL", d("0.9")));

    public static final List<Bracket> BTC_BRACKETS = List.of(
            new Bracket(d("0"), d("0.004"), d("0")), new Bracket(d("50000"), d("0.005"), d("50")),
            new Bracket(d("600000"), d("0.01"), d("3050")), new Bracket(d("3000000"), d("0.025"), d("48050")));

    public static final List<Bracket> FLAT_BRACKETS = List.of(new Bracket(d("0"), d("0.01"), d("0")));

    public static final List<InstrumentConfig> INSTRUMENTS = List.of(
            new InstrumentConfig("BTCUSDT", "UM", "BTC", d("0.001"), null, 20, null),
            new InstrumentConfig("ETHUSDT", "UM", "ETH", d("0.001"), null, 20, null),
            new InstrumentConfig("BNBUSDT", "UM", "BNB", d("0.01"), null, 20, null),
            new InstrumentConfig("SOLUSDT", "UM", "SOL", d("0.1"), null, 20, null),
            new InstrumentConfig("BTCUSDT_QUARTER", "UM", "BTC", d("0.001"), null, 20, null),
            new InstrumentConfig("BTCUSD_PERP", "CM", "BTC", d("1"), d("100"), 20, null),
            new InstrumentConfig("ETHUSD_PERP", "CM", "ETH", d("1"), d("10"), 20, null));

    public static final Map<String, BigDecimal> CORRELATIONS = orderedMap(
            "BTC/ETH", d("0.85"), "BTC/BNB", d("0.7"), "BTC/SOL", d("0.75"),
            "ETH/BNB", d("0.7"), "ETH/SOL", d("0.75"), "BNB/SOL", d("0.65"));

    /** Quarterly-style expiries (each settles at 08:00 UTC of the day). */
    public static final List<String> OPTION_EXPIRIES = List.of("2026-12-25", "2027-03-26", "2027-06-25");

    /** BTC strikes 50000…70000 and ETH 2500…3500 around the default start prices, five each. */
    public static final Map<String, GatewayConfig.OptionUnderlyingConfig> OPTION_UNDERLYINGS = Map.of(
            "BTC", new GatewayConfig.OptionUnderlyingConfig(d("5000"), 2, d("0.01"), d("0.6"), d("-0.1"), d("0.05")),
            "ETH", new GatewayConfig.OptionUnderlyingConfig(d("250"), 2, d("0.1"), d("0.75"), d("-0.1"), d("0.05")));

    public static final List<BigDecimal> ALERTS = List.of(d("1.10"), d("1.05"), d("1.01"));

    /**
     * The demo account of the embedded defaults: balances in every wallet and a hedged book that the simulated feed
     * moves through the status bands (docs/ENGINE.md, "The demo book"). BTC perpetual short against ETH long of about
     * the same delta: the margin model offsets them (correlation 0.85) while the feed walks them independently, so
     * the spread's P&L moves uniMMR; a long quarterly against the perpetual, a CM short against CM BTC, a small SOL
     * long. On the default feed (seed 42) uniMMR starts at 2.02 and, in the first hour, falls to 1.46 (MARGIN_CALL)
     * without reaching REDUCE_ONLY ({@code DemoBookTest}).
     */
    public static AccountConfig demoAccount(String apiKey, String secret) {
        return new AccountConfig("demo", 1, true,
                List.of(new KeyConfig(apiKey, secret, null, List.of("READ", "TRANSFER", "TRADE", "ADMIN"), null, null)),
                Map.of("SPOT", Map.of("USDT", d("10000")),
                        "CROSS_MARGIN", Map.of("USDT", d("40000"), "BTC", d("1")),
                        "UM", Map.of("USDT", d("5000"), "BNB", d("3")),
                        "CM", Map.of("BTC", d("0.5"))),
                List.of(new PositionConfig("BTCUSDT", d("-40"), d("60000")),
                        new PositionConfig("BTCUSDT_QUARTER", d("5"), d("60300")),
                        new PositionConfig("ETHUSDT", d("900"), d("3000")),
                        new PositionConfig("BTCUSD_PERP", d("-300"), d("60000")),
                        new PositionConfig("SOLUSDT", d("100"), d("150"))));
    }

    /**
     * A synthetic load-test account: balances plus a small hedged book of 6 positions over 4 underlyings. Keys are
     * derived by the caller from {@code syntheticAccounts}.
     */
    public static AccountConfig syntheticAccount(String id, List<KeyConfig> keys) {
        return new AccountConfig(id, 0, true, keys,
                Map.of("SPOT", Map.of("USDT", d("10000")),
                        "CROSS_MARGIN", Map.of("USDT", d("50000")),
                        "UM", Map.of("USDT", d("5000"), "BNB", d("1")),
                        "CM", Map.of("BTC", d("0.2"))),
                List.of(new PositionConfig("BTCUSDT", d("0.5"), d("60000")),
                        new PositionConfig("BTCUSDT_QUARTER", d("-0.3"), d("60300")),
                        new PositionConfig("ETHUSDT", d("-8"), d("3000")),
                        new PositionConfig("BNBUSDT", d("10"), d("600")),
                        new PositionConfig("SOLUSDT", d("-20"), d("150")),
                        new PositionConfig("BTCUSD_PERP", d("-100"), d("60000"))));
    }

    private static Map<String, BigDecimal> orderedMap(Object... kv) {
        Map<String, BigDecimal> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (BigDecimal) kv[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
