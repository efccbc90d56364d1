package io.marginstream.protocol.message;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;

/** The result of {@code transfer} (PROTOCOL.md §4.5); a repeated {@code clientTranId} returns the first one. */
@JsonPropertyOrder({"tranId", "asset", "amount", "from", "to", "status"})
public record TransferResult(long tranId, String asset, BigDecimal amount, Wallet from, Wallet to,
                             TransferStatus status) {
}
