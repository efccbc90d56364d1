package io.marginstream.protocol.binance;

import io.marginstream.protocol.message.TransferStatus;
import io.marginstream.protocol.message.Wallet;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;

/** The small REST results of §11, one record each. Immutable values. */
public final class SimpleResults {
    private SimpleResults() {
    }

    /** {@code {"serverTime":ms}}: {@code /api/v3/time}, {@code /fapi/v1/time}, {@code /dapi/v1/time}. */
    public record ServerTime(long serverTime) {
    }

    /** {@code {"code":200,"msg":...}}: {@code DELETE /papi/v1/um/allOpenOrders} and its {@code cm} twin. */
    public record CodeMsg(int code, String msg) {
        public static final CodeMsg ALL_OPEN_ORDERS_CANCELED =
                new CodeMsg(200, "The operation of cancel all open order is done.");
    }

    /** {@code {"msg":"success"}}: auto-collection and asset-collection. */
    public record Msg(String msg) {
        public static final Msg SUCCESS = new Msg("success");
    }

    /** {@code {"tranId":n}}: bnb-transfer and {@code /sapi/v1/asset/transfer}. */
    public record TranId(long tranId) {
    }

    /** {@code {"listenKey":"..."}}: {@code POST /papi/v1/listenKey}. */
    public record ListenKey(String listenKey) {
    }

    /** {@code {"amount":"..."}}: {@code GET /papi/v1/margin/maxWithdraw}. */
    public record MaxWithdraw(BigDecimal amount) {
    }

    /** One entry of {@code GET /papi/v1/rateLimit/order}. */
    @JsonPropertyOrder({"rateLimitType", "interval", "intervalNum", "limit"})
    public record RateLimit(String rateLimitType, String interval, int intervalNum, int limit) {
    }

    /** {@code POST /papi/v1/transfer} (a MarginStream extension): the §4.5 transfer result. */
    @JsonPropertyOrder({"tranId", "asset", "amount", "from", "to", "status"})
    public record Transfer(long tranId, String asset, BigDecimal amount, Wallet from, Wallet to,
                           TransferStatus status) {
    }

    /** {@code GET /fapi/v1/ticker/price}, {@code /fapi/v2/ticker/price}: one symbol's price. */
    @JsonPropertyOrder({"symbol", "price", "time"})
    public record TickerPrice(String symbol, BigDecimal price, long time) {
    }

    /**
     * {@code GET /fapi/v1/premiumIndex} and {@code /dapi/v1/premiumIndex} (then with {@code pair}): the engine's
     * mark; index and settle price equal it, funding is zero (the sandbox charges none).
     */
    @JsonPropertyOrder({"symbol", "pair", "markPrice", "indexPrice", "estimatedSettlePrice", "lastFundingRate",
            "interestRate", "nextFundingTime", "time"})
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record PremiumIndex(String symbol, String pair, BigDecimal markPrice, BigDecimal indexPrice,
                               BigDecimal estimatedSettlePrice, BigDecimal lastFundingRate,
                               BigDecimal interestRate, long nextFundingTime, long time) {
    }

    /** One coin of {@code GET /sapi/v1/capital/config/getall}: an asset MarginStream has, with its spot balance. */
    @JsonPropertyOrder({"coin", "name", "free", "locked", "freeze", "withdrawing", "ipoing", "ipoable", "storage",
            "isLegalMoney", "trading", "depositAllEnable", "withdrawAllEnable", "networkList"})
    public record CapitalCoin(String coin, String name, BigDecimal free, BigDecimal locked, BigDecimal freeze,
                              BigDecimal withdrawing, BigDecimal ipoing, BigDecimal ipoable, BigDecimal storage,
                              boolean isLegalMoney, boolean trading, boolean depositAllEnable,
                              boolean withdrawAllEnable, java.util.List<Object> networkList) {
    }
}
