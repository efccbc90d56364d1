package io.marginstream.protocol.message;

/** Order status: {@code NEW} while open, then {@code FILLED}, {@code CANCELED} or {@code EXPIRED}. */
public enum OrderStatus {
    NEW, FILLED, CANCELED, EXPIRED
}
