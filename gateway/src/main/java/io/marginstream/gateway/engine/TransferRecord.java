package io.marginstream.gateway.engine;

import java.math.BigDecimal;

/**
 * One entry of {@code transfer.history}: every movement of funds between wallets or into the account, in the shape
 * of the protocol's {@code TransferHistoryEntry}. {@code clientTranId} is the client's id of a {@code transfer} or
 * {@code autoCollection} ({@code null} otherwise); {@code type} is {@code TRANSFER}, {@code AUTO_COLLECTION},
 * {@code ASSET_COLLECTION}, {@code BNB_TRANSFER} or {@code DEPOSIT} (whose {@code from} is {@code null});
 * {@code status} is {@code CONFIRMED}.
 */
public record TransferRecord(long tranId, String clientTranId, String type, String asset, BigDecimal amount,
                             String from, String to, String status, long timestamp) {
}
