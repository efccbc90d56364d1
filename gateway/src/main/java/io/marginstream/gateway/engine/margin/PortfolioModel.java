package io.marginstream.gateway.engine.margin;

/**
 * {@code PORTFOLIO} (§5.3): hedges offset, risk is stress-tested per underlying and aggregated with correlations.
 *
 * <p>Every component on an underlying {@code u} revalues <em>linearly</em> in the scenario move {@code k·h}: a UM
 * position changes by {@code q·m·k·h}; a balance of coin {@code u} by {@code b·P·k·h}; a CM position's PnL, converted
 * at the shocked coin price, is {@code n·size·(1/e − 1/(m(1+kh)))·P(1+kh) = n·size·P(1+kh)/e − n·size·P/m}, so it
 * changes by {@code n·size·P·k·h/e}. Hence {@code ΔV_u(k) = k·h·D_u} with the delta
 * {@code D_u = Σ q·m + P·(b + Σ n·size/e)}, the worst of the six scenarios is {@code k = ∓1},
 * {@code L_u = h·|D_u|} with sign {@code s_u = −sign(D_u)}, and {@code s_u·L_u = −h_u·D_u}. Then
 * {@code MM_market = √max(0, Σ ρ_uv (h_u D_u)(h_v D_v))}, {@code MM_basis = grossRate · Σ notional},
 * {@code MM = riskMultiplier · (MM_market + MM_basis + MM_excluded)}, {@code IM = imMultiplier · MM} plus what the
 * open orders hold ({@link OpenOrderMargin#portfolio}). The test
 * suite checks this closed form against an exact six-scenario revaluation.
 */
public final class PortfolioModel implements MarginModel {
    private final double[] delta;

    public PortfolioModel(Market market) {
        delta = new double[market.underlyingCount];
    }

    @Override
    public void margin(RiskBook book, Market market, int skip, RiskFigures out) {
        double[] d = delta;
        int nu = d.length;
        for (int u = 0; u < nu; u++) {
            d[u] = 0;
        }
        for (int a = 0; a < market.assetCount; a++) {
            int u = market.assetUnderlying[a];
            if (u >= 0) {
                d[u] += book.balance[a] * market.assetPrice[a];
            }
        }
        double gross = 0;
        double excludedMm = 0;
        for (int i = 0; i < book.positionCount; i++) {
            if (i == skip) {
                continue;
            }
            int s = book.symbol[i];
            double q = book.quantity[i];
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
        double[][] rho = book.correlation;
        double[] h = book.shock;
        double var = 0;
        for (int u = 0; u < nu; u++) {
            double xu = h[u] * d[u];
            if (xu == 0) {
                continue;
            }
            double[] row = rho[u];
            double sum = 0;
            for (int v = 0; v < nu; v++) {
                sum += row[v] * h[v] * d[v];
            }
            var += xu * sum;
        }
        double mm = book.riskMultiplier * (Math.sqrt(Math.max(0, var)) + market.grossRate * gross + excludedMm);
        out.maintMargin = mm;
        out.initialMargin = market.imMultiplier * mm;
        out.grossNotional = gross;
        OpenOrderMargin.portfolio(book, market, out);
    }
}
