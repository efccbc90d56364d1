package io.marginstream.protocol.message;

import io.marginstream.protocol.Params;

/** {@code account.balance} params: one asset, or {@code null} for every asset with a non-zero balance. */
public record BalanceParams(String asset) {
    public static BalanceParams from(Params p) {
        return new BalanceParams(Checks.asset(p.optString("asset"), "asset"));
    }
}
