package io.marginstream.protocol.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;

/**
 * {@code ORDER_TRADE_UPDATE} on {@code userData}: an order filled (liquidation fills carry {@code autoclose-<n>}).
 * {@code {"e":"ORDER_TRADE_UPDATE","E","fs","o":{"s","c","S","o","q","ap","X","z"}}}.
 *
 * @param fs    {@code "fs"}
 * @param order {@code "o"}
 */
@JsonPropertyOrder({"E", "fs", "o", "U"})
public record OrderTradeUpdate(@JsonProperty("E") long eventTime, @JsonProperty("fs") FuturesType fs,
                               @JsonProperty("o") Order order, @JsonProperty("U") long updateId)
        implements StreamEvent {
    public static final String TYPE = "ORDER_TRADE_UPDATE";

    /**
     * The order.
     *
     * @param symbol        {@code "s"}
     * @param clientOrderId {@code "c"}
     * @param side          {@code "S"}
     * @param type          {@code "o"}
     * @param quantity      {@code "q"}
     * @param avgPrice      {@code "ap"}
     * @param status        {@code "X"}
     * @param executedQty   {@code "z"}: filled quantity so far
     */
    @JsonPropertyOrder({"s", "c", "S", "o", "q", "ap", "X", "z"})
    public record Order(@JsonProperty("s") String symbol, @JsonProperty("c") String clientOrderId,
                        @JsonProperty("S") Side side, @JsonProperty("o") OrderType type,
                        @JsonProperty("q") BigDecimal quantity, @JsonProperty("ap") BigDecimal avgPrice,
                        @JsonProperty("X") OrderStatus status, @JsonProperty("z") BigDecimal executedQty) {
    }
}
