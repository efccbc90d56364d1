package io.marginstream.gateway.engine.margin;

/**
 * {@code TIERED} (§5.3, §5.3a): per-position rules. A future's MM is {@code notional·mmr − cum} with the bracket of
 * its USD notional (UM {@code |q|·mark}, CM {@code |n|·size}) and its IM {@code notional / leverage}. A long option
 * has MM 0 and IM its premium {@code |q|·mark}; a short option has MM {@code |q|·(mark + 10 %·F)} (premium plus 10 %
 * of the underlying notional) and IM {@code imMultiplier} times that. Plus what the open orders hold
 * ({@link OpenOrderMargin#tiered}).
 */
public final class TieredModel implements MarginModel {
    /** The share of the underlying notional a short option adds to its premium. */
    public static final double SHORT_OPTION_RATE = 0.10;

    @Override
    public void margin(RiskBook book, Market market, int skip, RiskFigures out) {
        double mm = 0;
        double im = 0;
        double gross = 0;
        for (int i = 0; i < book.positionCount; i++) {
            if (i == skip) {
                continue;
            }
            int s = book.symbol[i];
            double q = book.quantity[i];
            gross += market.notional(s, q);
            mm += maintenance(market, s, q);
            im += initial(market, s, q, book.leverage[s]);
        }
        out.maintMargin = mm;
        out.initialMargin = im;
        out.grossNotional = gross;
        OpenOrderMargin.tiered(book, market, out);
    }

    /** The TIERED maintenance margin of a position of {@code q} on {@code s}. */
    public static double maintenance(Market market, int s, double q) {
        if (market.isOption[s]) {
            return q >= 0 ? 0 : -q * (market.mark[s] + SHORT_OPTION_RATE * market.underlyingPrice(s));
        }
        return market.tieredMaintenance(s, market.notional(s, q));
    }

    /** The TIERED initial margin of a position of {@code q} on {@code s} at {@code leverage} (futures only). */
    public static double initial(Market market, int s, double q, int leverage) {
        if (market.isOption[s]) {
            return q >= 0 ? q * market.mark[s] : market.imMultiplier * maintenance(market, s, q);
        }
        return market.notional(s, q) / leverage;
    }
}
