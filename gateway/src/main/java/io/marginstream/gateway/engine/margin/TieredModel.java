package io.marginstream.gateway.engine.margin;

/**
 * {@code TIERED} (§5.3): per-position brackets. {@code MM = Σ (notional·mmr − cum)} with the bracket of the
 * position's USD notional (UM {@code |q|·mark}, CM {@code |n|·size}); {@code IM = Σ notional / leverage}, plus what
 * the open orders hold ({@link OpenOrderMargin#tiered}).
 */
public final class TieredModel implements MarginModel {

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
            double notional = notional(market, s, book.quantity[i]);
            gross += notional;
            mm += market.tieredMaintenance(s, notional);
            im += notional / book.leverage[s];
        }
        out.maintMargin = mm;
        out.initialMargin = im;
        out.grossNotional = gross;
        OpenOrderMargin.tiered(book, market, out);
    }

    /** USD notional of a position: {@code |q|·mark} (UM) or {@code |n|·contractSize} (CM). */
    static double notional(Market market, int s, double q) {
        return market.inverse[s] ? Math.abs(q) * market.contractSize[s] : Math.abs(q) * market.mark[s];
    }
}
