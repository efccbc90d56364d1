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
        double im = 0;
        double scale = m.imMultiplier * b.riskMultiplier;
        for (int i = 0; i < b.orderSymbolCount; i++) {
            int s = b.orderSymbol[i];
            im += scale * (b.shock[m.symbolUnderlying[s]] + m.grossRate) * Math.max(b.buyNotional[i], b.sellNotional[i]);
        }
        finish(b, m, im, out);
    }

    /** Adds the open orders' IM under {@code TIERED} rates ({@code 1/leverage}) to {@code out}. */
    public static void tiered(RiskBook b, Market m, RiskFigures out) {
        double im = 0;
        for (int i = 0; i < b.orderSymbolCount; i++) {
            im += Math.max(b.buyNotional[i], b.sellNotional[i]) / b.leverage[b.orderSymbol[i]];
        }
        finish(b, m, im, out);
    }

    private static void finish(RiskBook b, Market m, double im, RiskFigures out) {
        double loss = 0;
        for (int i = 0; i < b.orderSymbolCount; i++) {
            if (b.buyStopQty[i] != 0 || b.sellStopQty[i] != 0) {
                loss += loss(b, m, i);
            }
        }
        out.openLoss = loss;
        out.openOrderInitialMargin = im + loss;
        out.initialMargin += im + loss;
    }

    /** The USD loss against the mark of slot {@code i}'s opening STOP_MARKET orders. */
    private static double loss(RiskBook b, Market m, int i) {
        int s = b.orderSymbol[i];
        double mark = m.mark[s];
        double buy;
        double sell;
        if (m.inverse[s]) {
            double coin = m.assetPrice[m.settlementAsset[s]];
            buy = (b.buyStopQty[i] / mark - b.buyStopValue[i]) * coin;
            sell = (b.sellStopValue[i] - b.sellStopQty[i] / mark) * coin;
        } else {
            buy = b.buyStopValue[i] - mark * b.buyStopQty[i];
            sell = mark * b.sellStopQty[i] - b.sellStopValue[i];
        }
        return Math.max(0, buy) + Math.max(0, sell);
    }
}
