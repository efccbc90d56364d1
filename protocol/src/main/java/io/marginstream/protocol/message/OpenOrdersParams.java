package io.marginstream.protocol.message;

import io.marginstream.protocol.Params;

/** {@code openOrders} params: one symbol, or {@code null} for every open order of the account. */
public record OpenOrdersParams(String symbol) {
    public static OpenOrdersParams from(Params p) {
        return new OpenOrdersParams(Checks.symbol(p.optString("symbol"), "symbol"));
    }
}
