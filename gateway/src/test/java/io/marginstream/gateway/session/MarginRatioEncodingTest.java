package io.marginstream.gateway.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.marginstream.gateway.engine.MarginSnapshot;
import io.marginstream.protocol.ProtocolJson;
import io.marginstream.protocol.message.AccountStatus;
import io.marginstream.protocol.message.MarginRatio;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The hand-written {@code marginRatio} encoder against the protocol's record and {@link MarginSnapshot#plain}. */
class MarginRatioEncodingTest {
    private static final long[] EDGES = {0, 1, -1, 99_999_999, -99_999_999, 100_000_000, -100_000_000,
        123_456_789_012L, Long.MAX_VALUE, -Long.MAX_VALUE};

    @Test
    void encodesEveryFieldExactly_forEdgesAndRandomValues() throws Exception {
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 5_000; i++) {
            long[] v = new long[7];
            for (int k = 0; k < v.length; k++) {
                v[k] = i < EDGES.length ? EDGES[(i + k) % EDGES.length]
                        : r.nextBoolean() ? r.nextLong() : r.nextLong(-10_000_000_000_000L, 10_000_000_000_000L);
            }
            long u = i % 10 == 3 ? MarginSnapshot.NULL_RATIO : v[0];
            AccountStatus status = i % 2 == 0 ? AccountStatus.NORMAL : AccountStatus.MARGIN_CALL;
            MarginSnapshot m = new MarginSnapshot(u, v[1], v[2], v[3], v[4], v[5], v[6], status,
                    r.nextLong(0, Long.MAX_VALUE), i < 3 ? EDGES[i] : r.nextLong(0, 4_000_000_000_000L));
            String json = new String(EventFanout.marginRatio(m), StandardCharsets.US_ASCII);
            JsonNode tree = ProtocolJson.mapper().readTree(json);
            assertEquals("marginRatio", tree.get("stream").asText());
            JsonNode d = tree.get("data");
            assertEquals("marginRatio", d.get("e").asText());
            assertEquals(m.eventTime(), d.get("E").asLong(), json);
            assertEquals(m.updateId(), d.get("U").asLong(), json);
            assertEquals(status.name(), d.get("s").asText());
            if (u == MarginSnapshot.NULL_RATIO) {
                assertEquals("null", d.get("u").toString());
            } else {
                assertEquals(MarginSnapshot.plain(u), d.get("u").asText(), json);
            }
            String[] names = {"eq", "ae", "im", "mm", "avb", "vmw"};
            for (int k = 0; k < names.length; k++) {
                assertEquals(MarginSnapshot.plain(v[k + 1]), d.get(names[k]).asText(), json);
            }
            MarginRatio rec = ProtocolJson.mapper().treeToValue(d, MarginRatio.class);
            assertEquals(BigDecimal.valueOf(v[1], 8), rec.accountEquity());
            if (u == MarginSnapshot.NULL_RATIO) {
                assertNull(rec.uniMMR());
            } else {
                assertEquals(BigDecimal.valueOf(u, 8), rec.uniMMR());
            }
        }
    }
}
