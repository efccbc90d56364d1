package io.marginstream.gateway.engine.margin;

/**
 * {@code PORTFOLIO} (§5.3, §5.3a): hedges offset, risk is stress-tested per underlying and aggregated with
 * correlations.
 *
 * <p>Every linear component on an underlying {@code u} revalues <em>linearly</em> in the scenario move {@code k·h}:
 * a UM position changes by {@code q·m·k·h}; a balance of coin {@code u} by {@code b·P·k·h}; a CM position's PnL,
 * converted at the shocked coin price, is {@code n·size·(1/e − 1/(m(1+kh)))·P(1+kh) = n·size·P(1+kh)/e − n·size·P/m},
 * so it changes by {@code n·size·P·k·h/e}. Hence the linear part is {@code k·h·D_u} with the delta
 * {@code D_u = Σ q·m + P·(b + Σ n·size/e)}. Without options the worst of the six scenarios is {@code k = ∓1},
 * {@code L_u = h·|D_u|} with sign {@code s_u = −sign(D_u)}, so {@code s_u·L_u = −h_u·D_u} (closed form).
 *
 * <p>An underlying whose options the account holds is revalued on the 6 × 3 price × volatility grid instead:
 * {@code ΔV_u(g) = k_g·h·D_u + Σ q_o·ΔV_o(g)} with the account-independent {@link ScenarioGrid} values,
 * {@code L_u = max(0, max_g −ΔV_u(g))} and {@code s_u} the sign of the worst point's {@code k}. Then
 * <pre>
 *   MM_market   = √max(0, Σ ρ_uv (s_u L_u)(s_v L_v))
 *   MM_basis    = grossRate · Σ notional                 (futures |q|·m or |n|·size; options |q|·mark)
 *   MM_shortMin = Σ_short options |q| · shortOptionMin · F
 *   MM          = riskMultiplier · (MM_market + MM_basis + MM_shortMin + MM_excluded),   IM = imMultiplier · MM + open orders
 * </pre>
 * The open orders' part is {@link OpenOrderMargin#portfolio}.
 * An excluded future adds its TIERED MM; an excluded option its standalone margin
 * ({@link #excludedOptionMaintenance}). The test suite checks all of this against a literal revaluation of every
 * position at every scenario. Scratch space only; used by the engine thread.
 */
public final class PortfolioModel implements MarginModel {
    private static final int POINTS = ScenarioGrid.POINTS;
    /** {@link #accumulateRun} sums nine grid points per pass, two passes. */
    private static final int HALF = 9;

    static {
        if (POINTS != 2 * HALF) {
            throw new ExceptionInInitializerError("accumulateRun sums exactly 18 grid points, not " + POINTS);
        }
    }
    private static final int VOL_STEPS = ScenarioGrid.VOL_MOVES.length;

    private final ScenarioGrid grid;
    private final double[] delta;
    private final double[] x;
    /** Per underlying: the option part of each grid point, the grid values in use, whether options are held. */
    private final double[][] optionPart;
    private final double[][] rows;
    private final boolean[] hasOptions;
    /** The notional and short-option minimum of the last {@link #accumulateRun}. */
    private double runGross;
    private double runShortMin;

    public PortfolioModel(Market market, ScenarioGrid grid) {
        this.grid = grid;
        int nu = market.underlyingCount;
        delta = new double[nu];
        x = new double[nu];
        optionPart = new double[nu][POINTS];
        rows = new double[nu][];
        hasOptions = new boolean[nu];
    }

    @Override
    public void margin(RiskBook book, Market market, int skip, RiskFigures out) {
        double[] d = delta;
        int nu = d.length;
        for (int u = 0; u < nu; u++) {
            d[u] = 0;
            hasOptions[u] = false;
        }
        for (int a = 0; a < market.assetCount; a++) {
            int u = market.assetUnderlying[a];
            if (u >= 0) {
                d[u] += book.balance[a] * market.assetPrice[a];
            }
        }
        double[] h = book.shock;
        double gross = 0;
        double excludedMm = 0;
        double shortMin = 0;
        for (int i = 0; i < book.positionCount; i++) {
            if (i == skip) {
                continue;
            }
            int s = book.symbol[i];
            double q = book.quantity[i];
            if (market.isOption[s]) {
                if (book.excluded[s]) {
                    excludedMm += excludedOptionMaintenance(book, market, s, q);
                    continue;
                }
                int u = market.symbolUnderlying[s];
                boolean firstRun = !hasOptions[u];
                if (firstRun) {
                    hasOptions[u] = true;
                    rows[u] = grid.deltas(u, h[u]);
                }
                i = accumulateRun(book, market, i, skip, u, firstRun);
                gross += runGross;
                shortMin += runShortMin;
                continue;
            }
            double notional;
            double exposure;
            if (market.inverse[s]) {
                notional = Math.abs(q) * market.contractSize[s];
                exposure = q * market.contractSize[s] * market.assetPrice[market.settlementAsset[s]]
                        / book.entryPrice[i];
            } else {
                notional = Math.abs(q) * market.mark[s];
                exposure = q * market.mark[s];
            }
            if (book.excluded[s]) {
                excludedMm += market.tieredMaintenance(s, notional);
            } else {
                d[market.symbolUnderlying[s]] += exposure;
                gross += notional;
            }
        }
        for (int u = 0; u < nu; u++) {
            x[u] = hasOptions[u] ? worstOnGrid(h[u] * d[u], optionPart[u]) : -h[u] * d[u];
        }
        double[][] rho = book.correlation;
        double var = 0;
        for (int u = 0; u < nu; u++) {
            double xu = x[u];
            if (xu == 0) {
                continue;
            }
            double[] row = rho[u];
            double sum = 0;
            for (int v = 0; v < nu; v++) {
                sum += row[v] * x[v];
            }
            var += xu * sum;
        }
        double mm = book.riskMultiplier * (Math.sqrt(Math.max(0, var)) + market.grossRate * gross + shortMin
                + excludedMm);
        out.maintMargin = mm;
        out.initialMargin = market.imMultiplier * mm;
        out.grossNotional = gross;
        OpenOrderMargin.portfolio(book, market, out);
    }

