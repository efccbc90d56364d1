package io.marginstream.protocol.message;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;

/**
 * The result of {@code order.place} (PROTOCOL.md §4.6): the filled order.
 *
 * @param updateTime epoch ms
 */
@JsonPropertyOrder({"orderId", "clientOrderId", "symbol", "side", "type", "status", "executedQty", "avgPrice",
        "updateTime"})
public record OrderResult(long orderId, String clientOrderId, String symbol, Side side, OrderType type,
                          OrderStatus status, BigDecimal executedQty, BigDecimal avgPrice, long updateTime) {
}
