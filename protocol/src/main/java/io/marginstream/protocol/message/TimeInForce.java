package io.marginstream.protocol.message;

/**
 * Time in force of a {@code LIMIT} order (PROTOCOL.md §12): {@code GTC} rests until filled or canceled; {@code IOC}
 * and {@code FOK} fill at once or expire (there are no partial fills, so the two behave alike); {@code GTX} (post
 * only) is rejected ({@code -5022}) if it would fill at once.
 */
public enum TimeInForce {
    GTC, IOC, FOK, GTX
}
