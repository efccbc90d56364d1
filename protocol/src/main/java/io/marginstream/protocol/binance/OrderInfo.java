package io.marginstream.protocol.binance;

import io.marginstream.protocol.message.OrderStatus;
import io.marginstream.protocol.message.OrderType;
import io.marginstream.protocol.message.Side;
import io.marginstream.protocol.message.TimeInForce;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;

/**
 * One order as {@code GET /papi/v1/um/order}, {@code /um/openOrder}, {@code /um/openOrders}, {@code /um/allOrders}
 * and the {@code cm} twins answer (§12): Binance's query shape, plus the futures fields of the stop types
 * ({@code stopPrice}, {@code closePosition}, {@code workingType} {@code MARK_PRICE}). UM orders carry
 * {@code cumQuote} (USDT), CM orders {@code cumBase} (coin) and {@code pair}; the other is {@code null} and left
 * out. Decimals are strings, ids and times integers.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"avgPrice", "clientOrderId", "cumQuote", "cumBase", "executedQty", "orderId", "origQty",
        "origType", "price", "reduceOnly", "side", "positionSide", "status", "stopPrice", "closePosition", "symbol",
        "pair", "time", "timeInForce", "type", "updateTime", "workingType", "selfTradePreventionMode", "goodTillDate",
        "priceMatch"})
public record OrderInfo(BigDecimal avgPrice, String clientOrderId, BigDecimal cumQuote, BigDecimal cumBase,
                        BigDecimal executedQty, long orderId, BigDecimal origQty, OrderType origType,
                        BigDecimal price, boolean reduceOnly, Side side, String positionSide, OrderStatus status,
                        BigDecimal stopPrice, boolean closePosition, String symbol, String pair, long time,
                        TimeInForce timeInForce, OrderType type, long updateTime, String workingType,
                        String selfTradePreventionMode,
                        long goodTillDate, String priceMatch) {
}
