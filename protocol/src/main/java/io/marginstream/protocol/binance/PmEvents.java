package io.marginstream.protocol.binance;

import io.marginstream.protocol.message.AccountStatus;
import io.marginstream.protocol.message.ExecutionType;
import io.marginstream.protocol.message.FuturesType;
import io.marginstream.protocol.message.OrderStatus;
import io.marginstream.protocol.message.OrderType;
import io.marginstream.protocol.message.Side;
import io.marginstream.protocol.message.TimeInForce;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;
import java.util.List;

/**
 * Binance's portfolio-margin user-data events (and the futures {@code markPriceUpdate}) as records, field names as
 * on the wire; the reference is {@code shared/reference/binance-pm-clients.md} §9. Decimals are strings, times and
 * ids integers, enumerated values the protocol's enums (written as their names). Immutable.
 */
public final class PmEvents {
    private PmEvents() {
    }

    /** {@code ACCOUNT_UPDATE}: a UM or CM wallet (and positions) changed; {@code i} is the (empty) account alias. */
    @JsonPropertyOrder({"fs", "E", "T", "i", "a"})
    public record AccountUpdate(@JsonProperty("fs") FuturesType fs, @JsonProperty("E") long eventTime,
                                @JsonProperty("T") long transactionTime, @JsonProperty("i") String accountAlias,
                                @JsonProperty("a") Update update) implements BinanceEvent {
        public static final String TYPE = "ACCOUNT_UPDATE";
    }

    /** {@code a}: the reason {@code m}, balances {@code B}, changed positions {@code P}. */
    @JsonPropertyOrder({"m", "B", "P"})
    public record Update(@JsonProperty("m") String reason, @JsonProperty("B") List<Balance> balances,
                         @JsonProperty("P") List<Position> positions) {
        public Update {
            balances = List.copyOf(balances);
            positions = List.copyOf(positions);
        }
    }

    /** {@code a.B[]}: asset, wallet balance, cross wallet balance, balance change. */
    @JsonPropertyOrder({"a", "wb", "cw", "bc"})
    public record Balance(@JsonProperty("a") String asset, @JsonProperty("wb") BigDecimal walletBalance,
                          @JsonProperty("cw") BigDecimal crossWalletBalance,
                          @JsonProperty("bc") BigDecimal balanceChange) {
    }

    /** {@code a.P[]}: symbol, amount, entry price, accumulated realized ({@code cr}), uPnL, side, break-even. */
    @JsonPropertyOrder({"s", "pa", "ep", "cr", "up", "ps", "bep"})
    public record Position(@JsonProperty("s") String symbol, @JsonProperty("pa") BigDecimal positionAmt,
                           @JsonProperty("ep") BigDecimal entryPrice, @JsonProperty("cr") BigDecimal realized,
                           @JsonProperty("up") BigDecimal unrealizedProfit, @JsonProperty("ps") String positionSide,
                           @JsonProperty("bep") BigDecimal breakEvenPrice) {
    }

    /** {@code ORDER_TRADE_UPDATE}: one step of an order's life ({@code o.x} NEW, TRADE, ...). */
    @JsonPropertyOrder({"fs", "E", "T", "i", "o"})
    public record OrderTradeUpdate(@JsonProperty("fs") FuturesType fs, @JsonProperty("E") long eventTime,
                                   @JsonProperty("T") long transactionTime, @JsonProperty("i") String accountAlias,
                                   @JsonProperty("o") Order order) implements BinanceEvent {
        public static final String TYPE = "ORDER_TRADE_UPDATE";
    }

