package io.marginstream.gateway.engine.margin;

/**
 * The compact numeric view of one account that the margin models read: balances per asset over the PM wallets
 * ({@code CROSS_MARGIN + UM + CM}), positions as parallel arrays, the open orders' margin inputs per symbol (see
 * {@code OpenOrders.fillBook} and {@link OpenOrderMargin}), and the account's risk parameters resolved against the
 * config. Rebuilt by the engine from the exact ledger whenever the ledger, positions or settings
 * change; read (never written) on every price tick. Owned by the engine thread.
 */
public final class RiskBook {
    /** Per asset: CROSS_MARGIN + UM + CM balance. */
    public final double[] balance;
    public int positionCount;
    public int[] symbol;
    /** Signed amount: base units (UM) or contracts (CM). */
    public double[] quantity;
    public double[] entryPrice;

    /**
     * Per underlying: shock size {@code h[u] = max(shock[u], z·volFloor[u]/√365)}. Shared with the market (read
     * only) while the account has no volatility floors.
     */
    public double[] shock;
    /** Correlation matrix (the config's, or a copy with the account's overrides). */
    public double[][] correlation;
    /** Per symbol: excluded from aggregation (TIERED MM instead). Shared (read only) while nothing is excluded. */
    public boolean[] excluded;
    /** Per symbol: leverage for TIERED IM. Shared (read only) while the account overrides none. */
    public int[] leverage;
    public double riskMultiplier = 1;

    /** Symbols with open orders that may grow a position, as parallel arrays (slots {@code 0..orderSymbolCount-1}). */
    public int orderSymbolCount;
    public int[] orderSymbol = new int[0];
    /** Per slot: quantity of the BUY / SELL orders (their opening fraction is taken of it). */
    public double[] buyQty = new double[0];
    public double[] sellQty = new double[0];
    /** Per slot: opening notional of each side at the orders' prices (UM {@code qty·price}, CM {@code n·size}). */
    public double[] buyNotional = new double[0];
    public double[] sellNotional = new double[0];
    /** Per slot, opening part of the side's STOP_MARKET orders: UM {@code Σ qty}, CM {@code Σ n·size}. */
    public double[] buyStopQty = new double[0];
    public double[] sellStopQty = new double[0];
    /** Per slot, opening part of the side's STOP_MARKET orders: UM {@code Σ qty·stopPrice}, CM {@code Σ n·size/stopPrice}. */
    public double[] buyStopValue = new double[0];
    public double[] sellStopValue = new double[0];

    public RiskBook(Market market) {
        balance = new double[market.assetCount];
        symbol = new int[4];
        quantity = new double[4];
        entryPrice = new double[4];
        shock = market.shock;
        correlation = market.correlation;
        excluded = market.noExclusions;
        leverage = market.defaultLeverage;
    }

    /** Removes every position (settings and balances stay). */
    public void clearPositions() {
        positionCount = 0;
    }

    /** The signed quantity of the position on {@code sym}, 0 if none. */
    public double positionOf(int sym) {
        for (int i = 0; i < positionCount; i++) {
            if (symbol[i] == sym) {
                return quantity[i];
            }
        }
        return 0;
    }

    /** Removes every open-order input. */
    public void clearOrders() {
        orderSymbolCount = 0;
    }

    /** The slot of symbol {@code sym}'s open-order inputs, appending a zeroed one if it has none yet. */
    public int orderSlot(int sym) {
        for (int i = 0; i < orderSymbolCount; i++) {
            if (orderSymbol[i] == sym) {
                return i;
            }
        }
        if (orderSymbolCount == orderSymbol.length) {
            int n = Math.max(2, orderSymbolCount * 2);
            orderSymbol = java.util.Arrays.copyOf(orderSymbol, n);
            buyQty = java.util.Arrays.copyOf(buyQty, n);
            sellQty = java.util.Arrays.copyOf(sellQty, n);
            buyNotional = java.util.Arrays.copyOf(buyNotional, n);
            sellNotional = java.util.Arrays.copyOf(sellNotional, n);
            buyStopQty = java.util.Arrays.copyOf(buyStopQty, n);
            sellStopQty = java.util.Arrays.copyOf(sellStopQty, n);
            buyStopValue = java.util.Arrays.copyOf(buyStopValue, n);
            sellStopValue = java.util.Arrays.copyOf(sellStopValue, n);
        }
        int i = orderSymbolCount++;
        orderSymbol[i] = sym;
        buyQty[i] = 0;
        sellQty[i] = 0;
        buyNotional[i] = 0;
        sellNotional[i] = 0;
        buyStopQty[i] = 0;
        sellStopQty[i] = 0;
        buyStopValue[i] = 0;
        sellStopValue[i] = 0;
        return i;
    }

    /** Appends one position. */
    public void addPosition(int sym, double qty, double entry) {
        if (positionCount == symbol.length) {
            int n = positionCount * 2;
            symbol = java.util.Arrays.copyOf(symbol, n);
            quantity = java.util.Arrays.copyOf(quantity, n);
            entryPrice = java.util.Arrays.copyOf(entryPrice, n);
        }
        symbol[positionCount] = sym;
        quantity[positionCount] = qty;
        entryPrice[positionCount] = entry;
        positionCount++;
    }
}
