package io.marginstream.protocol.message;

/**
 * Order type (PROTOCOL.md §4.6, §12): {@code MARKET} fills at once at the mark; {@code LIMIT} rests at its price;
 * {@code STOP_MARKET} and {@code TAKE_PROFIT_MARKET} wait for the mark to reach {@code stopPrice}, then fill at the
 * mark.
 */
public enum OrderType {
    MARKET, LIMIT, STOP_MARKET, TAKE_PROFIT_MARKET
}