    /**
     * {@code o}: symbol {@code s}, client id {@code c}, side {@code S}, type {@code o}, time in force {@code f},
     * quantity {@code q}, price {@code p}, average {@code ap}, stop {@code sp}, execution type {@code x}, status
     * {@code X}, order id {@code i}, last filled {@code l}, cumulative {@code z}, last price {@code L}, commission
     * asset {@code N} and amount {@code n}, trade time {@code T}, trade id {@code t}, bid/ask notional {@code b}/
     * {@code a}, maker {@code m}, reduce-only {@code R}, position side {@code ps}, realized profit {@code rp},
     * strategy type {@code st} and id {@code si}, self-trade mode {@code V}, good-till date {@code gtd}.
     */
    @JsonPropertyOrder({"s", "c", "S", "o", "f", "q", "p", "ap", "sp", "x", "X", "i", "l", "z", "L", "N", "n", "T",
            "t", "b", "a", "m", "R", "ps", "rp", "st", "si", "V", "gtd"})
    public record Order(@JsonProperty("s") String symbol, @JsonProperty("c") String clientOrderId,
                        @JsonProperty("S") Side side, @JsonProperty("o") OrderType type,
                        @JsonProperty("f") TimeInForce timeInForce, @JsonProperty("q") BigDecimal quantity,
                        @JsonProperty("p") BigDecimal price, @JsonProperty("ap") BigDecimal avgPrice,
                        @JsonProperty("sp") BigDecimal stopPrice, @JsonProperty("x") ExecutionType executionType,
                        @JsonProperty("X") OrderStatus status, @JsonProperty("i") long orderId,
                        @JsonProperty("l") BigDecimal lastFilledQty, @JsonProperty("z") BigDecimal cumulativeQty,
                        @JsonProperty("L") BigDecimal lastFilledPrice, @JsonProperty("N") String commissionAsset,
                        @JsonProperty("n") BigDecimal commission, @JsonProperty("T") long tradeTime,
                        @JsonProperty("t") long tradeId, @JsonProperty("b") BigDecimal bidNotional,
                        @JsonProperty("a") BigDecimal askNotional, @JsonProperty("m") boolean maker,
                        @JsonProperty("R") boolean reduceOnly, @JsonProperty("ps") String positionSide,
                        @JsonProperty("rp") BigDecimal realizedProfit, @JsonProperty("st") String strategyType,
                        @JsonProperty("si") long strategyId, @JsonProperty("V") String selfTradePrevention,
                        @JsonProperty("gtd") long goodTillDate) {
    }

    /** {@code balanceUpdate}: a cross-margin balance changed by {@code d}; {@code U} the update id. */
    @JsonPropertyOrder({"E", "a", "d", "U", "T"})
    public record BalanceUpdate(@JsonProperty("E") long eventTime, @JsonProperty("a") String asset,
                                @JsonProperty("d") BigDecimal delta, @JsonProperty("U") long updateId,
                                @JsonProperty("T") long clearTime) implements BinanceEvent {
        public static final String TYPE = "balanceUpdate";
    }

    /** {@code outboundAccountPosition}: the cross-margin balances a change touched. */
    @JsonPropertyOrder({"E", "u", "U", "B"})
    public record OutboundAccountPosition(@JsonProperty("E") long eventTime, @JsonProperty("u") long lastUpdateTime,
                                          @JsonProperty("U") long updateId,
                                          @JsonProperty("B") List<FreeLocked> balances) implements BinanceEvent {
        public static final String TYPE = "outboundAccountPosition";

        public OutboundAccountPosition {
            balances = List.copyOf(balances);
        }
    }

    /** {@code B[]} of {@code outboundAccountPosition}: asset, free, locked. */
    @JsonPropertyOrder({"a", "f", "l"})
    public record FreeLocked(@JsonProperty("a") String asset, @JsonProperty("f") BigDecimal free,
                             @JsonProperty("l") BigDecimal locked) {
    }

    /**
     * {@code riskLevelChange}: the account status {@code s} changed; uniMMR {@code u} ({@code ""} when the
     * maintenance margin is zero), equity {@code eq}, actual equity {@code ae}, maintenance margin {@code m}.
     */
    @JsonPropertyOrder({"E", "u", "s", "eq", "ae", "m"})
    public record RiskLevelChange(@JsonProperty("E") long eventTime, @JsonProperty("u") String uniMMR,
                                  @JsonProperty("s") AccountStatus status,
                                  @JsonProperty("eq") BigDecimal accountEquity,
                                  @JsonProperty("ae") BigDecimal actualEquity,
                                  @JsonProperty("m") BigDecimal maintMargin) implements BinanceEvent {
        public static final String TYPE = "riskLevelChange";
    }

    /** {@code listenKeyExpired}: the key was not kept alive (or was closed); its sockets close after it. */
    public record ListenKeyExpired(@JsonProperty("E") long eventTime) implements BinanceEvent {
        public static final String TYPE = "listenKeyExpired";
    }

    /**
     * {@code markPriceUpdate} of the futures market streams: mark {@code p}, index {@code i} and estimated settle
     * {@code P} (both the mark here), funding rate {@code r} (0) and next funding time {@code T} (0).
     */
    @JsonPropertyOrder({"E", "s", "p", "i", "P", "r", "T"})
    public record MarkPriceUpdate(@JsonProperty("E") long eventTime, @JsonProperty("s") String symbol,
                                  @JsonProperty("p") BigDecimal markPrice, @JsonProperty("i") BigDecimal indexPrice,
                                  @JsonProperty("P") BigDecimal settlePrice, @JsonProperty("r") BigDecimal fundingRate,
                                  @JsonProperty("T") long nextFundingTime) implements BinanceEvent {
        public static final String TYPE = "markPriceUpdate";
    }
}
