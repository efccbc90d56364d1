package io.marginstream.protocol.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;

/**
 * {@code ORDER_TRADE_UPDATE} on {@code userData}: one step of an order's life (PROTOCOL.md §12) — {@code x}
 * {@code NEW} when accepted, {@code TRADE} ({@code X} {@code FILLED}) when filled, {@code CANCELED}, or
 * {@code EXPIRED}. Liquidation fills carry {@code autoclose-<n>}; orders the liquidation cancels carry {@code r}
 * {@code LIQUIDATION}. {@code {"e":"ORDER_TRADE_UPDATE","E","T","fs","o":{...},"U"}}.
 *
 * @param transactionTime {@code "T"}
 * @param fs              {@code "fs"}
 * @param order           {@code "o"}
 */
@JsonPropertyOrder({"E", "T", "fs", "o", "U"})
public record OrderTradeUpdate(@JsonProperty("E") long eventTime, @JsonProperty("T") long transactionTime,
                               @JsonProperty("fs") FuturesType fs, @JsonProperty("o") Order order,
                               @JsonProperty("U") long updateId) implements StreamEvent {
    public static final String TYPE = "ORDER_TRADE_UPDATE";

    /**
     * The order, Binance's single-letter names.
     *
     * @param symbol          {@code "s"}
     * @param clientOrderId   {@code "c"}
     * @param side            {@code "S"}
     * @param type            {@code "o"}
     * @param timeInForce     {@code "f"}
     * @param quantity        {@code "q"}: the quantity asked for ({@code 0} for {@code closePosition})
     * @param price           {@code "p"}: the limit price, or {@code 0}
     * @param avgPrice        {@code "ap"}
     * @param stopPrice       {@code "sp"}: the trigger price, or {@code 0}
     * @param executionType   {@code "x"}
     * @param status          {@code "X"}
     * @param orderId         {@code "i"}
     * @param lastFilledQty   {@code "l"}
     * @param executedQty     {@code "z"}: filled quantity so far
     * @param lastFilledPrice {@code "L"}
     * @param commissionAsset {@code "N"}
     * @param commission      {@code "n"}: the liquidation fee, else 0
     * @param tradeTime       {@code "T"}
     * @param maker           {@code "m"}: a resting LIMIT filled at its price
     * @param reduceOnly      {@code "R"}
     * @param closePosition   {@code "cp"}
     * @param realizedProfit  {@code "rp"}
     * @param reason          {@code "r"}: why the step happened — {@code NONE} (NEW, TRADE), {@code USER}
     *                        (canceled by its owner), {@code LIQUIDATION} (canceled before a liquidation),
     *                        {@code NOT_MARKETABLE} (IOC/FOK), {@code NO_POSITION} (a reduce-only or close-position
     *                        order with nothing left to reduce), {@code ACCOUNT_REDUCE_ONLY} (the account was
     *                        reduce-only when a growing order triggered), {@code OPTION_SETTLED} (a resting order
     *                        on an option that settled)
     */
    @JsonPropertyOrder({"s", "c", "S", "o", "f", "q", "p", "ap", "sp", "x", "X", "i", "l", "z", "L", "N", "n", "T",
            "m", "R", "cp", "rp", "r"})
    public record Order(@JsonProperty("s") String symbol, @JsonProperty("c") String clientOrderId,
                        @JsonProperty("S") Side side, @JsonProperty("o") OrderType type,
                        @JsonProperty("f") TimeInForce timeInForce, @JsonProperty("q") BigDecimal quantity,
                        @JsonProperty("p") BigDecimal price, @JsonProperty("ap") BigDecimal avgPrice,
                        @JsonProperty("sp") BigDecimal stopPrice, @JsonProperty("x") ExecutionType executionType,
                        @JsonProperty("X") OrderStatus status, @JsonProperty("i") long orderId,
                        @JsonProperty("l") BigDecimal lastFilledQty, @JsonProperty("z") BigDecimal executedQty,
                        @JsonProperty("L") BigDecimal lastFilledPrice, @JsonProperty("N") String commissionAsset,
                        @JsonProperty("n") BigDecimal commission, @JsonProperty("T") long tradeTime,
                        @JsonProperty("m") boolean maker, @JsonProperty("R") boolean reduceOnly, @JsonProperty("cp") boolean closePosition,
                        @JsonProperty("rp") BigDecimal realizedProfit, @JsonProperty("r") String reason) {
    }
}
