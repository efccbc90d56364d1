package io.marginstream.protocol.message;

/** The result {@code {}} of {@code ping} and {@code admin.setMarkPrice}. */
public record EmptyResult() {
    public static final EmptyResult INSTANCE = new EmptyResult();
}
