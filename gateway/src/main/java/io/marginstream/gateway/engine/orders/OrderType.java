package io.marginstream.gateway.engine.orders;

/**
 * An order's type (PROTOCOL.md §4.6, §12): {@code MARKET} fills at once at the mark; {@code LIMIT} fills at its price
 * once the mark reaches it (at once, at the mark, if it already has); {@code STOP_MARKET} and
 * {@code TAKE_PROFIT_MARKET} fill at the mark once the mark reaches {@code stopPrice} — a stop on the side where the
 * price moves against the order (a BUY stop above the mark, a SELL stop below), a take-profit on the other.
 */
public enum OrderType {
    MARKET, LIMIT, STOP_MARKET, TAKE_PROFIT_MARKET;

    /** Whether the type waits for {@code stopPrice} and then fills at the mark. */
    public boolean triggered() {
        return this == STOP_MARKET || this == TAKE_PROFIT_MARKET;
    }
}
