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
 *   MM          = riskMultiplier · (MM_market + MM_basis + MM_shortMin + MM_excluded),   IM = imMultiplier · MM
 * </pre>
 * An excluded future adds its TIERED MM; an excluded option its standalone margin
 * ({@link #excludedOptionMaintenance}). The test suite checks all of this against a literal revaluation of every
 * position at every scenario. Scratch space only; used by the engine thread.
 */
public final class PortfolioModel implements MarginModel {
    private static final int POINTS = ScenarioGrid.POINTS;

    static {
        if (POINTS != 18) {
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
                if (!hasOptions[u]) {
                    hasOptions[u] = true;
                    rows[u] = grid.deltas(u, h[u]);
                    java.util.Arrays.fill(optionPart[u], 0);
                }
                runGross = 0;
                runShortMin = 0;
                i = accumulateRun(book, market, i, skip, u);
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
    }

    /**
     * Adds the grid values of a run of aggregated option positions of underlying {@code u}, from position
     * {@code first} for as long as the next position is one too (an engine book lists positions in symbol order,
     * so the options of an underlying are one run), into {@code optionPart[u]}, with {@code runGross} and
     * {@code runShortMin}; returns the index of the run's last position. The 18 sums stay in locals (registers) for
     * the whole run and are written once: this loop is the whole per-account cost of options.
     */
    private int accumulateRun(RiskBook book, Market market, int first, int skip, int u) {
        double[] dv = rows[u];
        double a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0, a8 = 0;
        double a9 = 0, a10 = 0, a11 = 0, a12 = 0, a13 = 0, a14 = 0, a15 = 0, a16 = 0, a17 = 0;
        double notional = 0;
        double minimum = 0;
        int j = first;
        while (true) {
            int s = book.symbol[j];
            double q = book.quantity[j];
            int o = market.optionLocal[s] * POINTS;
            a0 += q * dv[o];
            a1 += q * dv[o + 1];
            a2 += q * dv[o + 2];
            a3 += q * dv[o + 3];
            a4 += q * dv[o + 4];
            a5 += q * dv[o + 5];
            a6 += q * dv[o + 6];
            a7 += q * dv[o + 7];
            a8 += q * dv[o + 8];
            a9 += q * dv[o + 9];
            a10 += q * dv[o + 10];
            a11 += q * dv[o + 11];
            a12 += q * dv[o + 12];
            a13 += q * dv[o + 13];
            a14 += q * dv[o + 14];
            a15 += q * dv[o + 15];
            a16 += q * dv[o + 16];
            a17 += q * dv[o + 17];
            notional += Math.abs(q) * market.mark[s];
            if (q < 0) {
                minimum -= q * market.shortOptionMin * market.underlyingPrice(s);
            }
            int next = j + 1;
            if (next >= book.positionCount || next == skip) {
                break;
            }
            int ns = book.symbol[next];
            if (!market.isOption[ns] || book.excluded[ns] || market.symbolUnderlying[ns] != u) {
                break;
            }
            j = next;
        }
        double[] p = optionPart[u];
        p[0] += a0;
        p[1] += a1;
        p[2] += a2;
        p[3] += a3;
        p[4] += a4;
        p[5] += a5;
        p[6] += a6;
        p[7] += a7;
        p[8] += a8;
        p[9] += a9;
        p[10] += a10;
        p[11] += a11;
        p[12] += a12;
        p[13] += a13;
        p[14] += a14;
        p[15] += a15;
        p[16] += a16;
        p[17] += a17;
        runGross = notional;
        runShortMin = minimum;
        return j;
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
        int off = market.optionLocal[s] * POINTS;
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
