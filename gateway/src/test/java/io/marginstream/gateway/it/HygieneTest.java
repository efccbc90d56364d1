package io.marginstream.gateway.it;

import io.marginstream.gateway.config.GatewayConfig.ServerConfig;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * §1 connection hygiene: server pings, idle close, maximum session age. Each test has its own gateway and clock,
 * and the idle timeout leaves several seconds between the first ping and the idle close, so a busy machine
 * cannot reorder them.
 */
class HygieneTest {

    @Test
    void serverPings_andASilentConnectionIsClosed1001() throws Exception {
        TestGateway gw = TestGateway.start(c -> c.withServer(new ServerConfig("127.0.0.1", 0, null, 4096, 1, 5, 1,
                65_536, null)));
        try (RawWs raw = RawWs.connect(gw.port(), 0)) {
            RawWs.Frame first = raw.readAny();
            assertEquals(0x9, first.opcode(), "expected a ping");
            int code = raw.readUntilClose();
            assertEquals(1001, code);
        } finally {
            gw.close();
        }
    }

    @Test
    void sessionOlderThanMaxSessionHours_isClosed1001SessionExpired() {
        TestGateway gw = TestGateway.start(c -> c.withServer(new ServerConfig("127.0.0.1", 0, null, 4096, 1, 600, 1,
                65_536, null)));
        try (WsRecorder c = WsRecorder.connect(gw.port())) {
            assertEquals(200, c.call("ping", null).get("status").asInt());
            gw.clock.addAndGet(3_600_000L);
            assertEquals(1001, c.awaitClose());
            assertEquals("session expired", c.closeReason());
        } finally {
            gw.close();
        }
    }
}
