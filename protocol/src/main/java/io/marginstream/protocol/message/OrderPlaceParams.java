package io.marginstream.protocol.message;

import io.marginstream.protocol.Params;
import java.math.BigDecimal;

/**
 * {@code order.place} params (PROTOCOL.md §4.6, §12). This record checks each value's kind and form; which params a
 * type needs or forbids ({@code price} and {@code timeInForce} for {@code LIMIT}, {@code stopPrice} for the stop
 * types, {@code closePosition} without {@code quantity}), the step size and the symbol's existence are the engine's
 * rules, so that every front door gets the same answers.
 *
 * @param quantity         &gt; 0, base units (UM) or contracts (CM); {@code null} only with {@code closePosition}
 * @param price            the limit price of a {@code LIMIT} order, or {@code null}
 * @param stopPrice        the trigger of a {@code STOP_MARKET} / {@code TAKE_PROFIT_MARKET} order, or {@code null}
 * @param timeInForce      of a {@code LIMIT} order, or {@code null}
 * @param reduceOnly       default {@code false}
 * @param closePosition    default {@code false}: a stop order that closes the whole position when it triggers
 * @param newClientOrderId 1–36 characters not starting with {@code autoclose-} (reserved for liquidation), or
 *                         {@code null}
 */
public record OrderPlaceParams(String symbol, Side side, OrderType type, BigDecimal quantity, BigDecimal price,
                               BigDecimal stopPrice, TimeInForce timeInForce, boolean reduceOnly,
                               boolean closePosition, String newClientOrderId) {
    public static OrderPlaceParams from(Params p) {
        String symbol = Checks.symbol(p.requireString("symbol"), "symbol");
        Side side = p.requireEnum("side", Side.class);
        OrderType type = p.requireEnum("type", OrderType.class);
        BigDecimal quantity = Checks.positive(p.optDecimal("quantity"), "quantity");
        BigDecimal price = Checks.positive(p.optDecimal("price"), "price");
        BigDecimal stopPrice = Checks.positive(p.optDecimal("stopPrice"), "stopPrice");
        TimeInForce tif = p.optEnum("timeInForce", TimeInForce.class);
        Boolean reduceOnly = p.optBoolean("reduceOnly");
        Boolean closePosition = p.optBoolean("closePosition");
        String clientId = Checks.clientId(p.optString("newClientOrderId"), "newClientOrderId");
        if (clientId != null && clientId.startsWith(Checks.AUTOCLOSE_PREFIX)) {
            throw Params.badValue("newClientOrderId", "must not start with '" + Checks.AUTOCLOSE_PREFIX + "'");
        }
        return new OrderPlaceParams(symbol, side, type, quantity, price, stopPrice, tif,
                Boolean.TRUE.equals(reduceOnly), Boolean.TRUE.equals(closePosition), clientId);
    }
}
