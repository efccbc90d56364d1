package io.marginstream.protocol.message;

import io.marginstream.protocol.Params;
import java.math.BigDecimal;

/**
 * {@code transfer} params (PROTOCOL.md §4.5). Whether the route is allowed ({@code -5001}) is the engine's rule.
 *
 * @param amount       &gt; 0, at most 8 decimals
 * @param clientTranId 1–36 characters, or {@code null}
 */
public record TransferParams(String asset, BigDecimal amount, Wallet from, Wallet to, String clientTranId) {
    public static TransferParams from(Params p) {
        return new TransferParams(
                Checks.asset(p.requireString("asset"), "asset"),
                Checks.positive(p.requireDecimal("amount"), "amount"),
                p.requireEnum("from", Wallet.class),
                p.requireEnum("to", Wallet.class),
                Checks.clientId(p.optString("clientTranId"), "clientTranId"));
    }
}
