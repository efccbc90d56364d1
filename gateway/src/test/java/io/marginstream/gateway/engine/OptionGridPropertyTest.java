package io.marginstream.gateway.engine;

import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.gateway.config.GatewayConfig.OptionUnderlyingConfig;
import io.marginstream.gateway.config.GatewayConfig.OptionsConfig;
import io.marginstream.gateway.config.OptionListing;
import io.marginstream.gateway.config.OptionListing.OptionInstrument;
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
import static io.marginstream.gateway.engine.EngineHarness.d;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's PORTFOLIO margin with options against a literal reading of §5.3 and §5.3a, computed here by hand:
 * every position and coin balance of each underlying is revalued at every point of the 6 × 3 price × volatility
 * grid — options by Black-76 with a normal distribution integrated here by Simpson's rule (independent of the
 * engine's approximation), at the volatility the surface gives — then the worst loss, the correlation aggregation,
 * the basis charge and the short-option minimum. And, for one-underlying books, the margin never lies below the
 * loss of any single grid point.
 */
class OptionGridPropertyTest {
    private static final long T0 = EngineHarness.T0;
    private static final double YEAR = 365.0 * 86_400_000L;
    private static final String[] FUTURES = {"BTCUSDT", "ETHUSDT", "BTCUSDT_QUARTER", "BTCUSD_PERP", "SOLUSDT"};
    private static final String[] FUT_UNDER = {"BTC", "ETH", "BTC", "BTC", "SOL"};
    private static final double[] FUT_MARK = {60000, 3000, 60300, 60000, 150};
    private static final double[] FUT_SIZE = {0, 0, 0, 100, 0};
    private static final String[] U = {"BTC", "ETH", "SOL"};
    private static final double[] PRICE = {60000, 3000, 150};
    private static final double[][] RHO = {{1, 0.85, 0.75}, {0.85, 1, 0.75}, {0.75, 0.75, 1}};
    private static final double[] K = {-1, -2.0 / 3, -1.0 / 3, 1.0 / 3, 2.0 / 3, 1};
    private static final double[] V = {-1, 0, 1};
    /** Surface per underlying: atmVol, skew, termSlope. */
    private static final double[][] SURFACE = {{0.55, -0.2, 0.1}, {0.8, -0.1, -0.05}};

    private static final GatewayConfig BASE = EngineHarness.config().withOptions(new OptionsConfig(
            List.of("2026-02-27", "2026-06-26"),
            Map.of("BTC", new OptionUnderlyingConfig(d("5000"), 2, d("0.01"), d("0.55"), d("-0.2"), d("0.1")),
                    "ETH", new OptionUnderlyingConfig(d("250"), 1, d("0.1"), d("0.8"), d("-0.1"), d("-0.05")))));
    private static final List<OptionInstrument> OPTIONS = OptionListing.of(BASE);

    /** A position: a future (index below FUTURES.length) or an option, in tenths of a unit; entry in % of mark. */
    record Pos(int instrument, int tenths, int entryPct) {
    }

    record Book(List<Pos> positions, int btc, int eth) {
    }

    @Provide
    Arbitrary<Book> books() {
        return books(FUTURES.length + OPTIONS.size(), 8, 3);
    }

    /** Books on BTC alone: BTCUSDT and the BTC options, no coin balances. */
    @Provide
    Arbitrary<Book> btcBooks() {
        Arbitrary<Pos> pos = position(FUTURES.length + OPTIONS.size())
                .filter(p -> p.instrument() == 0 || (p.instrument() >= FUTURES.length
                        && OPTIONS.get(p.instrument() - FUTURES.length).underlying().equals("BTC")));
        return pos.list().ofMinSize(1).ofMaxSize(6).uniqueElements(Pos::instrument).map(l -> new Book(l, 0, 0));
    }

    private static Arbitrary<Pos> position(int instruments) {
        return Combinators.combine(Arbitraries.integers().between(0, instruments - 1),
                Arbitraries.integers().between(-40, 40).filter(x -> x != 0),
                Arbitraries.integers().between(50, 150)).as(Pos::new);
    }

