package io.marginstream.gateway.engine.margin;

import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.gateway.config.GatewayConfig.AssetConfig;
import io.marginstream.gateway.config.GatewayConfig.Bracket;
import io.marginstream.gateway.config.GatewayConfig.InstrumentConfig;
import io.marginstream.gateway.config.OptionListing;
import io.marginstream.gateway.config.OptionListing.OptionInstrument;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The instruments, assets and underlyings of the config as dense arrays, plus the current marks as doubles: the
 * read-only input of the margin models. Built once; {@link #setMark} is called only by the engine thread.
 *
 * <p>Indices: assets {@code 0..assetCount-1} in config order; symbols {@code 0..futuresCount-1} are the configured
 * instruments in config order, {@code futuresCount..symbolCount-1} the listed options ({@link OptionListing}, §5.3a);
 * underlyings in order of first appearance (instruments first, then non-stable assets). An asset is stable (priced
 * at 1 USD) if it is {@code USDT} or {@code USDC}; any other asset is priced by the mark of {@code <asset>USDT} and
 * belongs to the underlying of the same name. UM instruments settle in USDT; CM instruments settle in their
 * underlying coin. Options settle in USDT like UM instruments (1 contract = 1 unit of the underlying); their marks
 * are set by the engine's option pricing, and their price is the mark of their underlying's {@code <u>USDT}, the
 * reference symbol, which is also the symbol whose moves re-evaluate the accounts holding them.
 */
public final class Market {
    /** Stable assets, priced at 1 USD. */
    public static final Set<String> STABLE_ASSETS = Set.of("USDT", "USDC");
    /** The settlement asset of every UM instrument. */
    public static final String UM_SETTLEMENT_ASSET = "USDT";
    /** At most this many configured instruments (account exposure is a 64-bit mask of them; options count as their
     *  reference symbol). */
    public static final int MAX_SYMBOLS = 64;

    public final int assetCount;
    public final int symbolCount;
    /** Symbols below this index are the configured (futures) instruments; the rest are options. */
    public final int futuresCount;
    public final int underlyingCount;
    public final String[] assetNames;
    public final String[] symbolNames;
    public final String[] underlyingNames;

    /** Per asset: underlying index, or -1 for a stable asset. */
    public final int[] assetUnderlying;
    /** Per asset: index of the symbol whose mark prices it, or -1 for a stable asset. */
    public final int[] assetPriceSymbol;
    public final double[] assetCollateralRate;
    /** Index of USDT, the UM settlement asset. */
    public final int usdtAsset;

    /** Per symbol: true for CM (inverse) instruments. */
    public final boolean[] inverse;
    /** Per symbol: USD per contract (CM), 1 for UM. */
    public final double[] contractSize;
    public final int[] symbolUnderlying;
    public final int[] settlementAsset;
    public final int[] defaultLeverage;
    public final double[][] bracketFloor;
    public final double[][] bracketMmr;
    public final double[][] bracketCum;

    /** Per symbol: true for an option. */
    public final boolean[] isOption;
    /** Per symbol: the symbol whose mark moves it (itself for futures, the reference symbol for options). */
    public final int[] exposureSymbol;
    /** Per option symbol: call (true) or put; strike; expiry (08:00 UTC, epoch ms, market clock). */
    public final boolean[] optionCall;
    public final double[] optionStrike;
    public final long[] optionExpiry;
    /**
     * Per option symbol: the offset of its values in its underlying's {@link ScenarioGrid#deltas}, its position in
     * {@link #optionsOf} times {@link ScenarioGrid#POINTS}.
     */
    public final int[] gridOffset;
    /** Per underlying: its last option symbol (its options are the symbols up to it), or -1 when it has none. */
    public final int[] lastOptionSymbol;
    /** Per underlying: its option symbols in listing order (empty when it has none). */
    public final int[][] optionsOf;
    /** Per underlying: the symbol {@code <u>USDT} that prices its options, or -1 when it has none. */
    public final int[] referenceSymbol;
    /** Relative implied-volatility move of the option grid ({@code marginModel.volShock}). */
    public final double volShock;
    /** Short-option minimum per contract, as a fraction of the underlying price ({@code marginModel.shortOptionMin}). */
    public final double shortOptionMin;
    /** Every listed option, in symbol order ({@code options[s - futuresCount]}). */
    public final List<OptionInstrument> options;

    /** Per underlying: configured shock (fraction). */
    public final double[] shock;
    public final double z;
    public final double grossRate;
    public final double imMultiplier;
    /** Default correlation matrix, {@code 1} on the diagonal. */
    public final double[][] correlation;

    /** All false: the exclusions of an account that excludes nothing (never written). */
    public final boolean[] noExclusions;

    /** Current marks per symbol. */
    public final double[] mark;
    /** Current USD price per asset (1 for stable assets). */
    public final double[] assetPrice;

    private final Map<String, Integer> assetIndex = new HashMap<>();
    private final Map<String, Integer> symbolIndex = new HashMap<>();
    private final Map<String, Integer> underlyingIndex = new HashMap<>();

    public Market(GatewayConfig config) {
        List<AssetConfig> assets = config.assets();
        List<InstrumentConfig> instruments = config.instruments();
        if (instruments.size() > MAX_SYMBOLS) {
            throw new IllegalArgumentException("instruments: at most " + MAX_SYMBOLS + " are supported");
        }
        options = OptionListing.of(config);
        assetCount = assets.size();
        futuresCount = instruments.size();
        symbolCount = futuresCount + options.size();
        assetNames = new String[assetCount];
        for (int a = 0; a < assetCount; a++) {
            AssetConfig ac = assets.get(a);
            if (ac.asset() == null || ac.asset().isEmpty()) {
                throw new IllegalArgumentException("assets[" + a + "].asset is missing");
            }
            if (assetIndex.put(ac.asset(), a) != null) {
                throw new IllegalArgumentException("assets: duplicate asset " + ac.asset());
            }
            if (ac.collateralRate().signum() < 0 || ac.collateralRate().compareTo(BigDecimal.ONE) > 0) {
                throw new IllegalArgumentException("assets." + ac.asset() + ".collateralRate must be in [0, 1]");
            }
            assetNames[a] = ac.asset();
        }
        Integer usdt = assetIndex.get(UM_SETTLEMENT_ASSET);
        if (usdt == null) {
            throw new IllegalArgumentException("assets: USDT is required (UM instruments settle in it)");
        }
        usdtAsset = usdt;
        List<String> unders = new ArrayList<>();
        symbolNames = new String[symbolCount];
        inverse = new boolean[symbolCount];
        contractSize = new double[symbolCount];
        symbolUnderlying = new int[symbolCount];
        settlementAsset = new int[symbolCount];
        defaultLeverage = new int[symbolCount];
        bracketFloor = new double[symbolCount][];
        bracketMmr = new double[symbolCount][];
        bracketCum = new double[symbolCount][];
        for (int s = 0; s < futuresCount; s++) {
            InstrumentConfig ic = instruments.get(s);
            String where = "instruments." + ic.symbol();
            if (ic.symbol() == null || ic.symbol().isEmpty() || ic.underlying() == null) {
                throw new IllegalArgumentException("instruments[" + s + "] needs symbol and underlying");
            }
            if (symbolIndex.put(ic.symbol(), s) != null) {
                throw new IllegalArgumentException("instruments: duplicate symbol " + ic.symbol());
            }
            symbolNames[s] = ic.symbol();
            if (!underlyingIndex.containsKey(ic.underlying())) {
                underlyingIndex.put(ic.underlying(), unders.size());
                unders.add(ic.underlying());
            }
            symbolUnderlying[s] = underlyingIndex.get(ic.underlying());
            if ("CM".equals(ic.fs())) {
                inverse[s] = true;
                if (ic.contractSize() == null || ic.contractSize().signum() <= 0) {
                    throw new IllegalArgumentException(where + ".contractSize must be > 0 for a CM instrument");
                }
                contractSize[s] = ic.contractSize().doubleValue();
                Integer coin = assetIndex.get(ic.underlying());
                if (coin == null) {
                    throw new IllegalArgumentException(where + ": CM settlement asset " + ic.underlying()
                            + " is not among the assets");
                }
                settlementAsset[s] = coin;
            } else if ("UM".equals(ic.fs())) {
                contractSize[s] = 1;
                settlementAsset[s] = usdtAsset;
            } else {
                throw new IllegalArgumentException(where + ".fs must be UM or CM");
            }
            if (ic.stepSize().signum() <= 0) {
                throw new IllegalArgumentException(where + ".stepSize must be > 0");
            }
            if (ic.leverage() < 1 || ic.leverage() > 125) {
                throw new IllegalArgumentException(where + ".leverage must be in [1, 125]");
            }
            defaultLeverage[s] = ic.leverage();
            List<Bracket> br = ic.brackets();
            if (br.isEmpty()) {
                throw new IllegalArgumentException(where + ".brackets must not be empty");
            }
            bracketFloor[s] = new double[br.size()];
            bracketMmr[s] = new double[br.size()];
            bracketCum[s] = new double[br.size()];
            for (int i = 0; i < br.size(); i++) {
                bracketFloor[s][i] = br.get(i).notionalFloor().doubleValue();
                bracketMmr[s][i] = br.get(i).mmr().doubleValue();
                bracketCum[s][i] = br.get(i).cum().doubleValue();
                if (i > 0 && bracketFloor[s][i] <= bracketFloor[s][i - 1]) {
                    throw new IllegalArgumentException(where + ".brackets must have increasing notionalFloor");
                }
            }
        }
        isOption = new boolean[symbolCount];
        exposureSymbol = new int[symbolCount];
        optionCall = new boolean[symbolCount];
        optionStrike = new double[symbolCount];
        optionExpiry = new long[symbolCount];
        gridOffset = new int[symbolCount];
        for (int s = 0; s < futuresCount; s++) {
            exposureSymbol[s] = s;
        }
        for (int o = 0; o < options.size(); o++) {
            OptionInstrument oi = options.get(o);
            int s = futuresCount + o;
            if (symbolIndex.put(oi.symbol(), s) != null) {
                throw new IllegalArgumentException("options: symbol " + oi.symbol() + " clashes with an instrument");
            }
            symbolNames[s] = oi.symbol();
            contractSize[s] = 1;
            symbolUnderlying[s] = underlyingIndex.get(oi.underlying());
            settlementAsset[s] = usdtAsset;
            defaultLeverage[s] = 1;
            isOption[s] = true;
            exposureSymbol[s] = symbolIndex.get(oi.referenceSymbol());
            optionCall[s] = oi.call();
            optionStrike[s] = oi.strike().doubleValue();
            optionExpiry[s] = oi.expiryMillis();
        }
        assetUnderlying = new int[assetCount];
        assetPriceSymbol = new int[assetCount];
        assetCollateralRate = new double[assetCount];
        for (int a = 0; a < assetCount; a++) {
            assetCollateralRate[a] = assets.get(a).collateralRate().doubleValue();
            if (STABLE_ASSETS.contains(assetNames[a])) {
                assetUnderlying[a] = -1;
                assetPriceSymbol[a] = -1;
                continue;
            }
            Integer ps = symbolIndex.get(assetNames[a] + "USDT");
            if (ps == null) {
                throw new IllegalArgumentException("assets." + assetNames[a] + ": no instrument " + assetNames[a]
                        + "USDT prices it");
            }
            assetPriceSymbol[a] = ps;
            if (!underlyingIndex.containsKey(assetNames[a])) {
                underlyingIndex.put(assetNames[a], unders.size());
                unders.add(assetNames[a]);
            }
            assetUnderlying[a] = underlyingIndex.get(assetNames[a]);
        }
        underlyingCount = unders.size();
        underlyingNames = unders.toArray(new String[0]);
        referenceSymbol = new int[underlyingCount];
        lastOptionSymbol = new int[underlyingCount];
        optionsOf = new int[underlyingCount][];
        for (int u = 0; u < underlyingCount; u++) {
            referenceSymbol[u] = -1;
            lastOptionSymbol[u] = -1;
            int n = 0;
            for (int s = futuresCount; s < symbolCount; s++) {
                if (symbolUnderlying[s] == u) {
                    if (n > 0 && lastOptionSymbol[u] != s - 1) {
                        throw new IllegalStateException("the options of " + unders.get(u) + " are not listed together");
                    }
                    gridOffset[s] = n++ * ScenarioGrid.POINTS;
                    referenceSymbol[u] = exposureSymbol[s];
                    lastOptionSymbol[u] = s;
                }
            }
            optionsOf[u] = new int[n];
            for (int s = futuresCount, i = 0; s < symbolCount; s++) {
                if (symbolUnderlying[s] == u) {
                    optionsOf[u][i++] = s;
                }
            }
        }
        volShock = config.marginModel().volShock().doubleValue();
        shortOptionMin = config.marginModel().shortOptionMin().doubleValue();
        if (volShock <= 0 || volShock >= 1) {
            throw new IllegalArgumentException("marginModel.volShock must be in (0, 1)");
        }
        if (shortOptionMin < 0 || shortOptionMin >= 1) {
            throw new IllegalArgumentException("marginModel.shortOptionMin must be in [0, 1)");
        }
        shock = new double[underlyingCount];
        for (int u = 0; u < underlyingCount; u++) {
            BigDecimal sh = config.marginModel().shockFor(underlyingNames[u]);
            if (sh.signum() <= 0 || sh.compareTo(BigDecimal.ONE) >= 0) {
                throw new IllegalArgumentException("marginModel.shock." + underlyingNames[u] + " must be in (0, 1)");
            }
            shock[u] = sh.doubleValue();
        }
        z = config.marginModel().z().doubleValue();
        grossRate = config.marginModel().grossRate().doubleValue();
        imMultiplier = config.marginModel().imMultiplier().doubleValue();
        correlation = new double[underlyingCount][underlyingCount];
        for (int u = 0; u < underlyingCount; u++) {
            correlation[u][u] = 1;
        }
        for (Map.Entry<String, BigDecimal> e : config.marginModel().correlations().entrySet()) {
            int[] pair = pair(e.getKey());
            if (pair == null) {
                continue;
            }
            double rho = e.getValue().doubleValue();
            if (rho < -1 || rho > 1) {
                throw new IllegalArgumentException("marginModel.correlations." + e.getKey() + " must be in [-1, 1]");
            }
            correlation[pair[0]][pair[1]] = rho;
            correlation[pair[1]][pair[0]] = rho;
        }
        noExclusions = new boolean[symbolCount];
        mark = new double[symbolCount];
        assetPrice = new double[assetCount];
        for (int a = 0; a < assetCount; a++) {
            assetPrice[a] = 1;
        }
    }

    /** The two underlying indices of an {@code "A/B"} pair with A ≠ B both known, else {@code null}. */
    public int[] pair(String key) {
        int slash = key.indexOf('/');
        if (slash <= 0 || slash == key.length() - 1) {
            return null;
        }
        Integer a = underlyingIndex.get(key.substring(0, slash));
        Integer b = underlyingIndex.get(key.substring(slash + 1));
        if (a == null || b == null || a.equals(b)) {
            return null;
        }
        return new int[] {a, b};
    }

    /** Sets a symbol's mark and the price of every asset it prices. */
    public void setMark(int symbol, double price) {
        mark[symbol] = price;
        for (int a = 0; a < assetCount; a++) {
            if (assetPriceSymbol[a] == symbol) {
                assetPrice[a] = price;
            }
        }
    }

    /** Asset index, or -1. */
    public int asset(String name) {
        Integer i = name == null ? null : assetIndex.get(name);
        return i == null ? -1 : i;
    }

    /** Symbol index, or -1. */
    public int symbol(String name) {
        Integer i = name == null ? null : symbolIndex.get(name);
        return i == null ? -1 : i;
    }

    /** Underlying index, or -1. */
    public int underlying(String name) {
        Integer i = name == null ? null : underlyingIndex.get(name);
        return i == null ? -1 : i;
    }

    /** The underlying price of option symbol {@code s}: the mark of its reference symbol. */
    public double underlyingPrice(int s) {
        return mark[exposureSymbol[s]];
    }

    /** USD notional of {@code q} of symbol {@code s}: {@code |q|·mark} (UM and options) or {@code |n|·size} (CM). */
    public double notional(int s, double q) {
        return inverse[s] ? Math.abs(q) * contractSize[s] : Math.abs(q) * mark[s];
    }

    /** TIERED maintenance margin of one position of USD {@code notional} on {@code symbol}. */
    public double tieredMaintenance(int symbol, double notional) {
        double[] floors = bracketFloor[symbol];
        int b = 0;
        while (b + 1 < floors.length && notional >= floors[b + 1]) {
            b++;
        }
        return Math.max(0, notional * bracketMmr[symbol][b] - bracketCum[symbol][b]);
    }
}
