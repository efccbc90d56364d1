package io.marginstream.protocol.message;

import io.marginstream.protocol.Params;

/** {@code order.cancelAll} params: the symbol whose open orders to cancel (required). */
public record SymbolParams(String symbol) {
    public static SymbolParams from(Params p) {
        return new SymbolParams(Checks.symbol(p.requireString("symbol"), "symbol"));
    }
}
