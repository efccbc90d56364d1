package io.marginstream.protocol.message;

/** What caused a movement between wallets, as listed by {@code transfer.history}. */
public enum TransferType {
    TRANSFER, AUTO_COLLECTION, ASSET_COLLECTION, BNB_TRANSFER, DEPOSIT
}
