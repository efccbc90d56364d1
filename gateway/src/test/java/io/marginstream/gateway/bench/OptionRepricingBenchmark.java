package io.marginstream.gateway.bench;

import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.gateway.engine.margin.Market;
import io.marginstream.gateway.engine.margin.OptionPricer;
import io.marginstream.gateway.engine.margin.ScenarioGrid;
import io.marginstream.gateway.engine.options.VolSurface;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * What a tick costs per option (§5.3a), on the default listing's 30 BTC options (3 expiries × 5 strikes × call/put):
 * <ul>
 *   <li>{@code reprice}: {@link OptionPricer#reprice} of the underlying — surface volatility, Black-76 value and the
 *       rounded mark of each of the 30 options;</li>
 *   <li>{@code repriceAndGrid}: the same plus the {@link ScenarioGrid}'s 18 scenario values of each option, which
 *       the first account evaluated after a tick asks for and every other account reuses.</li>
 * </ul>
 * Divide by 30 for the cost per option. Each call moves the BTC mark, so every value is recomputed.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class OptionRepricingBenchmark {
    private static final long MARKET_TIME = 1_767_261_600_000L;

    private Market market;
    private OptionPricer pricer;
    private ScenarioGrid grid;
    private int btc;
    private int btcMark;
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
        pricer = new OptionPricer(market, surface);
        grid = new ScenarioGrid(market, pricer);
        btc = market.underlying("BTC");
        btcMark = market.symbol("BTCUSDT");
        if (market.optionsOf[btc].length != 30) {
            throw new IllegalStateException("expected the default 30 BTC options");
        }
    }

    @Benchmark
    public double reprice() {
        market.setMark(btcMark, 60000 + (n++ & 63));
        pricer.reprice(btc, MARKET_TIME);
        return market.mark[market.optionsOf[btc][0]];
    }

    @Benchmark
    public double repriceAndGrid() {
        market.setMark(btcMark, 60000 + (n++ & 63));
        pricer.reprice(btc, MARKET_TIME);
        return grid.deltas(btc, market.shock[btc])[0];
    }
}
