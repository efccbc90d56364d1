package io.marginstream.protocol.message;

/** Order status; v1 market orders are {@code FILLED} at once. */
public enum OrderStatus {
    NEW, FILLED, CANCELED, EXPIRED
}
