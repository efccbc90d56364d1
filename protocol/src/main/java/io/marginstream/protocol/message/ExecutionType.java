package io.marginstream.protocol.message;

/** {@code ORDER_TRADE_UPDATE.o.x}: the step of an order's life this event reports. */
public enum ExecutionType {
    NEW, TRADE, CANCELED, EXPIRED
}
