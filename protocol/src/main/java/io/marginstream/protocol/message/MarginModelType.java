package io.marginstream.protocol.message;

/** The margin model of the gateway (PROTOCOL.md §5.3). */
public enum MarginModelType {
    TIERED, PORTFOLIO
}
