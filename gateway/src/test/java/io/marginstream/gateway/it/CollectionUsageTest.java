package io.marginstream.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.marginstream.protocol.ProtocolJson;
import io.marginstream.protocol.message.CollectionUsageResult;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code autoCollection.usage} over a real WebSocket: read-only, counts the day's uses, resets at 00:00 UTC. */
class CollectionUsageTest {
    private static final long DAY = 86_400_000L;

    @Test
    void usage_countsTheDaysUses_withoutTakingOne_andResetsAtMidnightUtc() throws Exception {
        TestGateway gw = TestGateway.start(c -> c);
        try (WsRecorder ws = WsRecorder.connect(gw.port())) {
            ws.ok("session.logon", Signer.hmac(TestGateway.HMAC_KEY, TestGateway.HMAC_SECRET, gw.clock.get()));
            long nextMidnight = (Math.floorDiv(gw.clock.get(), DAY) + 1) * DAY;
            CollectionUsageResult before = read(ws);
            assertEquals(new CollectionUsageResult(0, 10, nextMidnight), before);
            assertEquals(before, read(ws), "reading takes no use");
            ws.ok("autoCollection", null);
            assertEquals(new CollectionUsageResult(1, 10, nextMidnight), read(ws));
            assertEquals(-1104, ws.call("autoCollection.usage", ProtocolJson.mapper().createObjectNode()
                    .put("asset", "USDT")).get("error").get("code").asInt());
            gw.clock.set(nextMidnight);
            assertEquals(new CollectionUsageResult(0, 10, nextMidnight + DAY), read(ws));
        } finally {
            gw.close();
        }
    }

    private static CollectionUsageResult read(WsRecorder ws) throws Exception {
        JsonNode r = ws.ok("autoCollection.usage", null);
        return ProtocolJson.mapper().treeToValue(r, CollectionUsageResult.class); // strict: exactly these fields
    }
}
