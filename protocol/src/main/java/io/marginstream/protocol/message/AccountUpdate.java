package io.marginstream.protocol.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;
import java.util.List;

/**
 * {@code ACCOUNT_UPDATE} on {@code userData}: UM or CM wallet balances and positions after a change.
 * {@code {"e":"ACCOUNT_UPDATE","E","T","fs","a":{"m","B":[{"a","wb","cw","bc"}],"P":[{"s","pa","ep","up","ps"}]}}}.
 *
 * @param transactionTime {@code "T"}: epoch ms of the change
 * @param fs              {@code "fs"}: the wallet's segment
 * @param update          {@code "a"}
 * @param updateId        {@code "U"}: the account's update id (an addition to the §6 shape, so that every
 *                        {@code userData} event carries {@code U} and a gap can be seen)
 */
@JsonPropertyOrder({"E", "T", "fs", "a", "U"})
public record AccountUpdate(@JsonProperty("E") long eventTime, @JsonProperty("T") long transactionTime,
                            @JsonProperty("fs") FuturesType fs, @JsonProperty("a") Update update,
                            @JsonProperty("U") long updateId)
        implements StreamEvent {
    public static final String TYPE = "ACCOUNT_UPDATE";

    /**
     * The changed balances and positions.
     *
     * @param reason    {@code "m"}: e.g. {@code ORDER}, {@code TRANSFER}, {@code AUTO_COLLECTION}, {@code LIQUIDATION}
     * @param balances  {@code "B"}
     * @param positions {@code "P"}
     */
    @JsonPropertyOrder({"m", "B", "P"})
    public record Update(@JsonProperty("m") String reason, @JsonProperty("B") List<Balance> balances,
                         @JsonProperty("P") List<Position> positions) {
        public Update {
            balances = List.copyOf(balances);
            positions = List.copyOf(positions);
        }
    }

    /**
     * One wallet balance.
     *
     * @param asset              {@code "a"}
     * @param walletBalance      {@code "wb"}
     * @param crossWalletBalance {@code "cw"}
     * @param balanceChange      {@code "bc"}: the change this update brought
     */
    @JsonPropertyOrder({"a", "wb", "cw", "bc"})
    public record Balance(@JsonProperty("a") String asset, @JsonProperty("wb") BigDecimal walletBalance,
                          @JsonProperty("cw") BigDecimal crossWalletBalance,
                          @JsonProperty("bc") BigDecimal balanceChange) {
    }

    /**
     * One position.
     *
     * @param symbol           {@code "s"}
     * @param positionAmt      {@code "pa"}
     * @param entryPrice       {@code "ep"}
     * @param unrealizedProfit {@code "up"}
     * @param positionSide     {@code "ps"}: always {@code BOTH} (one-way mode)
     */
    @JsonPropertyOrder({"s", "pa", "ep", "up", "ps"})
    public record Position(@JsonProperty("s") String symbol, @JsonProperty("pa") BigDecimal positionAmt,
                           @JsonProperty("ep") BigDecimal entryPrice, @JsonProperty("up") BigDecimal unrealizedProfit,
                           @JsonProperty("ps") String positionSide) {
        public static final String BOTH = "BOTH";
    }
}
