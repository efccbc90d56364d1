package io.marginstream.gateway.engine;

import java.math.BigDecimal;

/**
 * One option's mark as the market prices it (§5.3a), per contract: {@code markPrice} (USDT), {@code markIV}, and the
 * greeks {@code delta}, {@code gamma} (per USD), {@code vega} (USDT per volatility point) and {@code theta} (USDT per
 * day); {@code underlyingPrice} is the mark of the underlying's {@code <u>USDT}; {@code expiryDate} 08:00 UTC of the
 * expiry (epoch ms); {@code settled} once it has expired and settled.
 */
public record OptionMarkView(String symbol, BigDecimal markPrice, BigDecimal markIV, BigDecimal delta,
                             BigDecimal gamma, BigDecimal vega, BigDecimal theta, BigDecimal underlyingPrice,
                             long expiryDate, boolean settled) {
}
