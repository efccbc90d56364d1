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
 * The PORTFOLIO re-evaluation of one account as a price tick performs it: equity (§5.2) and MM/IM (§5.3) of the
 * synthetic load-test book, 6 positions over 4 underlyings plus collateral, from the account's numeric
 * {@link RiskBook} and the current marks. Each call nudges the BTC mark so nothing can be hoisted.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PortfolioReevaluationBenchmark {
    private Market market;
    private RiskBook book;
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
        model = new PortfolioModel(market, new ScenarioGrid(market, new OptionPricer(market,
                new VolSurface(market.underlyingCount))));
        book = new RiskBook(market);
        AccountConfig acct = Defaults.syntheticAccount("bench", List.of());
        for (Map.Entry<String, Map<String, BigDecimal>> w : acct.balances().entrySet()) {
            if (!w.getKey().equals("SPOT")) {
                w.getValue().forEach((asset, v) -> book.balance[market.asset(asset)] += v.doubleValue());
            }
        }
        for (PositionConfig p : acct.positions()) {
            book.addPosition(market.symbol(p.symbol()), p.positionAmt().doubleValue(), p.entryPrice().doubleValue());
        }
        scratch = new double[market.assetCount];
        btc = market.symbol("BTCUSDT");
    }

    @Benchmark
    public double reevaluate() {
        market.setMark(btc, 60000 + (n++ & 63));
        MarginModel.equity(book, market, -1, scratch, out);
        model.margin(book, market, -1, out);
        return out.accountEquity / out.maintMargin;
    }
}
