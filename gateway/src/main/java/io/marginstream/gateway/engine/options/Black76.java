package io.marginstream.gateway.engine.options;

/**
 * Black-76 with zero rates (§5.3a): the value and greeks of a European option on a forward {@code F} with strike
 * {@code K}, time to expiry {@code τ} (years) and implied volatility {@code σ} (annualized):
 * <pre>
 *   d1 = (ln(F/K) + σ²τ/2) / (σ√τ),  d2 = d1 − σ√τ
 *   call = F·N(d1) − K·N(d2),        put = K·N(−d2) − F·N(−d1)
 * </pre>
 * At or after expiry ({@code τ ≤ 0}) the value is the intrinsic value. {@code exp} and {@code log} come from
 * {@link StrictMath} and {@code √} is correctly rounded, so a value is the same bits on every machine: a journal
 * replayed elsewhere reproduces the marks exactly. Pure static functions; no allocation; any thread.
 */
public final class Black76 {
    private static final double INV_SQRT_2PI = 0.3989422804014327;

    private Black76() {}

    /**
     * The option's value per contract before expiry, from {@code ln(F/K)} and the total volatility {@code σ√τ > 0}
     * (a caller that values many points computes the logarithm once); at expiry the value is {@link #intrinsic}.
     */
    public static double valueFromLog(boolean call, double forward, double strike, double logMoneyness,
                                      double totalVol) {
        double d1 = (logMoneyness + 0.5 * totalVol * totalVol) / totalVol;
        double d2 = d1 - totalVol;
        return call ? forward * cdf(d1) - strike * cdf(d2) : strike * cdf(-d2) - forward * cdf(-d1);
    }

    /** {@code max(0, F − K)} for a call, {@code max(0, K − F)} for a put. */
    public static double intrinsic(boolean call, double forward, double strike) {
        return Math.max(0, call ? forward - strike : strike - forward);
    }

    /**
     * The greeks per contract into {@code out}: delta ∂V/∂F, gamma ∂²V/∂F², vega per volatility point (∂V/∂σ / 100),
     * theta per calendar day (∂V/∂t / 365, negative for a long option). At expiry delta is 1 (call) / −1 (put) in the
     * money and 0 out of it; gamma, vega and theta are 0.
     */
    public static void greeks(boolean call, double forward, double strike, double tauYears, double vol, Greeks out) {
        if (tauYears <= 0 || vol <= 0) {
            boolean itm = call ? forward > strike : forward < strike;
            out.delta = itm ? (call ? 1 : -1) : 0;
            out.gamma = 0;
            out.vega = 0;
            out.theta = 0;
            return;
        }
        double sqrtT = Math.sqrt(tauYears);
        double sd = vol * sqrtT;
        double d1 = (StrictMath.log(forward / strike) + 0.5 * sd * sd) / sd;
        double pdf = INV_SQRT_2PI * StrictMath.exp(-0.5 * d1 * d1);
        out.delta = call ? cdf(d1) : cdf(d1) - 1;
        out.gamma = pdf / (forward * sd);
        out.vega = forward * pdf * sqrtT / 100;
        out.theta = -forward * pdf * vol / (2 * sqrtT) / 365;
    }

    /**
     * The standard normal distribution function N(x), by Hart's double-precision rational approximation (algorithm
     * 5666, as given by G. West, "Better approximations to cumulative normal functions", 2005): absolute error
     * below 1e-14 over the whole line.
     */
    public static double cdf(double x) {
        double ax = Math.abs(x);
        double c;
        if (ax > 37) {
            c = 0;
        } else {
            double e = StrictMath.exp(-ax * ax / 2);
            if (ax < 7.07106781186547) {
                double n = 3.52624965998911E-02 * ax + 0.700383064443688;
                n = n * ax + 6.37396220353165;
                n = n * ax + 33.912866078383;
                n = n * ax + 112.079291497871;
                n = n * ax + 221.213596169931;
                n = n * ax + 220.206867912376;
                double d = 8.83883476483184E-02 * ax + 1.75566716318264;
                d = d * ax + 16.064177579207;
                d = d * ax + 86.7807322029461;
                d = d * ax + 296.564248779674;
                d = d * ax + 637.333633378831;
                d = d * ax + 793.826512519948;
                d = d * ax + 440.413735824752;
                c = e * n / d;
            } else {
                double b = ax + 0.65;
                b = ax + 4 / b;
                b = ax + 3 / b;
                b = ax + 2 / b;
                b = ax + 1 / b;
                c = e / b / 2.506628274631;
            }
        }
        return x > 0 ? 1 - c : c;
    }
}
