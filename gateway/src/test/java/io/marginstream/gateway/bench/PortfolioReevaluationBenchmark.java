package io.marginstream.gateway.bench;

import io.marginstream.gateway.config.Defaults;
import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.gateway.config.GatewayConfig.AccountConfig;
import io.marginstream.gateway.config.GatewayConfig.PositionConfig;
import io.marginstream.gateway.engine.margin.MarginModel;
import io.marginstream.gateway.engine.margin.Market;
import io.marginstream.gateway.engine.margin.OptionPricer;
import io.marginstream.gateway.engine.margin.PortfolioModel;
import io.marginstream.gateway.engine.margin.RiskBook;
import io.marginstream.gateway.engine.margin.RiskFigures;
import io.marginstream.gateway.engine.margin.ScenarioGrid;
import io.marginstream.gateway.engine.options.VolSurface;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The PORTFOLIO re-evaluation of one account as a price tick performs it: equity (§5.2) and MM/IM (§5.3) from the
 * account's numeric {@link RiskBook} and the current marks.
 * <ul>
 *   <li>{@code reevaluate}: the synthetic load-test book, 6 positions over 4 underlyings plus collateral;</li>
 *   <li>{@code reevaluateWithOptions}: the same plus 20 option positions on BTC and ETH ({@link BenchBooks}),
 *       revalued on the price × vol grid from the shared {@link ScenarioGrid} values (computed once, as the
 *       first account of a tick does; every other account of the tick only sums them).</li>
 * </ul>
 * Each call nudges the BTC mark so nothing can be hoisted.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PortfolioReevaluationBenchmark {
    /** 2026-01-01T10:00Z, when the options are priced. */
    private static final long MARKET_TIME = 1_767_261_600_000L;
    private Market market;
    private RiskBook book;
    private RiskBook optionBook;
    private MarginModel model;
    private final RiskFigures out = new RiskFigures();
    private double[] scratch;
    private int btc;
    private long n;

    @Setup
    public void setUp() {
        GatewayConfig config = GatewayConfig.empty();
        market = new Market(config);
        for (int s = 0; s < market.futuresCount; s++) {
            market.setMark(s, config.prices().get(market.symbolNames[s]).doubleValue());
        }
        VolSurface surface = new VolSurface(market.underlyingCount);
        config.options().underlyings().forEach((u, c) -> surface.set(market.underlying(u), c.atmVol(), c.skew(),
                c.termSlope()));
        OptionPricer pricer = new OptionPricer(market, surface);
        for (int u = 0; u < market.underlyingCount; u++) {
            pricer.reprice(u, MARKET_TIME);
        }
        model = new PortfolioModel(market, new ScenarioGrid(market, pricer));
        book = book(Defaults.syntheticAccount("bench", List.of()));
        optionBook = book(BenchBooks.withOptions("bench-options"));
        scratch = new double[market.assetCount];
        btc = market.symbol("BTCUSDT");
    }

    /** The account's numeric book as the engine builds it: PM-wallet balances, positions in symbol order. */
    private RiskBook book(AccountConfig acct) {
        RiskBook b = new RiskBook(market);
        for (Map.Entry<String, Map<String, BigDecimal>> w : acct.balances().entrySet()) {
            if (!w.getKey().equals("SPOT")) {
                w.getValue().forEach((asset, v) -> b.balance[market.asset(asset)] += v.doubleValue());
            }
        }
        List<PositionConfig> inSymbolOrder = new java.util.ArrayList<>(acct.positions());
        inSymbolOrder.sort(java.util.Comparator.comparingInt(p -> market.symbol(p.symbol())));
        for (PositionConfig p : inSymbolOrder) {
            int sym = market.symbol(p.symbol());
            b.addPosition(sym, p.positionAmt().doubleValue(), p.entryPrice().doubleValue(), market.inverse[sym]);
        }
        return b;
    }

    @Benchmark
    public double reevaluate() {
        market.setMark(btc, 60000 + (n++ & 63));
        MarginModel.equity(book, market, -1, scratch, out);
        model.margin(book, market, -1, out);
        return out.accountEquity / out.maintMargin;
    }

    @Benchmark
    public double reevaluateWithOptions() {
        market.setMark(btc, 60000 + (n++ & 63));
        MarginModel.equity(optionBook, market, -1, scratch, out);
        model.margin(optionBook, market, -1, out);
        return out.accountEquity / out.maintMargin;
    }
}
