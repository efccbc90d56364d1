package io.marginstream.protocol.message;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;

/**
 * One position of {@code account.positions} (PROTOCOL.md §4.3).
 *
 * @param positionAmt      signed: base units (UM) or contracts (CM)
 * @param unRealizedProfit in the settlement asset (USDT for UM, the coin for CM)
 */
@JsonPropertyOrder({"symbol", "fs", "positionAmt", "entryPrice", "markPrice", "unRealizedProfit", "notional",
        "maintMargin", "initialMargin"})
public record PositionEntry(String symbol, FuturesType fs, BigDecimal positionAmt, BigDecimal entryPrice,
                            BigDecimal markPrice, BigDecimal unRealizedProfit, BigDecimal notional,
                            BigDecimal maintMargin, BigDecimal initialMargin) {
}
