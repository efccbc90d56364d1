package io.marginstream.gateway.engine;

import io.marginstream.gateway.config.Defaults;
import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.gateway.engine.margin.Market;
import io.marginstream.protocol.ApiException;
import io.marginstream.protocol.ErrorCode;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exact mark of every symbol (mirrored as {@code double} into the {@link Market} the models read), the marks
 * a batch changed, and the published copy other threads read. Owned by the engine thread; {@link #published()} is
 * safe from any thread.
 */
final class Marks {
    private final Market market;
    private final BigDecimal[] exact;
    private final Map<String, BigDecimal> changed = new LinkedHashMap<>();
    private long changedTime;
    private volatile Map<String, BigDecimal> published;

    /** The configured start marks: {@code prices} must give every instrument a mark above 0. */
    Marks(GatewayConfig config, Market market) {
        this.market = market;
        this.exact = new BigDecimal[market.symbolCount];
        for (int s = 0; s < market.symbolCount; s++) {
            String symbol = market.symbolNames[s];
            BigDecimal p = config.prices().get(symbol);
            if (p == null || p.signum() <= 0) {
                throw new IllegalArgumentException("prices." + symbol + " must be given and > 0");
            }
            set(s, p);
        }
        for (String sym : config.prices().keySet()) {
            if (market.symbol(sym) < 0 && !Defaults.PRICES.containsKey(sym)) {
                throw new IllegalArgumentException("prices." + sym + " names no instrument");
            }
        }
    }

    BigDecimal of(int symbol) {
        return exact[symbol];
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

    /** Every mark, in symbol order (for snapshots). */
    Map<String, BigDecimal> all() {
        Map<String, BigDecimal> m = new LinkedHashMap<>();
        for (int s = 0; s < market.symbolCount; s++) {
            m.put(market.symbolNames[s], exact[s]);
        }
        return m;
    }

    /** Replaces the marks with a snapshot's (before start). */
    void restore(Map<String, BigDecimal> marks) {
        for (Map.Entry<String, BigDecimal> e : marks.entrySet()) {
            int s = market.symbol(e.getKey());
            if (s < 0) {
                throw new IllegalArgumentException("snapshot mark for unknown symbol " + e.getKey());
            }
            set(s, e.getValue());
        }
    }

    /**
     * Ends the batch for the marks: publishes them, and returns the ones the batch changed (symbol → mark), or
     * {@code null} if none changed.
     */
    Map<String, BigDecimal> takeChanged() {
        if (changed.isEmpty()) {
            return null;
        }
        Map<String, BigDecimal> m = Map.copyOf(changed);
        dropChanged();
        return m;
    }

    /** Ends the batch for the marks without handing the changes on: publishes them if any changed. */
    void dropChanged() {
        if (!changed.isEmpty()) {
            publish();
            changed.clear();
        }
    }

    /** When the batch's last marks were applied. */
    long changedTime() {
        return changedTime;
    }

    /** Makes the current marks the ones {@link #published()} returns. */
    void publish() {
        published = Collections.unmodifiableMap(all());
    }

    /** The marks as of the last completed batch (any thread). */
    Map<String, BigDecimal> published() {
        return published;
    }
}
