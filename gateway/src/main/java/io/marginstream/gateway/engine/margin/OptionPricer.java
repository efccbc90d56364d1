package io.marginstream.gateway.engine.margin;

import io.marginstream.gateway.engine.options.Black76;
import io.marginstream.gateway.engine.options.Greeks;
import io.marginstream.gateway.engine.options.VolSurface;

/**
 * The marks of the options (§5.3a): Black-76 at the underlying's mark, the {@link VolSurface}'s volatility and the
 * market clock. {@link #reprice} values every live option of one underlying, keeps the model value and volatility
 * of each for the {@link ScenarioGrid}, and writes the mark rounded to 0.01 USDT into the {@link Market}; it
 * allocates nothing. An option that has settled is frozen at its settlement value and never repriced. Each
 * repricing of an underlying bumps its {@link #version}, which tells the grid its values are stale. Owned by the
 * engine thread.
 */
public final class OptionPricer {
    /** Milliseconds per year of the volatility's time scale (365 days). */
    public static final double YEAR_MILLIS = 365.0 * 86_400_000L;

    private final Market market;
    private final VolSurface surface;
    /** Per symbol: model value (unrounded), volatility, mark in cents; settled (frozen). */
    private final double[] value;
    private final double[] vol;
    private final long[] markCents;
    private final boolean[] frozen;
    /** Per underlying: repricings so far; market time and forward of the last one. */
    private final long[] version;
    private final long[] pricedAt;
    private final double[] forward;

    public OptionPricer(Market market, VolSurface surface) {
        this.market = market;
        this.surface = surface;
        this.value = new double[market.symbolCount];
        this.vol = new double[market.symbolCount];
        this.markCents = new long[market.symbolCount];
        this.frozen = new boolean[market.symbolCount];
        this.version = new long[market.underlyingCount];
        this.pricedAt = new long[market.underlyingCount];
        this.forward = new double[market.underlyingCount];
    }

    public VolSurface surface() {
        return surface;
    }

    /** Years from {@code marketTimeMillis} to the expiry of option {@code s} (negative once expired). */
    public double yearsToExpiry(int s, long marketTimeMillis) {
        return (market.optionExpiry[s] - marketTimeMillis) / YEAR_MILLIS;
    }

    /**
     * Values every live option of underlying {@code u} at the current mark of its reference symbol and market time
     * {@code marketTimeMillis}, and sets their marks. Does nothing for an underlying without options.
     */
    public void reprice(int u, long marketTimeMillis) {
        int ref = market.referenceSymbol[u];
        if (ref < 0) {
            return;
        }
        double f = market.mark[ref];
        for (int s : market.optionsOf[u]) {
            if (frozen[s]) {
                continue;
            }
            double tau = yearsToExpiry(s, marketTimeMillis);
            double k = market.optionStrike[s];
            double logFk = StrictMath.log(f / k);
            double sigma = surface.volAt(u, -logFk, tau);
            double v = tau > 0 ? Black76.valueFromLog(market.optionCall[s], f, k, logFk, sigma * Math.sqrt(tau))
                    : Black76.intrinsic(market.optionCall[s], f, k);
            value[s] = v;
            vol[s] = sigma;
            long cents = Math.round(v * 100);
            markCents[s] = cents;
            market.mark[s] = cents / 100.0;
        }
        forward[u] = f;
        pricedAt[u] = marketTimeMillis;
        version[u]++;
    }

    /**
     * Freezes option {@code s} at its settlement value (its intrinsic value at expiry): it keeps that mark and is
     * never repriced again. The exact settlement value is the engine's to keep.
     */
    public void freeze(int s, double settlementValue) {
        frozen[s] = true;
        value[s] = settlementValue;
        vol[s] = 0;
        market.mark[s] = settlementValue;
        version[market.symbolUnderlying[s]]++;
    }

    public boolean frozen(int s) {
        return frozen[s];
    }

    /** The mark of live option {@code s} in cents of USDT (exact: the mark is {@code markCents / 100}). */
    public long markCents(int s) {
        return markCents[s];
    }

    /** The model value of option {@code s} at its last repricing (before rounding to the mark). */
    public double value(int s) {
        return value[s];
    }

    /** The implied volatility option {@code s} was last priced at (0 once settled). */
    public double vol(int s) {
        return vol[s];
    }

    /** Repricings of underlying {@code u} so far. */
    public long version(int u) {
        return version[u];
    }

    /** The market time of the last repricing of {@code u}. */
    public long pricedAt(int u) {
        return pricedAt[u];
    }

    /** The underlying price of the last repricing of {@code u}. */
    public double forward(int u) {
        return forward[u];
    }

    /** The greeks of one contract of option {@code s} as last priced, into {@code out}. */
    public void greeks(int s, Greeks out) {
        int u = market.symbolUnderlying[s];
        double tau = frozen[s] ? 0 : yearsToExpiry(s, pricedAt[u]);
        Black76.greeks(market.optionCall[s], forward[u], market.optionStrike[s], tau, vol[s], out);
    }
}