    private static Arbitrary<Book> books(int instruments, int maxPositions, int coins) {
        return Combinators.combine(position(instruments).list().ofMaxSize(maxPositions).uniqueElements(Pos::instrument),
                Arbitraries.integers().between(-coins, coins), Arbitraries.integers().between(-10 * coins,
                        10 * coins)).as(Book::new);
    }

    @Property(tries = 40)
    void engineMargin_equalsTheHandRevaluationOfEveryGridPoint(@ForAll("books") Book book) {
        Reference ref = new Reference(book);
        try (EngineHarness h = new EngineHarness(ref.config())) {
            double mm = h.status("p").accountMaintMargin().doubleValue();
            assertEquals(ref.margin(), mm, 1e-6 * Math.max(1, mm));
        }
    }

    @Property(tries = 40)
    void gridMargin_neverLiesBelowTheWorstSingleScenario(@ForAll("btcBooks") Book book) {
        Reference ref = new Reference(book);
        try (EngineHarness h = new EngineHarness(ref.config())) {
            double market = h.status("p").accountMaintMargin().doubleValue() - ref.basis() - ref.shortMinimum();
            for (double k : K) {
                for (double v : V) {
                    double loss = -ref.change(0, k * 0.03, v);
                    assertTrue(market >= loss - 1e-6 * Math.max(1, loss), "MM_market " + market
                            + " below the loss " + loss + " at k = " + k + ", vol move " + v);
                }
            }
        }
    }

    /** The book as config, and §5.3/§5.3a by brute force. */
    private static final class Reference {
        final double[] qty = new double[FUTURES.length + OPTIONS.size()];
        final double[] entry = new double[qty.length];
        final double[] coins;
        final List<String> flat = new ArrayList<>();

        Reference(Book book) {
            coins = new double[] {book.btc(), book.eth(), 0};
            for (Pos p : book.positions()) {
                int i = p.instrument();
                boolean cm = i < FUTURES.length && FUT_SIZE[i] > 0;
                BigDecimal q = cm ? BigDecimal.valueOf(p.tenths()) : BigDecimal.valueOf(p.tenths()).movePointLeft(1);
                double mark = i < FUTURES.length ? FUT_MARK[i] : Math.max(1, markOf(i - FUTURES.length));
                BigDecimal e = BigDecimal.valueOf(mark).multiply(BigDecimal.valueOf(p.entryPct())).movePointLeft(2)
                        .setScale(2, java.math.RoundingMode.HALF_EVEN);
                flat.add(i < FUTURES.length ? FUTURES[i] : OPTIONS.get(i - FUTURES.length).symbol());
                flat.add(q.toPlainString());
                flat.add(e.toPlainString());
                qty[i] = q.doubleValue();
                entry[i] = e.doubleValue();
            }
        }

        GatewayConfig config() {
            Map<String, Map<String, String>> bal = Map.of("CROSS_MARGIN", Map.of("USDT", "10000000",
                    "BTC", Long.toString((long) coins[0]), "ETH", Long.toString((long) coins[1])));
            return BASE.withAccounts(List.of(account("p", bal, flat.toArray(new String[0]))));
        }

        double basis() {
            double gross = 0;
            for (int i = 0; i < qty.length; i++) {
                if (qty[i] == 0) {
                    continue;
                }
                if (i < FUTURES.length) {
                    gross += FUT_SIZE[i] > 0 ? Math.abs(qty[i]) * FUT_SIZE[i] : Math.abs(qty[i]) * FUT_MARK[i];
                } else {
                    gross += Math.abs(qty[i]) * markOf(i - FUTURES.length);
                }
            }
            return 0.004 * gross;
        }

        double shortMinimum() {
            double m = 0;
            for (int o = 0; o < OPTIONS.size(); o++) {
                double q = qty[FUTURES.length + o];
                if (q < 0) {
                    m += -q * 0.01 * PRICE[under(OPTIONS.get(o).underlying())];
                }
            }
            return m;
        }

