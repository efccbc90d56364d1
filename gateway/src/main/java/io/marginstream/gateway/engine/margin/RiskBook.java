package io.marginstream.gateway.engine.margin;

/**
 * The compact numeric view of one account that the margin models read: balances per asset over the PM wallets
 * ({@code CROSS_MARGIN + UM + CM}), positions as parallel arrays, and the account's risk parameters resolved
 * against the config. Rebuilt by the engine from the exact ledger whenever the ledger, positions or settings
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
