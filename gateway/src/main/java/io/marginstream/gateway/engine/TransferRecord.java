package io.marginstream.gateway.engine;

import java.math.BigDecimal;

/**
 * One entry of {@code transfer.history}: every movement of funds between wallets or into the account.
 * {@code type} is {@code TRANSFER}, {@code AUTO_COLLECTION}, {@code ASSET_COLLECTION}, {@code BNB_TRANSFER} or
 * {@code DEPOSIT} (whose {@code from} is {@code EXTERNAL}); {@code status} is {@code CONFIRMED}.
 */
public record TransferRecord(long tranId, String type, String asset, BigDecimal amount, String from, String to,
                             String status, long timestamp) {
}
