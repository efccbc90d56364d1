package io.marginstream.gateway.engine;

import java.math.BigDecimal;

/**
 * One position of {@code account.positions} (PROTOCOL.md §4.3). {@code unRealizedProfit} is in the settlement
 * asset; {@code notional} in USD; {@code maintMargin}/{@code initialMargin} are the position's share of the
 * account's margin (see docs/ENGINE.md).
 */
public record PositionView(String symbol, String fs, BigDecimal positionAmt, BigDecimal entryPrice,
                           BigDecimal markPrice, BigDecimal unRealizedProfit, BigDecimal notional,
                           BigDecimal maintMargin, BigDecimal initialMargin) {
}
