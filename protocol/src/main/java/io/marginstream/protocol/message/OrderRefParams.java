package io.marginstream.protocol.message;

import io.marginstream.protocol.Params;

/**
 * {@code order.cancel} and {@code order.query} params (PROTOCOL.md §12): the symbol and the order, by
 * {@code orderId} or by {@code origClientOrderId} (one is required; given both, they must name the same order).
 */
public record OrderRefParams(String symbol, Long orderId, String origClientOrderId) {
    public static OrderRefParams from(Params p) {
        String symbol = Checks.symbol(p.requireString("symbol"), "symbol");
        Long orderId = Checks.between(p.optLong("orderId"), 1L, Long.MAX_VALUE, "orderId");
        String clientId = Checks.clientId(p.optString("origClientOrderId"), "origClientOrderId");
        if (orderId == null && clientId == null) {
            throw Params.missing("orderId");
        }
        return new OrderRefParams(symbol, orderId, clientId);
    }
}
