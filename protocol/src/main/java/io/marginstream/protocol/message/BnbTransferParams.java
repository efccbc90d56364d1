package io.marginstream.protocol.message;

import io.marginstream.protocol.Params;
import java.math.BigDecimal;

/**
 * {@code bnbTransfer} params.
 *
 * @param amount BNB, &gt; 0
 */
public record BnbTransferParams(BigDecimal amount, TransferSide transferSide) {
    public static BnbTransferParams from(Params p) {
        return new BnbTransferParams(
                Checks.positive(p.requireDecimal("amount"), "amount"),
                p.requireEnum("transferSide", TransferSide.class));
    }
}
