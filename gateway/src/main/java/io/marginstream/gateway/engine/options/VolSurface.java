package io.marginstream.gateway.engine.options;

import java.math.BigDecimal;

/**
 * The simulated implied-volatility surface of each underlying that has options (§5.3a): three exact parameters,
 * the ATM level, the skew and the term slope, and the volatility they give an option,
 * <pre>
 *   σ(K, F, τ) = max(0.01, atmVol + skew·ln(K/F) + termSlope·τ)      (annualized; τ in years)
 * </pre>
 * so a negative skew prices low strikes (puts) at higher volatility, and a positive term slope prices later expiries
 * higher. Indexed by the market's underlying index; an underlying without options has no surface. The parameters
 * change by {@code admin.setImpliedVol} and the feed's ATM moves. Owned by the engine thread.
 */
public final class VolSurface {
    /** The lowest volatility the surface gives. */
    public static final double MIN_VOL = 0.01;

    private final BigDecimal[] atm;
    private final BigDecimal[] skew;
    private final BigDecimal[] termSlope;
    private final double[] atmD;
    private final double[] skewD;
    private final double[] termSlopeD;

    public VolSurface(int underlyingCount) {
        atm = new BigDecimal[underlyingCount];
        skew = new BigDecimal[underlyingCount];
        termSlope = new BigDecimal[underlyingCount];
        atmD = new double[underlyingCount];
        skewD = new double[underlyingCount];
        termSlopeD = new double[underlyingCount];
    }

    /** Whether underlying {@code u} has a surface (it has options). */
    public boolean has(int u) {
        return atm[u] != null;
    }

    /** Sets the three parameters of {@code u}. */
    public void set(int u, BigDecimal atmVol, BigDecimal skewPerLogMoneyness, BigDecimal termSlopePerYear) {
        atm[u] = atmVol;
        skew[u] = skewPerLogMoneyness;
        termSlope[u] = termSlopePerYear;
        atmD[u] = atmVol.doubleValue();
        skewD[u] = skewPerLogMoneyness.doubleValue();
        termSlopeD[u] = termSlopePerYear.doubleValue();
    }

    public BigDecimal atmVol(int u) {
        return atm[u];
    }

    public BigDecimal skew(int u) {
        return skew[u];
    }

    public BigDecimal termSlope(int u) {
        return termSlope[u];
    }

    /** The implied volatility on {@code u} at log-moneyness {@code ln(K/F)}, {@code τ} years out. */
    public double volAt(int u, double logStrikeOverForward, double tauYears) {
        double v = atmD[u] + skewD[u] * logStrikeOverForward + termSlopeD[u] * Math.max(0, tauYears);
        return Math.max(MIN_VOL, v);
    }
}
