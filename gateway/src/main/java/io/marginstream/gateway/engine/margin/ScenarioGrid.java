package io.marginstream.gateway.engine.margin;

import io.marginstream.gateway.engine.options.Black76;

/**
 * The price × volatility scenario grid of the options of each underlying (§5.3a), valued once per repricing and
 * shared by every account: for option {@code o} of underlying {@code u} and grid point {@code g = 3·i + j},
 * <pre>
 *   ΔV[o][g] = V(F·(1 + k_i·h), σ_o·(1 + v_j·volShock)) − V(F, σ_o)
 *   k = −1, −2/3, −1/3, +1/3, +2/3, +1      v = −1, 0, +1
 * </pre>
 * with {@code V} Black-76 at the option's strike and time to expiry, {@code F} the underlying price and
 * {@code σ_o} the option's volatility as last priced (sticky strike: a price move keeps each option's volatility;
 * only the vol move changes it). An account's scenario value of {@code u} is then
 * {@code k_i·h·D_u + Σ q_o·ΔV[o][g]} — a sum over its positions, never Black-76 per account.
 *
 * <p>The shock size {@code h} is the account's {@code h[u]} (§5.3 step 2), which a volatility floor can raise, so
 * the grid keeps one level per distinct {@code h} in use: {@link #deltas} computes a level lazily, the first time an
 * evaluation asks for it after a repricing of {@code u}, and reuses it for every later account of the same tick.
 * A level not asked for since the last repricing is recycled for the next new {@code h}. The values are a pure
 * function of the pricing inputs, so caching never changes a result. Owned by the engine thread.
 */
public final class ScenarioGrid {
    /** Price moves {@code k}, in units of the shock size {@code h}. */
    public static final double[] PRICE_MOVES = {-1, -2.0 / 3, -1.0 / 3, 1.0 / 3, 2.0 / 3, 1};
    /** Volatility moves, in units of {@code volShock} (relative). */
    public static final double[] VOL_MOVES = {-1, 0, 1};
    /** Grid points per option: {@code g = 3·i + j} for price move {@code i} and vol move {@code j}. */
    public static final int POINTS = PRICE_MOVES.length * VOL_MOVES.length;

    private final Market market;
    private final OptionPricer pricer;
    private final Level[][] levels;
    private final int[] levelCount;
    /** Scratch: {@code ln(1 + k_i·h)} and {@code 1 + v_j·volShock} of the level being computed. */
    private final double[] logMove = new double[PRICE_MOVES.length];
    private final double[] volFactor = new double[VOL_MOVES.length];

    /** The grid of one underlying at one shock size. */
    private static final class Level {
        double h;
        /** The pricer version the values belong to; -1 before the first computation. */
        long version = -1;
        /** The last pricer version an evaluation asked for this level. */
        long used = -1;
        double[] dv;
    }

    public ScenarioGrid(Market market, OptionPricer pricer) {
        this.market = market;
        this.pricer = pricer;
        this.levels = new Level[market.underlyingCount][];
        this.levelCount = new int[market.underlyingCount];
        for (int u = 0; u < market.underlyingCount; u++) {
            levels[u] = new Level[1];
        }
    }

    /**
     * The ΔV of every option of {@code u} at shock size {@code h}: {@code POINTS} values per option, option
     * {@code s} from {@code market.gridOffset[s]} on. Valid until the next repricing of
     * {@code u}; read only.
     */
    public double[] deltas(int u, double h) {
        long version = pricer.version(u);
        Level[] ls = levels[u];
        int n = levelCount[u];
        Level free = null;
        for (int i = 0; i < n; i++) {
            Level l = ls[i];
            if (l.h == h) {
                if (l.version != version) {
                    compute(u, l, version);
                }
                l.used = version;
                return l.dv;
            }
            if (free == null && l.used != version) {
                free = l;
            }
        }
        if (free == null) {
            if (n == ls.length) {
                ls = java.util.Arrays.copyOf(ls, n * 2);
                levels[u] = ls;
            }
            free = new Level();
            free.dv = new double[market.optionsOf[u].length * POINTS];
            ls[n] = free;
            levelCount[u] = n + 1;
        }
        free.h = h;
        compute(u, free, version);
        free.used = version;
        return free.dv;
    }

    /**
     * Values every option of {@code u} at the 18 points. {@code ln(F(1+kh)/K) = ln(F/K) + ln(1+kh)}, so one
     * logarithm per option and six per level: the rest is two normal distribution values per point.
     */
    private void compute(int u, Level l, long version) {
        int[] opts = market.optionsOf[u];
        double f = pricer.forward(u);
        long t = pricer.pricedAt(u);
        for (int i = 0; i < PRICE_MOVES.length; i++) {
            logMove[i] = StrictMath.log(1 + PRICE_MOVES[i] * l.h);
        }
        for (int j = 0; j < VOL_MOVES.length; j++) {
            volFactor[j] = 1 + VOL_MOVES[j] * market.volShock;
        }
        double[] dv = l.dv;
        for (int o = 0; o < opts.length; o++) {
            int s = opts[o];
            int off = o * POINTS;
            if (pricer.frozen(s)) {
                java.util.Arrays.fill(dv, off, off + POINTS, 0);
                continue;
            }
            boolean call = market.optionCall[s];
            double k = market.optionStrike[s];
            double tau = pricer.yearsToExpiry(s, t);
            double base = pricer.value(s);
            double sd = pricer.vol(s) * Math.sqrt(Math.max(0, tau));
            double logFk = sd > 0 ? StrictMath.log(f / k) : 0;
            for (int i = 0; i < PRICE_MOVES.length; i++) {
                double fi = f * (1 + PRICE_MOVES[i] * l.h);
                for (int j = 0; j < VOL_MOVES.length; j++) {
                    double v = sd > 0 ? Black76.valueFromLog(call, fi, k, logFk + logMove[i], sd * volFactor[j])
                            : Black76.intrinsic(call, fi, k);
                    dv[off + i * VOL_MOVES.length + j] = v - base;
                }
            }
        }
        l.version = version;
    }
}
