package io.marginstream.protocol.message;

/** Direction of {@code bnbTransfer}: {@code TO_UM} moves BNB from cross margin to UM, {@code FROM_UM} back. */
public enum TransferSide {
    TO_UM, FROM_UM
}
