package io.marginstream.gateway.engine;

import io.marginstream.protocol.message.OrderStatus;
import io.marginstream.protocol.message.OrderType;
import io.marginstream.protocol.message.Side;
import io.marginstream.protocol.message.TimeInForce;

import java.math.BigDecimal;

/**
 * One order as the order commands and queries return it (PROTOCOL.md §4.6, §12), named as the wire fields: the
 * result of {@code order.place} (its state once the command is done: {@code FILLED}, {@code NEW} if it rests, or
 * {@code EXPIRED}), {@code order.cancel} ({@code CANCELED}), the queries, and the closed orders the engine keeps.
 * Absent prices are 0.
 *
 * @param executedQty  filled quantity (a reduce-only order fills at most the position it reduces)
 * @param avgPrice     the fill price, 0 until filled
 * @param updateTime   when the order last changed
 * @param timeInForce  {@code GTC} for every type but {@code LIMIT}
 * @param origQty      the quantity asked for, 0 for {@code closePosition}
 * @param price        the limit price, or 0
 * @param stopPrice    the trigger price, or 0
 * @param time         when the order was placed
 */
public record OrderResult(long orderId, String clientOrderId, String symbol, Side side, OrderType type,
                          OrderStatus status, BigDecimal executedQty, BigDecimal avgPrice, long updateTime,
                          TimeInForce timeInForce, BigDecimal origQty, BigDecimal price, BigDecimal stopPrice,
                          boolean reduceOnly, boolean closePosition, long time) {
}
