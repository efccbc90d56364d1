package io.marginstream.gateway.engine;

import java.math.BigDecimal;

/** One asset of {@code account.balance} (PROTOCOL.md §4.2), named as the wire fields. */
public record BalanceView(String asset, BigDecimal totalWalletBalance, BigDecimal crossMarginAsset,
                          BigDecimal crossMarginFree, BigDecimal crossMarginLocked, BigDecimal crossMarginBorrowed,
                          BigDecimal crossMarginInterest, BigDecimal umWalletBalance, BigDecimal umUnrealizedPNL,
                          BigDecimal cmWalletBalance, BigDecimal cmUnrealizedPNL, BigDecimal negativeBalance,
                          long updateTime, BigDecimal spotBalance, BigDecimal collateralRate) {
}
