package io.marginstream.gateway.engine;

import io.marginstream.protocol.message.TransferStatus;
import io.marginstream.protocol.message.TransferType;
import io.marginstream.protocol.message.Wallet;

import java.math.BigDecimal;

/**
 * One entry of {@code transfer.history}: every movement of funds between wallets or into the account, in the shape
 * of the protocol's {@code TransferHistoryEntry}. {@code clientTranId} is the client's id of a {@code transfer} or
 * {@code autoCollection} ({@code null} otherwise); a {@code DEPOSIT}'s {@code from} is {@code null}. A keyed
 * {@code transfer}'s record is also what the engine remembers of its clientTranId for 24 h
 * ({@link EngineState.ClientTranIdEntry}): it holds the whole first result.
 */
public record TransferRecord(long tranId, String clientTranId, TransferType type, String asset, BigDecimal amount,
                             Wallet from, Wallet to, TransferStatus status, long timestamp)
        implements EngineState.ClientTranIdEntry {

    /** {@code type|asset|amount|from|to}, the amount without trailing zeros in plain notation. */
    public static String fingerprint(TransferType type, String asset, BigDecimal amount, Wallet from, Wallet to) {
        return type + "|" + asset + "|" + amount.stripTrailingZeros().toPlainString() + "|" + from + "|" + to;
    }

    /** This movement's {@link #fingerprint(TransferType, String, BigDecimal, Wallet, Wallet)}. */
    @Override
    public String fingerprint() {
        return fingerprint(type, asset, amount, from, to);
    }
}
