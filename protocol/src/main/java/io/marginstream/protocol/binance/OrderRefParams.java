package io.marginstream.protocol.binance;

/**
 * The params of {@code DELETE}/{@code GET /papi/v1/um/order}, {@code GET /um/openOrder} and the {@code cm} twins
 * (§12): the symbol and the order by {@code orderId} and/or {@code origClientOrderId} (at least one, {@code -1102}
 * naming {@code orderId} otherwise). Immutable.
 */
public record OrderRefParams(String symbol, Long orderId, String origClientOrderId) {
    public static OrderRefParams from(RestParams p) {
        String symbol = NewOrderParams.symbol(p);
        Long orderId = p.optLong("orderId");
        String clientId = NewOrderParams.clientId(p, "origClientOrderId");
        if (orderId == null && clientId == null) {
            throw RestParams.missing("orderId");
        }
        return new OrderRefParams(symbol, orderId, clientId);
    }
}
