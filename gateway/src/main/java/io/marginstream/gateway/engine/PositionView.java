package io.marginstream.gateway.engine;

import io.marginstream.protocol.message.FuturesType;

import java.math.BigDecimal;

/**
 * One position of {@code account.positions} (PROTOCOL.md §4.3, §5.3a). {@code unRealizedProfit} is in the settlement
 * asset; {@code notional} in USD (an option's is {@code positionAmt × markPrice}); {@code maintMargin}/
 * {@code initialMargin} are the position's share of the account's margin (see docs/ENGINE.md). Options (fs
 * {@code UM}: they trade on the UM wallet) also carry, with Binance's option names, {@code optionSide}
 * ({@code CALL}/{@code PUT}), {@code strikePrice}, {@code expiryDate} (epoch ms, 08:00 UTC), {@code markIV} and the
 * position's greeks: {@code delta} (underlying units), {@code gamma} (per USD), {@code vega} (USDT per volatility
 * point) and {@code theta} (USDT per day); these are {@code null} on a futures position.
 */
public record PositionView(String symbol, FuturesType fs, BigDecimal positionAmt, BigDecimal entryPrice,
                           BigDecimal markPrice, BigDecimal unRealizedProfit, BigDecimal notional,
                           BigDecimal maintMargin, BigDecimal initialMargin, String optionSide,
                           BigDecimal strikePrice, Long expiryDate, BigDecimal markIV, BigDecimal delta,
                           BigDecimal gamma, BigDecimal vega, BigDecimal theta) {
}
