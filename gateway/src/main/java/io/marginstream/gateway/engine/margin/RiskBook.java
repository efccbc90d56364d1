package io.marginstream.gateway.engine.margin;

/**
 * The compact numeric view of one account that the margin models read: balances per asset over the PM wallets
 * ({@code CROSS_MARGIN + UM + CM}), positions as parallel arrays, the open orders' margin inputs per symbol (see
 * {@code OpenOrders.fillBook} and {@link OpenOrderMargin}), and the account's risk parameters resolved against the
 * config. Rebuilt by the engine from the exact ledger whenever the ledger, positions or settings
 * change; read (never written) on every price tick. Owned by the engine thread.
 */
public final class RiskBook {
    private static final int[] NO_INTS = new int[0];
    private static final double[] NO_DOUBLES = new double[0];

    /** Per asset: CROSS_MARGIN + UM + CM balance. */
    public final double[] balance;
    public int positionCount;
    public int[] symbol;
    /** Signed amount: base units (UM) or contracts (CM). */
    public double[] quantity;
    public double[] entryPrice;
    /**
     * {@code Σ q·entry} over the linear positions (UM and options; their PnL is in USDT), so that a re-evaluation
     * sums {@code q·mark} and never reads their entry prices.
     */
    public double linearCost;

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

    /**
     * Open orders that may grow a position, per symbol: {@code orderSymbol[i]} and, at stride 4 in
     * {@code orderSide}, the BUY side's quantity and the SELL side's quantity (which the opening fractions are taken
     * of), then each side's opening notional at the orders' prices (UM {@code qty·price}, CM {@code n·size}).
     */
    public int orderSymbolCount;
    public int[] orderSymbol = NO_INTS;
    public double[] orderSide = NO_DOUBLES;
    /**
     * The opening part of the STOP_MARKET orders among them, per symbol, at stride {@link #STOP_STRIDE} in one array
     * (read on every tick, so one array to touch): the symbol index, BUY {@code Σ qty} and {@code Σ qty·stopPrice}
     * (CM: {@code Σ n·size} and {@code Σ n·size/stopPrice}), then SELL the same.
     */
    public int stopCount;
    public double[] stop = NO_DOUBLES;
    public static final int STOP_STRIDE = 5;
    /**
     * The open orders' initial margin without their open loss, as the model last computed it; {@code NaN} once the
     * orders, positions or settings change (the model recomputes it then). It does not depend on marks.
     */
    public double orderIm = Double.NaN;

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
        linearCost = 0;
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
        stopCount = 0;
        orderIm = Double.NaN;
    }

    /** Marks the cached open-order IM stale: call whenever the settings the models read change. */
    public void settingsChanged() {
        orderIm = Double.NaN;
    }

    /** The slot of symbol {@code sym} in {@link #orderSymbol}, appending a zeroed one if it has none yet. */
    public int orderSlot(int sym) {
        for (int i = 0; i < orderSymbolCount; i++) {
            if (orderSymbol[i] == sym) {
                return i;
            }
        }
        if (orderSymbolCount == orderSymbol.length) {
            int n = Math.max(2, orderSymbolCount * 2);
            orderSymbol = java.util.Arrays.copyOf(orderSymbol, n);
            orderSide = java.util.Arrays.copyOf(orderSide, 4 * n);
        }
        int i = orderSymbolCount++;
        orderSymbol[i] = sym;
        java.util.Arrays.fill(orderSide, 4 * i, 4 * i + 4, 0);
        return i;
    }

    /** The offset in {@link #stop} of symbol {@code sym}'s slot, appending a zeroed one if it has none yet. */
    public int stopSlot(int sym) {
        for (int i = 0; i < stopCount; i++) {
            if ((int) stop[STOP_STRIDE * i] == sym) {
                return STOP_STRIDE * i;
            }
        }
        if (STOP_STRIDE * stopCount == stop.length) {
            stop = java.util.Arrays.copyOf(stop, STOP_STRIDE * Math.max(2, stopCount * 2));
        }
        int j = STOP_STRIDE * stopCount++;
        java.util.Arrays.fill(stop, j, j + STOP_STRIDE, 0);
        stop[j] = sym;
        return j;
    }

    /** Appends one position; {@code inverse} tells a CM position (PnL in its coin) from a linear one. */
    public void addPosition(int sym, double qty, double entry, boolean inverse) {
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
        if (!inverse) {
            linearCost += qty * entry;
        }
    }
}
