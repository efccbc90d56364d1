package io.marginstream.protocol.message;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;

/**
 * One order as {@code order.place}, {@code order.cancel}, {@code order.query}, {@code openOrders} and
 * {@code allOrders} return it (PROTOCOL.md §4.6, §12). Absent prices are {@code "0"}, as Binance prints them.
 *
 * @param executedQty   filled quantity ({@code 0} until filled; a reduce-only order fills at most the position)
 * @param avgPrice      the fill price, {@code 0} until filled
 * @param updateTime    epoch ms of the last change
 * @param timeInForce   {@code GTC} for every type but {@code LIMIT}
 * @param origQty       the quantity asked for ({@code 0} for {@code closePosition})
 * @param price         the limit price, or {@code 0}
 * @param stopPrice     the trigger price, or {@code 0}
 * @param time          epoch ms when the order was placed
 */
@JsonPropertyOrder({"orderId", "clientOrderId", "symbol", "side", "type", "status", "executedQty", "avgPrice",
        "updateTime", "timeInForce", "origQty", "price", "stopPrice", "reduceOnly", "closePosition", "time"})
public record OrderResult(long orderId, String clientOrderId, String symbol, Side side, OrderType type,
                          OrderStatus status, BigDecimal executedQty, BigDecimal avgPrice, long updateTime,
                          TimeInForce timeInForce, BigDecimal origQty, BigDecimal price, BigDecimal stopPrice,
                          boolean reduceOnly, boolean closePosition, long time) {
}
