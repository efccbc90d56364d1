package io.marginstream.protocol.message;

import io.marginstream.protocol.Params;
import java.math.BigDecimal;

/**
 * {@code order.place} params (PROTOCOL.md §4.6). The step size and the symbol's existence are the engine's rules.
 *
 * @param quantity         &gt; 0, base units (UM) or contracts (CM)
 * @param reduceOnly       default {@code false}
 * @param newClientOrderId 1–36 characters not starting with {@code autoclose-} (reserved for liquidation), or
 *                         {@code null}
 */
public record OrderPlaceParams(String symbol, Side side, OrderType type, BigDecimal quantity, boolean reduceOnly,
                               String newClientOrderId) {
    public static OrderPlaceParams from(Params p) {
        String symbol = Checks.symbol(p.requireString("symbol"), "symbol");
        Side side = p.requireEnum("side", Side.class);
        OrderType type = p.requireEnum("type", OrderType.class);
        BigDecimal quantity = Checks.positive(p.requireDecimal("quantity"), "quantity");
        Boolean reduceOnly = p.optBoolean("reduceOnly");
        String clientId = Checks.clientId(p.optString("newClientOrderId"), "newClientOrderId");
        if (clientId != null && clientId.startsWith(Checks.AUTOCLOSE_PREFIX)) {
            throw Params.badValue("newClientOrderId", "must not start with '" + Checks.AUTOCLOSE_PREFIX + "'");
        }
        return new OrderPlaceParams(symbol, side, type, quantity, Boolean.TRUE.equals(reduceOnly), clientId);
    }
}
