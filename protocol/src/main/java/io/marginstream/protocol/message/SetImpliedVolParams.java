package io.marginstream.protocol.message;

import io.marginstream.protocol.Params;
import java.math.BigDecimal;

/**
 * {@code admin.setImpliedVol} params (PROTOCOL.md §5.3a): the underlying and any of the three parameters of its
 * implied-volatility surface {@code σ(K, τ) = atmVol + skew·ln(K/F) + termSlope·τ} (at least one).
 *
 * @param atmVol    annualized, in (0, 5]
 * @param skew      per unit of log-moneyness, in [−2, 2]
 * @param termSlope per year, in [−2, 2]
 */
public record SetImpliedVolParams(String underlying, BigDecimal atmVol, BigDecimal skew, BigDecimal termSlope) {
    public static SetImpliedVolParams from(Params p) {
        String underlying = Checks.asset(p.requireString("underlying"), "underlying");
        BigDecimal atm = Checks.positive(p.optDecimal("atmVol"), "atmVol");
        BigDecimal skew = p.optDecimal("skew");
        BigDecimal slope = p.optDecimal("termSlope");
        if (atm == null && skew == null && slope == null) {
            throw Params.missing("atmVol");
        }
        return new SetImpliedVolParams(underlying, Checks.between(atm, "0", "5", "atmVol"),
                Checks.between(skew, "-2", "2", "skew"), Checks.between(slope, "-2", "2", "termSlope"));
    }
}
