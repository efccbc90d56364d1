package io.marginstream.gateway.engine.orders;

/**
 * How long a {@code LIMIT} order lives: {@code GTC} until filled or canceled; {@code IOC} and {@code FOK} fill at once
 * or expire (orders fill in full or not at all, so the two are alike); {@code GTX} (post only) is refused if it would
 * fill at once. Other types report {@code GTC}.
 */
public enum TimeInForce {
    GTC, IOC, FOK, GTX
}
