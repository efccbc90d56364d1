package io.marginstream.protocol.message;

/** The result {@code {"tranId"}} of {@code bnbTransfer} and {@code admin.deposit}. */
public record TranIdResult(long tranId) {
}
