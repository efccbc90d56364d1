package io.marginstream.protocol.message;

/** Order type; only market orders exist in v1. */
public enum OrderType {
    MARKET
}
