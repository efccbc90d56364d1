package io.marginstream.protocol.message;

/** Status of a transfer; transfers complete at once. */
public enum TransferStatus {
    CONFIRMED
}
