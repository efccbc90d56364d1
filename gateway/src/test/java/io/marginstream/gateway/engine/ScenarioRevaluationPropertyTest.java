package io.marginstream.gateway.engine;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.marginstream.gateway.engine.EngineHarness.account;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The engine's closed-form PORTFOLIO margin against a literal reading of §5.3: revalue every position and balance
 * on each underlying at the six scenario prices, take the worst loss, aggregate with correlations, add the basis
 * charge. Default config, USDT collateral plus coin balances.
 */
class ScenarioRevaluationPropertyTest {
    private static final String[] SYMBOLS = {"BTCUSDT", "ETHUSDT", "BNBUSDT", "SOLUSDT", "BTCUSDT_QUARTER",
        "BTCUSD_PERP", "ETHUSD_PERP"};
    private static final String[] UNDER = {"BTC", "ETH", "BNB", "SOL", "BTC", "BTC", "ETH"};
    private static final double[] MARK = {60000, 3000, 600, 150, 60300, 60000, 3000};
    private static final double[] SIZE = {0, 0, 0, 0, 0, 100, 10};
    private static final String[] U = {"BTC", "ETH", "BNB", "SOL"};
    private static final double[] PRICE = {60000, 3000, 600, 150};
    private static final double[][] RHO = {
        {1, 0.85, 0.7, 0.75}, {0.85, 1, 0.7, 0.75}, {0.7, 0.7, 1, 0.65}, {0.75, 0.75, 0.65, 1}};
    private static final double[] K = {-1, -2.0 / 3, -1.0 / 3, 1.0 / 3, 2.0 / 3, 1};

    record Pos(int symbol, int units, int entryPct) {
    }

    record Book(List<Pos> positions, int btc, int eth) {
    }

    @Provide
    Arbitrary<Book> books() {
        Arbitrary<Pos> pos = Combinators.combine(Arbitraries.integers().between(0, SYMBOLS.length - 1),
                Arbitraries.integers().between(-50, 50).filter(x -> x != 0),
                Arbitraries.integers().between(80, 120)).as(Pos::new);
        return Combinators.combine(pos.list().ofMaxSize(6).uniqueElements(Pos::symbol),
                Arbitraries.integers().between(-3, 3), Arbitraries.integers().between(-30, 30)).as(Book::new);
    }

    @Property(tries = 40)
    void closedFormEqualsSixScenarioRevaluation(@ForAll("books") Book book) {
        List<String> flat = new ArrayList<>();
        double[] qty = new double[SYMBOLS.length];
        double[] entry = new double[SYMBOLS.length];
        for (Pos p : book.positions()) {
            // UM in 0.1 base units, CM in whole contracts
            BigDecimal q = SIZE[p.symbol()] > 0 ? BigDecimal.valueOf(p.units())
                    : BigDecimal.valueOf(p.units()).movePointLeft(1);
            BigDecimal e = BigDecimal.valueOf(MARK[p.symbol()]).multiply(BigDecimal.valueOf(p.entryPct()))
                    .movePointLeft(2);
            flat.add(SYMBOLS[p.symbol()]);
            flat.add(q.toPlainString());
            flat.add(e.toPlainString());
            qty[p.symbol()] = q.doubleValue();
            entry[p.symbol()] = e.doubleValue();
        }
        Map<String, Map<String, String>> bal = Map.of("CROSS_MARGIN", Map.of("USDT", "1000000",
                "BTC", Integer.toString(book.btc()), "ETH", Integer.toString(book.eth())));
        double expected = reference(qty, entry, new double[] {book.btc(), book.eth(), 0, 0});
        try (EngineHarness h = EngineHarness.of(account("p", bal, flat.toArray(new String[0])))) {
            double mm = h.status("p").accountMaintMargin().doubleValue();
            assertEquals(expected, mm, 1e-6 * Math.max(1, expected));
        }
    }

    /** §5.3 steps 2–7 with default settings, by brute-force revaluation. */
    private static double reference(double[] qty, double[] entry, double[] coins) {
        double[] signedLoss = new double[U.length];
        double gross = 0;
        for (int s = 0; s < SYMBOLS.length; s++) {
            if (qty[s] != 0) {
                gross += SIZE[s] > 0 ? Math.abs(qty[s]) * SIZE[s] : Math.abs(qty[s]) * MARK[s];
            }
        }
        for (int u = 0; u < U.length; u++) {
            double base = value(u, 0, qty, entry, coins);
            double worst = 0;
            double sign = 0;
            for (double k : K) {
                double loss = base - value(u, k * 0.03, qty, entry, coins);
                if (loss > worst) {
                    worst = loss;
                    sign = Math.signum(k);
                }
            }
            signedLoss[u] = sign * worst;
        }
        double var = 0;
        for (int u = 0; u < U.length; u++) {
            for (int v = 0; v < U.length; v++) {
                var += RHO[u][v] * signedLoss[u] * signedLoss[v];
            }
        }
        return Math.sqrt(Math.max(0, var)) + 0.004 * gross;
    }

    /** USD value of everything on underlying {@code u} with its prices moved by {@code move}. */
    private static double value(int u, double move, double[] qty, double[] entry, double[] coins) {
        double coinPrice = PRICE[u] * (1 + move);
        double v = coins[u] * coinPrice;
        for (int s = 0; s < SYMBOLS.length; s++) {
            if (qty[s] == 0 || !UNDER[s].equals(U[u])) {
                continue;
            }
            double m = MARK[s] * (1 + move);
            v += SIZE[s] > 0 ? qty[s] * SIZE[s] * (1 / entry[s] - 1 / m) * coinPrice : qty[s] * (m - entry[s]);
        }
        return v;
    }
}
