package io.marginstream.gateway.engine;

/** {@code {"tranId"}}: the result of {@code bnbTransfer} and {@code admin.deposit}. */
public record TranIdResult(long tranId) {
}
