package io.marginstream.protocol.message;

/** Order side. */
public enum Side {
    BUY, SELL
}