    /**
     * Adds the grid values of a run of aggregated option positions of underlying {@code u} into
     * {@code optionPart[u]} (set, on the underlying's first run), with their notional and short-option minimum in
     * {@code runGross} and {@code runShortMin}; returns the index of the run's last position. The run starts at
     * {@code first} and lasts while the next position is an aggregated option of {@code u} (an engine book lists
     * positions in symbol order and an underlying's options are consecutive symbols, so they are one run). The
     * sums are taken nine grid points at a time in locals, which stay in registers: this loop is the whole
     * per-account cost of options.
     */
    private int accumulateRun(RiskBook book, Market market, int first, int skip, int u, boolean firstRun) {
        int last = market.lastOptionSymbol[u];
        int end = first;
        double notional = 0;
        double shortContracts = 0;
        while (true) {
            double q = book.quantity[end];
            notional += Math.abs(q) * market.mark[book.symbol[end]];
            if (q < 0) {
                shortContracts -= q;
            }
            int next = end + 1;
            if (next >= book.positionCount || next == skip) {
                break;
            }
            int ns = book.symbol[next];
            if (ns > last || book.excluded[ns]) {
                break;
            }
            end = next;
        }
        double[] dv = rows[u];
        double[] p = optionPart[u];
        for (int base = 0; base < POINTS; base += HALF) {
            double a0 = 0;
            double a1 = 0;
            double a2 = 0;
            double a3 = 0;
            double a4 = 0;
            double a5 = 0;
            double a6 = 0;
            double a7 = 0;
            double a8 = 0;
            for (int j = first; j <= end; j++) {
                double q = book.quantity[j];
                int o = market.gridOffset[book.symbol[j]] + base;
                a0 += q * dv[o];
                a1 += q * dv[o + 1];
                a2 += q * dv[o + 2];
                a3 += q * dv[o + 3];
                a4 += q * dv[o + 4];
                a5 += q * dv[o + 5];
                a6 += q * dv[o + 6];
                a7 += q * dv[o + 7];
                a8 += q * dv[o + 8];
            }
            if (firstRun) {
                p[base] = a0;
                p[base + 1] = a1;
                p[base + 2] = a2;
                p[base + 3] = a3;
                p[base + 4] = a4;
                p[base + 5] = a5;
                p[base + 6] = a6;
                p[base + 7] = a7;
                p[base + 8] = a8;
            } else {
                p[base] += a0;
                p[base + 1] += a1;
                p[base + 2] += a2;
                p[base + 3] += a3;
                p[base + 4] += a4;
                p[base + 5] += a5;
                p[base + 6] += a6;
                p[base + 7] += a7;
                p[base + 8] += a8;
            }
        }
        runGross = notional;
        runShortMin = shortContracts * market.shortOptionMin * market.mark[market.referenceSymbol[u]];
        return end;
    }

    /**
     * {@code s_u·L_u} of an underlying on the grid: the largest loss over the 18 points of
     * {@code k·hD + optionPart[g]} (the first point wins a tie), signed by that point's {@code k}; 0 without a loss.
     */
    private static double worstOnGrid(double hD, double[] optionPart) {
        double worst = 0;
        double sign = 0;
        double[] moves = ScenarioGrid.PRICE_MOVES;
        for (int i = 0, g = 0; i < moves.length; i++) {
            double linear = moves[i] * hD;
            for (int j = 0; j < VOL_STEPS; j++, g++) {
                double loss = -(linear + optionPart[g]);
                if (loss > worst) {
                    worst = loss;
                    sign = moves[i] > 0 ? 1 : -1;
                }
            }
        }
        return sign * worst;
    }

    /**
     * The standalone maintenance margin of an excluded option position of {@code q} contracts of {@code s} (before
     * riskMultiplier): its worst single-position loss on the grid, {@code max(0, max_g −q·ΔV(g))}, plus for a short
     * the premium and the short-option minimum, {@code |q|·(mark + shortOptionMin·F)}.
     */
    public double excludedOptionMaintenance(RiskBook book, Market market, int s, double q) {
        int u = market.symbolUnderlying[s];
        double[] dv = grid.deltas(u, book.shock[u]);
        int off = market.gridOffset[s];
        double worst = 0;
        for (int g = 0; g < POINTS; g++) {
            worst = Math.max(worst, -q * dv[off + g]);
        }
        if (q < 0) {
            worst -= q * (market.mark[s] + market.shortOptionMin * market.underlyingPrice(s));
        }
        return worst;
    }
}
