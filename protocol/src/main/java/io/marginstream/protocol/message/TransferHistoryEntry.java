package io.marginstream.protocol.message;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;

/**
 * One entry of {@code transfer.history} (newest first): one asset moved between two wallets. Collections list one
 * entry per asset under the same {@code tranId}; deposits have {@code from} {@code null}.
 *
 * @param clientTranId the client's id, or {@code null}
 * @param timestamp    epoch ms
 */
@JsonPropertyOrder({"tranId", "clientTranId", "type", "asset", "amount", "from", "to", "status", "timestamp"})
public record TransferHistoryEntry(long tranId, String clientTranId, TransferType type, String asset,
                                   BigDecimal amount, Wallet from, Wallet to, TransferStatus status,
                                   long timestamp) {
}
