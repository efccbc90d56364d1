package io.marginstream.gateway.engine;

/**
 * The result of {@code admin.advanceMarketTime}: the market clock now ({@code marketTime}, epoch ms) and how far it
 * runs ahead of the engine's wall clock ({@code offsetMillis}).
 */
public record MarketTimeResult(long marketTime, long offsetMillis) {
}
