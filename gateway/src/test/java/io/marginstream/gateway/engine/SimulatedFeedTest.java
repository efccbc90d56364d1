package io.marginstream.gateway.engine;

import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.gateway.engine.feed.SimulatedFeed;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.marginstream.gateway.engine.EngineHarness.account;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simulated feed: seeded, follows underlyings with a basis, drives the engine while enabled. */
class SimulatedFeedTest {

    @Test
    void sameSeed_sameWalk_andFollowersKeepTheirBasis() {
        GatewayConfig cfg = GatewayConfig.empty();
        SimulatedFeed f1 = new SimulatedFeed(cfg, () -> null, () -> null, () -> true, c -> { });
        SimulatedFeed f2 = new SimulatedFeed(cfg, () -> null, () -> null, () -> true, c -> { });
        Map<String, BigDecimal> m1 = cfg.prices();
        Map<String, BigDecimal> m2 = cfg.prices();
        for (int i = 0; i < 1000; i++) {
            m1 = f1.next(m1);
            m2 = f2.next(m2);
        }
        assertEquals(m1, m2);
        assertEquals(cfg.prices().keySet(), m1.keySet());
        assertNotEquals(cfg.prices().get("BTCUSDT"), m1.get("BTCUSDT"));
        double basis = m1.get("BTCUSDT_QUARTER").doubleValue() / m1.get("BTCUSDT").doubleValue();
        assertTrue(Math.abs(basis - 1.005) < 0.002, "quarterly basis " + basis);
        double cm = m1.get("BTCUSD_PERP").doubleValue() / m1.get("BTCUSDT").doubleValue();
        assertTrue(Math.abs(cm - 1) < 0.002, "CM basis " + cm);
    }

    @Test
    void enabledFeed_movesMarks_andAdminFeedStopsIt() throws Exception {
        GatewayConfig base = EngineHarness.config(account("a", Map.of("CROSS_MARGIN", Map.of("USDT", "100000")),
                "BTCUSDT", "1", "60000"));
        GatewayConfig cfg = base.withFeed(new GatewayConfig.FeedConfig(true, 5, 7L, null));
        try (EngineHarness h = new EngineHarness(cfg)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (h.engine.marks().get("BTCUSDT").compareTo(new BigDecimal("60000")) == 0
                    && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertNotEquals(0, h.engine.marks().get("BTCUSDT").compareTo(new BigDecimal("60000")));
            assertTrue(h.ratios.stream().anyMatch(r -> r.maintMarginE8() != 204_000_000_000L));
            h.call(new EngineCommand.SetFeedEnabled(false));
            assertTrue(h.journaled.stream().anyMatch(c -> c instanceof EngineCommand.ApplyMarks));
        }
    }
}