        double margin() {
            double[] signed = new double[U.length];
            for (int u = 0; u < U.length; u++) {
                double worst = 0;
                double sign = 0;
                for (double k : K) {
                    for (double v : V) {
                        double loss = -change(u, k * 0.03, v);
                        if (loss > worst) {
                            worst = loss;
                            sign = Math.signum(k);
                        }
                    }
                }
                signed[u] = sign * worst;
            }
            double var = 0;
            for (int u = 0; u < U.length; u++) {
                for (int v = 0; v < U.length; v++) {
                    var += RHO[u][v] * signed[u] * signed[v];
                }
            }
            return Math.sqrt(Math.max(0, var)) + basis() + shortMinimum();
        }

        /** The change in USD of everything on underlying {@code u} when its prices move by {@code move}. */
        double change(int u, double move, double volMove) {
            return value(u, move, volMove) - value(u, 0, 0);
        }

        private double value(int u, double move, double volMove) {
            double coinPrice = PRICE[u] * (1 + move);
            double v = coins[u] * coinPrice;
            for (int i = 0; i < FUTURES.length; i++) {
                if (qty[i] == 0 || !FUT_UNDER[i].equals(U[u])) {
                    continue;
                }
                double m = FUT_MARK[i] * (1 + move);
                v += FUT_SIZE[i] > 0 ? qty[i] * FUT_SIZE[i] * (1 / entry[i] - 1 / m) * coinPrice
                        : qty[i] * (m - entry[i]);
            }
            for (int o = 0; o < OPTIONS.size(); o++) {
                double q = qty[FUTURES.length + o];
                OptionInstrument oi = OPTIONS.get(o);
                if (q == 0 || under(oi.underlying()) != u) {
                    continue;
                }
                double sigma = vol(u, oi) * (1 + volMove * 0.25);
                v += q * black76(oi.call(), PRICE[u] * (1 + move), oi.strike().doubleValue(), tau(oi), sigma);
            }
            return v;
        }
    }

    private static int under(String u) {
        for (int i = 0; i < U.length; i++) {
            if (U[i].equals(u)) {
                return i;
            }
        }
        throw new IllegalArgumentException(u);
    }

    private static double tau(OptionInstrument oi) {
        return (oi.expiryMillis() - T0) / YEAR;
    }

    /** §5.3a's surface at the start prices: atmVol + skew·ln(K/F) + termSlope·τ, at least 0.01. */
    private static double vol(int u, OptionInstrument oi) {
        double[] s = SURFACE[u];
        return Math.max(0.01, s[0] + s[1] * Math.log(oi.strike().doubleValue() / PRICE[u]) + s[2] * tau(oi));
    }

    private static double markOf(int o) {
        OptionInstrument oi = OPTIONS.get(o);
        int u = under(oi.underlying());
        return Math.round(black76(oi.call(), PRICE[u], oi.strike().doubleValue(), tau(oi), vol(u, oi)) * 100) / 100.0;
    }

    private static double black76(boolean call, double f, double k, double t, double sigma) {
        double sd = sigma * Math.sqrt(t);
        double d1 = (Math.log(f / k) + sd * sd / 2) / sd;
        double d2 = d1 - sd;
        return call ? f * cdf(d1) - k * cdf(d2) : k * cdf(-d2) - f * cdf(-d1);
    }

    /** N(x) = ½ ± ∫₀^|x| φ by Simpson's rule over 4000 intervals (error below 1e-11). */
    private static double cdf(double x) {
        double a = Math.min(Math.abs(x), 12);
        int n = 4000;
        double step = a / n;
        double sum = pdf(0) + pdf(a);
        for (int i = 1; i < n; i++) {
            sum += (i % 2 == 1 ? 4 : 2) * pdf(i * step);
        }
        double integral = sum * step / 3;
        return x >= 0 ? 0.5 + integral : 0.5 - integral;
    }

    private static double pdf(double x) {
        return Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);
    }
}
