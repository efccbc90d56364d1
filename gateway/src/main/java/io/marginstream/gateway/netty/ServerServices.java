package io.marginstream.gateway.netty;

import io.marginstream.gateway.binance.BinanceApi;
import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.gateway.metrics.GatewayMetrics;
import io.marginstream.gateway.ratelimit.RateLimiter;
import io.marginstream.gateway.session.SessionRegistry;
import io.marginstream.gateway.web.StaticFiles;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What the handlers share: config, sessions, limits, metrics, static files, health, and the count of open TCP
 * connections, and the Binance-compatible REST surface ({@code null} when {@code binance.enabled} is false).
 * Thread-safe parts only.
 */
public record ServerServices(GatewayConfig config, SessionRegistry sessions, RateLimiter limiter,
                             GatewayMetrics metrics, StaticFiles web, BooleanSupplier healthy,
                             Supplier<String> health, AtomicInteger connections, BinanceApi binance) {
}
