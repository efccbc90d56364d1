package io.marginstream.gateway.engine.margin;

/**
 * The initial margin that open orders hold (PROTOCOL.md §12, docs/ENGINE.md §4), from the per-symbol inputs
 * {@code OpenOrders.fillBook} writes into the {@link RiskBook}; both models add it to their IM. Open orders change no
 * equity and no maintenance margin.
 *
 * <p>Per symbol with orders that may grow a position: {@code rate · max(buy notional, sell notional)} over each
 * side's opening part — a side first closes the opposite position, and only one side of a symbol can grow it at a
 * time — with {@code rate = imMultiplier · riskMultiplier · (h_u + grossRate)} (PORTFOLIO: the IM of that notional
 * held alone) or {@code 1 / leverage} (TIERED). Plus the open loss: a resting {@code STOP_MARKET} that grows a
 * position fills at a worse price than the current mark (a BUY stop sits above it, a SELL stop below), so its loss
 * against the mark, {@code qty·(stopPrice − mark)} for a UM BUY ({@code n·size·(1/mark − 1/stopPrice)} coins for a
 * CM BUY, in USD at the coin's price; SELL mirrored), counts in full. Resting LIMIT and TAKE_PROFIT orders fill at a
 * price better than the mark they rest against, so they have none. Stateless.
 */
public final class OpenOrderMargin {
    private OpenOrderMargin() {
    }

    /** Adds the open orders' IM under {@code PORTFOLIO} rates to {@code out}. */
    public static void portfolio(RiskBook b, Market m, RiskFigures out) {
        if (b.orderSymbolCount > 0 && Double.isNaN(b.orderIm)) {
            double im = 0;
            double scale = m.imMultiplier * b.riskMultiplier;
            for (int i = 0; i < b.orderSymbolCount; i++) {
                int s = b.orderSymbol[i];
                im += scale * (b.shock[m.symbolUnderlying[s]] + m.grossRate) * largerSide(b, i);
            }
            b.orderIm = im;
        }
        finish(b, m, out);
    }

    /** Adds the open orders' IM under {@code TIERED} rates ({@code 1/leverage}) to {@code out}. */
    public static void tiered(RiskBook b, Market m, RiskFigures out) {
        if (b.orderSymbolCount > 0 && Double.isNaN(b.orderIm)) {
            double im = 0;
            for (int i = 0; i < b.orderSymbolCount; i++) {
                im += largerSide(b, i) / b.leverage[b.orderSymbol[i]];
            }
            b.orderIm = im;
        }
        finish(b, m, out);
    }

    private static double largerSide(RiskBook b, int i) {
        return Math.max(b.orderSide[4 * i + 2], b.orderSide[4 * i + 3]);
    }

    private static void finish(RiskBook b, Market m, RiskFigures out) {
        if (b.orderSymbolCount == 0) {
            out.openLoss = 0;
            out.openOrderInitialMargin = 0;
            return;
        }
        double loss = 0;
        for (int i = 0; i < b.stopCount; i++) {
            loss += loss(b, m, i);
        }
        out.openLoss = loss;
        out.openOrderInitialMargin = b.orderIm + loss;
        out.initialMargin += b.orderIm + loss;
    }

    /** The USD loss against the mark of stop slot {@code i}'s opening STOP_MARKET orders. */
    private static double loss(RiskBook b, Market m, int i) {
        double[] x = b.stop;
        int j = RiskBook.STOP_STRIDE * i;
        int s = (int) x[j];
        double mark = m.mark[s];
        j++;
        double buy;
        double sell;
        if (m.inverse[s]) {
            double coin = m.assetPrice[m.settlementAsset[s]];
            buy = (x[j] / mark - x[j + 1]) * coin;
            sell = (x[j + 3] - x[j + 2] / mark) * coin;
        } else {
            buy = x[j + 1] - mark * x[j];
            sell = mark * x[j + 2] - x[j + 3];
        }
        return Math.max(0, buy) + Math.max(0, sell);
    }
}
