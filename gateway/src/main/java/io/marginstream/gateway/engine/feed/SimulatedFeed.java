package io.marginstream.gateway.engine.feed;

import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.gateway.engine.EngineCommand;

import java.math.BigDecimal;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** The simulated mark-price feed: a seeded random walk per underlying, on its own scheduler thread. */
public final class SimulatedFeed implements AutoCloseable {

    public SimulatedFeed(GatewayConfig config, Supplier<Map<String, BigDecimal>> currentMarks,
                         BooleanSupplier enabled, Consumer<EngineCommand.ApplyMarks> sink) {
    }

    public void start() {
    }

    @Override
    public void close() {
    }
}
