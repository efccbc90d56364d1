package io.marginstream.gateway.engine.feed;

import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.gateway.config.GatewayConfig.InstrumentConfig;
import io.marginstream.gateway.engine.EngineCommand;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The simulated mark-price feed (§5.1): every {@code feed.tickMillis}, on its own scheduler thread
 * ({@code marginstream-feed}), it moves each underlying's reference mark ({@code <u>USDT}, else the underlying's
 * first instrument) by a seeded geometric random walk with the underlying's annualized {@code feed.volatility}, and
 * moves every other instrument of that underlying (the quarterly, the CM perpetual) with it, keeping a basis that
 * mean-reverts to its configured level ({@code prices[s] / prices[ref]}) with a little noise of its own. The result
 * goes to the engine as one {@link EngineCommand.ApplyMarks}, which the engine journals like any command, so the
 * random numbers never need replaying.
 *
 * <p>For each underlying with options (§5.3a) the tick also moves the ATM implied volatility of its surface
 * ({@link #nextAtmVols}): a mean-reverting walk of {@code ln σ} towards the configured {@code atmVol} (half-life one
 * day), with a volatility of volatility of 150 % a year, correlated −0.5 with the underlying's price step (volatility
 * rises as the price falls). Its own random numbers come from a second generator seeded from {@code feed.seed}, so
 * the price walk is the same with or without options.
 *
 * <p>Each step starts from the engine's current marks and ATM volatilities, so {@code admin.setMarkPrice} and
 * {@code admin.setImpliedVol} move the walk. Ticks are skipped while {@code admin.feed} has the feed disabled.
 * Lifecycle: constructed → {@link #start()} → {@link #close()}.
 */
public final class SimulatedFeed implements AutoCloseable {
    /** Milliseconds per year, for scaling annualized volatility to one tick. */
    static final double YEAR_MILLIS = 365.0 * 86_400_000L;
    /** Fraction of the basis gap closed per tick. */
    static final double BASIS_REVERSION = 0.05;
    /** Standard deviation of the basis noise per tick. */
    static final double BASIS_NOISE = 0.00002;
    static final double DEFAULT_VOLATILITY = 0.6;
    /** Annualized volatility of {@code ln σ_ATM}. */
    static final double VOL_OF_VOL = 1.5;
    /** Correlation of the ATM volatility's step with the underlying's price step. */
    static final double SPOT_VOL_CORRELATION = -0.5;
    /** Half-life of the ATM volatility's reversion to its configured level. */
    static final double VOL_HALF_LIFE_MILLIS = 86_400_000.0;
    /** Bounds of the walked ATM volatility. */
    static final double MIN_ATM_VOL = 0.05;
    static final double MAX_ATM_VOL = 5;

    private final int tickMillis;
    private final Supplier<Map<String, BigDecimal>> currentMarks;
    private final Supplier<Map<String, BigDecimal>> currentAtmVols;
    private final BooleanSupplier enabled;
    private final Consumer<EngineCommand.ApplyMarks> sink;
    private final Random random;
    private final Random volRandom;
    private final List<Walk> walks = new ArrayList<>();
    private final List<VolWalk> volWalks = new ArrayList<>();
    /** Per walk: the normal draw of its last price step. */
    private final double[] lastShock;
    private final double volSigma;
    private final double volReversion;
    private ScheduledExecutorService scheduler;

    /** One underlying: its reference symbol, per-tick sigma, and followers with their target basis. */
    private record Walk(String reference, double sigma, List<String> followers, List<Double> targetBasis) {
    }

    /** The ATM volatility of one underlying with options: its price walk and the log of its configured level. */
    private record VolWalk(String underlying, int walk, double logTarget) {
    }

    /**
     * @param currentMarks   the engine's current marks (symbol → mark)
     * @param currentAtmVols the engine's current ATM volatilities (underlying → σ) of the underlyings with options
     */
    public SimulatedFeed(GatewayConfig config, Supplier<Map<String, BigDecimal>> currentMarks,
                         Supplier<Map<String, BigDecimal>> currentAtmVols, BooleanSupplier enabled,
                         Consumer<EngineCommand.ApplyMarks> sink) {
        this.tickMillis = config.feed().tickMillis();
        if (tickMillis < 1) {
            throw new IllegalArgumentException("feed.tickMillis must be >= 1");
        }
        this.currentMarks = currentMarks;
        this.currentAtmVols = currentAtmVols;
        this.enabled = enabled;
        this.sink = sink;
        this.random = new Random(config.feed().seed());
        this.volRandom = new Random(~config.feed().seed());
        Map<String, List<String>> byUnderlying = new LinkedHashMap<>();
        for (InstrumentConfig ic : config.instruments()) {
            byUnderlying.computeIfAbsent(ic.underlying(), u -> new ArrayList<>()).add(ic.symbol());
        }
        for (Map.Entry<String, List<String>> e : byUnderlying.entrySet()) {
            String u = e.getKey();
            String ref = e.getValue().contains(u + "USDT") ? u + "USDT" : e.getValue().get(0);
            BigDecimal vol = config.feed().volatility().get(u);
            double v = vol != null ? vol.doubleValue() : DEFAULT_VOLATILITY;
            if (v < 0) {
                throw new IllegalArgumentException("feed.volatility." + u + " must be >= 0");
            }
            double sigma = v * Math.sqrt(tickMillis / YEAR_MILLIS);
            List<String> followers = new ArrayList<>();
            List<Double> basis = new ArrayList<>();
            double refPrice = config.prices().get(ref).doubleValue();
            for (String s : e.getValue()) {
                if (!s.equals(ref)) {
                    followers.add(s);
                    basis.add(config.prices().get(s).doubleValue() / refPrice);
                }
            }
            GatewayConfig.OptionUnderlyingConfig oc = config.options().underlyings().get(u);
            if (oc != null) {
                volWalks.add(new VolWalk(u, walks.size(), Math.log(oc.atmVol().doubleValue())));
            }
            walks.add(new Walk(ref, sigma, List.copyOf(followers), List.copyOf(basis)));
        }
        this.lastShock = new double[walks.size()];
        this.volSigma = VOL_OF_VOL * Math.sqrt(tickMillis / YEAR_MILLIS);
        this.volReversion = 1 - Math.pow(0.5, tickMillis / VOL_HALF_LIFE_MILLIS);
    }

    /** One step of the walk from {@code current} marks: the new mark of every instrument. */
    public Map<String, BigDecimal> next(Map<String, BigDecimal> current) {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        for (int k = 0; k < walks.size(); k++) {
            Walk w = walks.get(k);
            double ref = current.get(w.reference).doubleValue();
            double g = random.nextGaussian();
            lastShock[k] = g;
            double nextRef = ref * Math.exp(w.sigma * g - 0.5 * w.sigma * w.sigma);
            out.put(w.reference, round(nextRef));
            for (int i = 0; i < w.followers.size(); i++) {
                String s = w.followers.get(i);
                double basis = current.get(s).doubleValue() / ref;
                double target = w.targetBasis.get(i);
                double nextBasis = basis + BASIS_REVERSION * (target - basis) + BASIS_NOISE * random.nextGaussian();
                out.put(s, round(nextRef * nextBasis));
            }
        }
        return out;
    }

    /**
     * The next ATM volatility of every underlying with options, from {@code current} (underlying → σ), correlated
     * with the price steps of the last {@link #next} call; rounded to 6 decimals.
     */
    public Map<String, BigDecimal> nextAtmVols(Map<String, BigDecimal> current) {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        double rho = SPOT_VOL_CORRELATION;
        for (VolWalk v : volWalks) {
            BigDecimal now = current.get(v.underlying);
            if (now == null) {
                continue;
            }
            double x = Math.log(now.doubleValue());
            double z = rho * lastShock[v.walk] + Math.sqrt(1 - rho * rho) * volRandom.nextGaussian();
            double next = Math.exp(x + volReversion * (v.logTarget - x) + volSigma * z);
            next = Math.min(MAX_ATM_VOL, Math.max(MIN_ATM_VOL, next));
            out.put(v.underlying, BigDecimal.valueOf(next).setScale(6, RoundingMode.HALF_EVEN));
        }
        return out;
    }

    /** A mark rounded to a tick that suits its size: 2 decimals from 1000, 3 from 10, 4 from 1, else 6. */
    static BigDecimal round(double v) {
        int scale = v >= 1000 ? 2 : v >= 10 ? 3 : v >= 1 ? 4 : 6;
        BigDecimal b = BigDecimal.valueOf(v).setScale(scale, RoundingMode.HALF_EVEN);
        return b.signum() > 0 ? b : BigDecimal.ONE.movePointLeft(scale);
    }

    public synchronized void start() {
        if (scheduler != null) {
            throw new IllegalStateException("feed already started");
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "marginstream-feed");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleAtFixedRate(this::tick, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            if (enabled.getAsBoolean()) {
                Map<String, BigDecimal> marks = next(currentMarks.get());
                sink.accept(new EngineCommand.ApplyMarks(marks, nextAtmVols(currentAtmVols.get())));
            }
        } catch (RuntimeException e) {
            System.getLogger(SimulatedFeed.class.getName()).log(System.Logger.Level.ERROR, "feed tick failed", e);
        }
    }

    @Override
    public synchronized void close() {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdownNow();
        try {
            if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("feed thread did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
