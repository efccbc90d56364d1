package io.marginstream.gateway.engine;

import io.marginstream.protocol.message.TransferStatus;
import io.marginstream.protocol.message.Wallet;

import java.math.BigDecimal;

/** The result of {@code transfer} (PROTOCOL.md §4.5); {@code status} is always {@code CONFIRMED}. */
public record TransferResult(long tranId, String asset, BigDecimal amount, Wallet from, Wallet to,
                             TransferStatus status) {

    /** The result of the transfer {@code r} records. */
    static TransferResult of(TransferRecord r) {
        return new TransferResult(r.tranId(), r.asset(), r.amount(), r.from(), r.to(), r.status());
    }
}
