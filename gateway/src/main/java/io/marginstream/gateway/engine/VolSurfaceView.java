package io.marginstream.gateway.engine;

import java.math.BigDecimal;

/**
 * One underlying's implied-volatility surface (§5.3a) as {@code options.surface} and {@code admin.setImpliedVol}
 * show it: {@code σ(K, τ) = atmVol + skew·ln(K/F) + termSlope·τ}; {@code underlyingPrice} is {@code F}, the mark of
 * the underlying's {@code <u>USDT}; {@code marketTime} the market clock (epoch ms).
 */
public record VolSurfaceView(String underlying, BigDecimal atmVol, BigDecimal skew, BigDecimal termSlope,
                             BigDecimal underlyingPrice, long marketTime) {
}
