package io.marginstream.protocol.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;

/**
 * One asset of {@code account.balance} (PROTOCOL.md §4.2), in the shape of Binance's {@code GET /papi/v1/balance},
 * plus {@code spotBalance} (outside portfolio margin) and {@code collateralRate}.
 *
 * @param totalWalletBalance  cross margin + UM + CM
 * @param crossMarginAsset    cross-margin balance (free + locked)
 * @param crossMarginBorrowed always 0 in v1
 * @param crossMarginInterest always 0 in v1
 * @param updateTime          epoch ms of the last change
 */
@JsonPropertyOrder({"asset", "totalWalletBalance", "crossMarginAsset", "crossMarginFree", "crossMarginLocked",
        "crossMarginBorrowed", "crossMarginInterest", "umWalletBalance", "umUnrealizedPNL", "cmWalletBalance",
        "cmUnrealizedPNL", "negativeBalance", "updateTime", "spotBalance", "collateralRate"})
public record BalanceEntry(String asset, BigDecimal totalWalletBalance, BigDecimal crossMarginAsset,
                           BigDecimal crossMarginFree, BigDecimal crossMarginLocked, BigDecimal crossMarginBorrowed,
                           BigDecimal crossMarginInterest, BigDecimal umWalletBalance,
                           @JsonProperty("umUnrealizedPNL") BigDecimal umUnrealizedPnl,
                           BigDecimal cmWalletBalance,
                           @JsonProperty("cmUnrealizedPNL") BigDecimal cmUnrealizedPnl,
                           BigDecimal negativeBalance, long updateTime, BigDecimal spotBalance,
                           BigDecimal collateralRate) {
}
