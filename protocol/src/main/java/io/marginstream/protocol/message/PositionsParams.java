package io.marginstream.protocol.message;

import io.marginstream.protocol.Params;

/** {@code account.positions} params: one symbol, or {@code null} for all positions. */
public record PositionsParams(String symbol) {
    public static PositionsParams from(Params p) {
        return new PositionsParams(Checks.symbol(p.optString("symbol"), "symbol"));
    }
}
