package io.marginstream.gateway.engine;

import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.gateway.engine.margin.Market;
import io.marginstream.gateway.engine.margin.OptionPricer;
import io.marginstream.protocol.ApiException;
import io.marginstream.protocol.ErrorCode;

import java.math.BigDecimal;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exact mark of every symbol (mirrored as {@code double} into the {@link Market} the models read), the marks
 * a batch changed, and the published copy other threads read. Owned by the engine thread; {@link #published()} is
 * safe from any thread.
 *
 * <p>Futures marks are given (config, feed, {@code admin.setMarkPrice}). Option marks come from the
 * {@link OptionPricer}, which writes them into the {@link Market} as doubles of whole cents; the exact
 * {@code BigDecimal} of an option mark is made only when something reads it (a fill, a view, the end of the batch),
 * so a repricing allocates nothing per option. A settled option keeps the exact settlement value.
 */
final class Marks {
    private final Market market;
    private final OptionPricer pricer;
    private final BigDecimal[] exact;
    private final Map<String, BigDecimal> changed = new LinkedHashMap<>();
    /** Per option symbol: the cents last handed out, and which options' marks changed in this batch. */
    private final long[] optionCents;
    private final BitSet changedOptions;
    private long changedTime;
    private volatile Map<String, BigDecimal> published;
    private volatile Map<String, BigDecimal> publishedAtmVols = Map.of();

    /** The configured start marks (a config that {@code ConfigLoader} checked: one above 0 per instrument). */
    Marks(GatewayConfig config, Market market, OptionPricer pricer) {
        this.market = market;
        this.pricer = pricer;
        this.exact = new BigDecimal[market.symbolCount];
        this.optionCents = new long[market.symbolCount];
        this.changedOptions = new BitSet(market.symbolCount);
        java.util.Arrays.fill(optionCents, -1);
        for (int s = 0; s < market.futuresCount; s++) {
            String symbol = market.symbolNames[s];
            BigDecimal p = config.prices().get(symbol);
            if (p == null || p.signum() <= 0) {
                throw new IllegalArgumentException("prices." + symbol + " must be given and > 0");
            }
            set(s, p);
        }
        for (String sym : config.prices().keySet()) {
            if (market.symbol(sym) < 0) {
                throw new IllegalArgumentException("prices." + sym + " names no instrument");
            }
        }
    }

    BigDecimal of(int symbol) {
        BigDecimal m = exact[symbol];
        if (m == null) {
            m = BigDecimal.valueOf(optionCents[symbol], 2);
            exact[symbol] = m;
        }
        return m;
    }

    /**
     * Takes the new marks of the options of underlying {@code u} after the pricer repriced them at {@code now}:
     * those whose mark moved are changed in this batch. Allocates nothing.
     */
    void optionsRepriced(int u, long now) {
        for (int s : market.optionsOf[u]) {
            if (pricer.frozen(s)) {
                continue;
            }
            long c = pricer.markCents(s);
            if (c != optionCents[s]) {
                optionCents[s] = c;
                exact[s] = null;
                changedOptions.set(s);
            }
        }
        changedTime = now;
    }

    /** Sets a settled option's final mark, exactly. */
    void settle(int s, BigDecimal value, long now) {
        exact[s] = value;
        changedOptions.set(s);
        changedTime = now;
    }

    /** The price of one unit of {@code asset} in USD: 1 for a stable coin, else the mark of its price symbol. */
    BigDecimal assetPrice(int asset) {
        int ps = market.assetPriceSymbol[asset];
        return ps < 0 ? BigDecimal.ONE : exact[ps];
    }

    private void set(int s, BigDecimal p) {
        exact[s] = p;
        market.setMark(s, p.doubleValue());
    }

    /**
     * Validates all of {@code given} (symbol → mark), then applies the marks that differ; returns the mask of the
     * symbols whose mark changed. Throws {@link ApiException}, having changed nothing, on a bad symbol or price.
     */
    long apply(Map<String, BigDecimal> given, long now) {
        int n = given.size();
        int[] syms = new int[n];
        BigDecimal[] prices = new BigDecimal[n];
        int i = 0;
        for (Map.Entry<String, BigDecimal> e : given.entrySet()) {
            int s = market.symbol(e.getKey());
            if (s < 0) {
                throw new ApiException(ErrorCode.BAD_SYMBOL, ErrorCode.BAD_SYMBOL.message(e.getKey()));
            }
            if (market.isOption[s]) {
                throw new ApiException(ErrorCode.BAD_PARAM_VALUE, "Option " + e.getKey() + " takes its mark from "
                        + "the implied-volatility surface; use admin.setImpliedVol.");
            }
            syms[i] = s;
            prices[i] = Params.positiveAmount(e.getValue(), "price");
            i++;
        }
        long mask = 0;
        for (int k = 0; k < n; k++) {
            int s = syms[k];
            if (exact[s].compareTo(prices[k]) != 0) {
                set(s, prices[k]);
                mask |= 1L << s;
                changed.put(market.symbolNames[s], prices[k]);
            }
        }
        changedTime = now;
        return mask;
    }

    /** Every mark, in symbol order (for snapshots and the published copy). */
    Map<String, BigDecimal> all() {
        Map<String, BigDecimal> m = new LinkedHashMap<>();
        for (int s = 0; s < market.symbolCount; s++) {
            m.put(market.symbolNames[s], of(s));
        }
        return m;
    }

    /**
     * Replaces the futures marks with a snapshot's (before start); option marks are the pricer's to restore (a
     * snapshot holds them too, which is where settled options take their final mark from).
     */
    void restore(Map<String, BigDecimal> marks) {
        for (Map.Entry<String, BigDecimal> e : marks.entrySet()) {
            int s = market.symbol(e.getKey());
            if (s < 0) {
                throw new IllegalArgumentException("snapshot mark for unknown symbol " + e.getKey());
            }
            if (!market.isOption[s]) {
                set(s, e.getValue());
            }
        }
    }

    /**
     * Ends the batch for the marks: returns the ones the batch changed (symbol → mark, in the order they were
     * applied), or {@code null} if none changed. The caller {@link #publish publishes} them once they are handed on.
     */
    Map<String, BigDecimal> takeChanged() {
        if (changed.isEmpty() && changedOptions.isEmpty()) {
            return null;
        }
        for (int s = changedOptions.nextSetBit(0); s >= 0; s = changedOptions.nextSetBit(s + 1)) {
            changed.put(market.symbolNames[s], of(s));
        }
        Map<String, BigDecimal> m = Collections.unmodifiableMap(new LinkedHashMap<>(changed));
        changed.clear();
        changedOptions.clear();
        return m;
    }

    /**
     * Ends the batch for the marks without handing them on (a replayed or refused batch); nothing is published.
     * Returns whether the batch changed any.
     */
    boolean dropChanged() {
        boolean any = !changed.isEmpty() || !changedOptions.isEmpty();
        changed.clear();
        changedOptions.clear();
        return any;
    }

    /** When the batch's last marks were applied. */
    long changedTime() {
        return changedTime;
    }

    /** Makes the current marks (and ATM volatilities) the ones {@link #published()} returns. */
    void publish() {
        published = Collections.unmodifiableMap(all());
        Map<String, BigDecimal> atm = new LinkedHashMap<>();
        for (int u = 0; u < market.underlyingCount; u++) {
            if (pricer.surface().has(u)) {
                atm.put(market.underlyingNames[u], pricer.surface().atmVol(u));
            }
        }
        publishedAtmVols = Collections.unmodifiableMap(atm);
    }

    /** The marks as of the last completed batch (any thread). */
    Map<String, BigDecimal> published() {
        return published;
    }

    /** The ATM implied volatility of each underlying with options, as of the last completed batch (any thread). */
    Map<String, BigDecimal> publishedAtmVols() {
        return publishedAtmVols;
    }
}
