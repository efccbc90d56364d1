package io.marginstream.gateway.engine.orders;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * The resting orders of every account by symbol, sorted by trigger price, so that a mark change finds exactly the
 * orders it crosses by looking at the head of two sorted sets per changed symbol — never at all accounts, never at
 * orders it does not cross. Per symbol: the orders that fire once the mark is at or below their trigger (LIMIT BUY,
 * STOP_MARKET SELL, TAKE_PROFIT_MARKET BUY), highest trigger first; and those that fire at or above it, lowest
 * first; ties by order id. Owned by the engine thread.
 */
public final class TriggerIndex {
    private static final Comparator<Order> HIGHEST_FIRST =
            Comparator.comparing(Order::trigger).reversed().thenComparingLong(Order::orderId);
    private static final Comparator<Order> LOWEST_FIRST =
            Comparator.comparing(Order::trigger).thenComparingLong(Order::orderId);

    private final TreeSet<Order>[] atOrBelow;
    private final TreeSet<Order>[] atOrAbove;
    private int size;

    @SuppressWarnings("unchecked")
    public TriggerIndex(int symbolCount) {
        atOrBelow = new TreeSet[symbolCount];
        atOrAbove = new TreeSet[symbolCount];
        for (int s = 0; s < symbolCount; s++) {
            atOrBelow[s] = new TreeSet<>(HIGHEST_FIRST);
            atOrAbove[s] = new TreeSet<>(LOWEST_FIRST);
        }
    }

    /** Adds a resting (non-MARKET) order. */
    public void add(Order o) {
        if (setOf(o).add(o)) {
            size++;
        }
    }

    public void remove(Order o) {
        if (setOf(o).remove(o)) {
            size--;
        }
    }

    /** The number of resting orders of all accounts. */
    public int size() {
        return size;
    }

    /** Whether symbol {@code s} has resting orders. */
    public boolean has(int s) {
        return !atOrBelow[s].isEmpty() || !atOrAbove[s].isEmpty();
    }

    /** Appends to {@code out} every resting order of symbol {@code s} (they stay indexed). */
    public void collectAll(int s, List<Order> out) {
        out.addAll(atOrBelow[s]);
        out.addAll(atOrAbove[s]);
    }

    /** Appends to {@code out} the orders of symbol {@code s} that {@code mark} crosses (they stay indexed). */
    public void collectCrossed(int s, BigDecimal mark, List<Order> out) {
        if (!atOrBelow[s].isEmpty()) {
            for (Order o : atOrBelow[s]) {
                if (mark.compareTo(o.trigger()) > 0) {
                    break;
                }
                out.add(o);
            }
        }
        if (!atOrAbove[s].isEmpty()) {
            for (Order o : atOrAbove[s]) {
                if (mark.compareTo(o.trigger()) < 0) {
                    break;
                }
                out.add(o);
            }
        }
    }

    public void clear() {
        for (int s = 0; s < atOrBelow.length; s++) {
            atOrBelow[s].clear();
            atOrAbove[s].clear();
        }
        size = 0;
    }

    private TreeSet<Order> setOf(Order o) {
        return o.firesAtOrBelow() ? atOrBelow[o.symbol()] : atOrAbove[o.symbol()];
    }
}
