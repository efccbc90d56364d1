package io.marginstream.protocol.message;

import io.marginstream.protocol.Params;
import java.math.BigDecimal;

/**
 * {@code admin.deposit} params.
 *
 * @param amount &gt; 0
 * @param wallet default {@code SPOT}
 */
public record DepositParams(String accountId, String asset, BigDecimal amount, Wallet wallet) {
    public static DepositParams from(Params p) {
        Wallet wallet = p.optEnum("wallet", Wallet.class);
        return new DepositParams(
                p.requireString("accountId"),
                Checks.asset(p.requireString("asset"), "asset"),
                Checks.positive(p.requireDecimal("amount"), "amount"),
                wallet == null ? Wallet.SPOT : wallet);
    }
}
