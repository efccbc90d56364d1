package io.marginstream.gateway.engine;

import io.marginstream.gateway.config.GatewayConfig;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo book under the real simulated feed (the demo config's seed and tick) for one simulated hour, on an
 * injected clock: it starts near 2, touches MARGIN_CALL, and is never reduce-only or liquidated.
 */
class DemoBookTest {
    @Test
    void demoBook_movesIntoMarginCall_andIsNeverLiquidatedWithinAnHour() throws Exception {
        GatewayConfig demo = GatewayConfig.demo("demo-key", "demo-secret");
        DemoBookSimulation.Result r = DemoBookSimulation.run(demo, 3_600_000 / demo.feed().tickMillis());
        System.out.println("demo book, one simulated hour: " + r);
        GatewayConfig.RiskConfig risk = demo.risk();
        assertTrue(r.first().compareTo(new BigDecimal("1.9")) >= 0 && r.first().compareTo(new BigDecimal("3")) <= 0,
                r.toString());
        assertTrue(r.min().compareTo(risk.marginCall()) <= 0, "touches margin call: " + r);
        assertTrue(r.min().compareTo(risk.reduceOnly()) > 0, "never reduce-only: " + r);
        assertTrue(r.ticksPerStatus().containsKey("MARGIN_CALL") && r.ticksPerStatus().containsKey("NORMAL"),
                r.toString());
        assertEquals(0, r.liquidationEvents(), r.toString());
    }
}
