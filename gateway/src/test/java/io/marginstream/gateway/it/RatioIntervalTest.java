package io.marginstream.gateway.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.marginstream.gateway.GatewayServer;
import io.marginstream.gateway.config.GatewayConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * §6: {@code marginRatio} comes at most every {@code intervalMs} (less the documented tolerance of
 * min(intervalMs / 10, 10 ms) for tick jitter), also when the interval is off the feed's tick grid. Real gateway on
 * the wall clock with the simulated feed ticking every 100 ms; one session per interval, all at once.
 */
class RatioIntervalTest {
    private static final int[] INTERVALS = {150, 250, 300, 1000};
    private static final int GAPS = 5;

    @Test
    void marginRatio_onA100msFeed_neverComesFasterThanIntervalMs() {
        GatewayConfig base = TestGateway.base();
        GatewayConfig config = base.withFeed(new GatewayConfig.FeedConfig(true, 100, 7L, null));
        GatewayServer gw = new GatewayServer(config).start();
        List<WsRecorder> clients = new ArrayList<>();
        try {
            for (int interval : INTERVALS) {
                WsRecorder c = WsRecorder.connect(gw.port());
                clients.add(c);
                c.ok("session.logon", Signer.hmac(TestGateway.HMAC_KEY, TestGateway.HMAC_SECRET,
                        System.currentTimeMillis() - clients.size()));
                c.ok("subscribe", AuthTest.streams("marginRatio").put("intervalMs", interval));
            }
            for (int k = 0; k < INTERVALS.length; k++) {
                int interval = INTERVALS[k];
                long tolerance = Math.min(interval / 10, 10);
                WsRecorder c = clients.get(k);
                long last = eventTime(c.nextEvent("marginRatio"));
                for (int i = 0; i < GAPS; i++) {
                    long e = eventTime(c.nextEvent("marginRatio"));
                    assertTrue(e - last >= interval - tolerance, "intervalMs " + interval + ": a gap of "
                            + (e - last) + " ms between E " + last + " and E " + e);
                    last = e;
                }
            }
        } finally {
            clients.forEach(WsRecorder::close);
            gw.close();
        }
    }

    private static long eventTime(JsonNode ev) {
        return ev.get("data").get("E").asLong();
    }
}
