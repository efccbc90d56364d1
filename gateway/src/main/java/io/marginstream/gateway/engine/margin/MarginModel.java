package io.marginstream.gateway.engine.margin;

import io.marginstream.protocol.message.MarginModelType;

/**
 * A margin model of PROTOCOL.md §5.3: a pure function of (account book, marks, settings) to maintenance and initial
 * margin. Implementations keep no state between calls except scratch space, and are used by one thread.
 */
public interface MarginModel {

    /**
     * Fills {@code out.maintMargin}, {@code out.initialMargin} (open orders included), {@code out.grossNotional},
     * {@code out.openOrderInitialMargin} and {@code out.openLoss}. {@code skip} is a
     * position index to leave out (as if closed), or -1.
     */
    void margin(RiskBook book, Market market, int skip, RiskFigures out);

    /** The model of {@code type}; PORTFOLIO values options on {@code grid}. */
    static MarginModel of(MarginModelType type, Market market, ScenarioGrid grid) {
        return switch (type) {
            case PORTFOLIO -> new PortfolioModel(market, grid);
            case TIERED -> new TieredModel();
        };
    }

    /**
     * §5.2: actual equity and haircut account equity, into {@code out}. {@code skip} as in {@link #margin}. The USDT
     * PnL of the linear positions is {@code Σ q·mark − Σ q·entry}, the second sum kept in the book.
     */
    static void equity(RiskBook book, Market market, int skip, double[] scratchEquity, RiskFigures out) {
        double[] e = scratchEquity;
        System.arraycopy(book.balance, 0, e, 0, market.assetCount);
        double linearValue = 0;
        for (int i = 0; i < book.positionCount; i++) {
            int s = book.symbol[i];
            double q = book.quantity[i];
            double m = market.mark[s];
            if (market.inverse[s]) {
                if (i != skip) {
                    e[market.settlementAsset[s]] += q * market.contractSize[s] * (1 / book.entryPrice[i] - 1 / m);
                }
            } else {
                linearValue += q * m;
            }
        }
        double linearCost = book.linearCost;
        if (skip >= 0 && !market.inverse[book.symbol[skip]]) {
            linearValue -= book.quantity[skip] * market.mark[book.symbol[skip]];
            linearCost -= book.quantity[skip] * book.entryPrice[skip];
        }
        e[market.usdtAsset] += linearValue - linearCost;
        double actual = 0;
        double account = 0;
        for (int a = 0; a < market.assetCount; a++) {
            double v = e[a] * market.assetPrice[a];
            actual += v;
            account += v > 0 ? v * market.assetCollateralRate[a] : v;
        }
        out.actualEquity = actual;
        out.accountEquity = account;
    }
}
