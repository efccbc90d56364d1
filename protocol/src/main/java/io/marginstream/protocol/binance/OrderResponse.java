package io.marginstream.protocol.binance;

import io.marginstream.protocol.message.OrderStatus;
import io.marginstream.protocol.message.OrderType;
import io.marginstream.protocol.message.Side;
import io.marginstream.protocol.message.TimeInForce;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;

/**
 * The answer to {@code POST /papi/v1/um/order} and {@code /papi/v1/cm/order} (§11). With
 * {@code newOrderRespType=ACK} (the default) it is the order as accepted ({@code status NEW}, nothing executed yet);
 * with {@code RESULT} its final state. UM orders carry {@code cumQuote} (USDT), CM orders {@code cumBase} (coin) and
 * {@code pair}; the other is {@code null} and left out. {@code orderId} and times are integers.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"clientOrderId", "cumQty", "cumQuote", "cumBase", "executedQty", "orderId", "avgPrice",
        "origQty", "price", "reduceOnly", "side", "positionSide", "status", "symbol", "pair", "timeInForce", "type",
        "selfTradePreventionMode", "goodTillDate", "updateTime", "priceMatch"})
public record OrderResponse(String clientOrderId, BigDecimal cumQty, BigDecimal cumQuote, BigDecimal cumBase,
                            BigDecimal executedQty, long orderId, BigDecimal avgPrice, BigDecimal origQty,
                            BigDecimal price, boolean reduceOnly, Side side, String positionSide, OrderStatus status,
                            String symbol, String pair, TimeInForce timeInForce, OrderType type,
                            String selfTradePreventionMode, long goodTillDate, long updateTime, String priceMatch) {
}
