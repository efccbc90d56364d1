package io.marginstream.protocol.message;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;

/**
 * One position of {@code account.positions} (PROTOCOL.md §4.3, §5.3a). Options trade on the UM wallet ({@code fs}
 * {@code UM}) and carry, with Binance's option names, their side, strike, expiry, mark implied volatility and the
 * position's greeks; on a futures position those are {@code null}.
 *
 * @param positionAmt      signed: base units (UM), contracts (CM; options: 1 contract = 1 underlying unit)
 * @param unRealizedProfit in the settlement asset (USDT for UM and options, the coin for CM)
 * @param optionSide       {@code CALL} or {@code PUT}
 * @param expiryDate       epoch ms (08:00 UTC of the expiry day)
 * @param delta            in underlying units; {@code gamma} per USD; {@code vega} USDT per volatility point;
 *                         {@code theta} USDT per day
 */
@JsonPropertyOrder({"symbol", "fs", "positionAmt", "entryPrice", "markPrice", "unRealizedProfit", "notional",
        "maintMargin", "initialMargin", "optionSide", "strikePrice", "expiryDate", "markIV", "delta", "gamma",
        "vega", "theta"})
public record PositionEntry(String symbol, FuturesType fs, BigDecimal positionAmt, BigDecimal entryPrice,
                            BigDecimal markPrice, BigDecimal unRealizedProfit, BigDecimal notional,
                            BigDecimal maintMargin, BigDecimal initialMargin, String optionSide,
                            BigDecimal strikePrice, Long expiryDate, BigDecimal markIV, BigDecimal delta,
                            BigDecimal gamma, BigDecimal vega, BigDecimal theta) {
}
