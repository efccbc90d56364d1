package io.marginstream.gateway.engine;

import io.marginstream.protocol.message.TransferStatus;
import io.marginstream.protocol.message.TransferType;
import io.marginstream.protocol.message.Wallet;

import java.math.BigDecimal;

/**
 * One entry of {@code transfer.history}: every movement of funds between wallets or into the account, in the shape
 * of the protocol's {@code TransferHistoryEntry}. {@code clientTranId} is the client's id of a {@code transfer} or
 * {@code autoCollection} ({@code null} otherwise); a {@code DEPOSIT}'s {@code from} is {@code null}.
 */
public record TransferRecord(long tranId, String clientTranId, TransferType type, String asset, BigDecimal amount,
                             Wallet from, Wallet to, TransferStatus status, long timestamp) {
}
