package io.marginstream.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginstream.gateway.config.OptionListing;
import io.marginstream.protocol.ProtocolJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicLong;

import static io.marginstream.gateway.it.AuthTest.streams;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * §5.3a over the wire with the default listing (BTC and ETH; expiries 2026-12-25, 2027-03-26, 2027-06-25):
 * {@code exchangeInfo}, {@code options.surface}, trading an option, its greeks in {@code account.positions}, its
 * mark on {@code markPrice@<option>}, {@code admin.setImpliedVol}, and the settlement {@code admin.advanceMarketTime}
 * reaches, streamed on {@code userData}; and their errors.
 */
class OptionsWireTest {
    /** Traded by one test; another settles every 2026-12-25 option, so this one expires later. */
    static final String CALL = "BTC-270326-60000-C";
    /** 2026-05-28: before every expiry of the default listing. */
    static final long START = 1_780_000_000_000L;
    static TestGateway gw;
    static final AtomicLong skew = new AtomicLong();

    @BeforeAll
    static void start() {
        gw = TestGateway.startAt(START);
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    static WsRecorder alice() {
        WsRecorder c = WsRecorder.connect(gw.port());
        c.ok("session.logon", Signer.hmac(TestGateway.HMAC_KEY, TestGateway.HMAC_SECRET,
                gw.clock.get() - skew.incrementAndGet()));
        return c;
    }

    static ObjectNode p() {
        return ProtocolJson.mapper().createObjectNode();
    }

    static int code(JsonNode r) {
        return r.path("error").path("code").asInt();
    }

    /** The first event on {@code stream} and the response to request {@code id}, in whichever order they come. */
    static JsonNode[] eventAndResponse(WsRecorder c, String stream, long id) {
        JsonNode[] out = new JsonNode[2];
        while (out[0] == null || out[1] == null) {
            JsonNode m = c.next(x -> (x.has("stream") && x.get("stream").asText().equals(stream))
                    || (x.has("status") && x.get("id").asLong() == id), "an event on " + stream + " and response " + id);
            if (m.has("status")) {
                assertEquals(200, m.get("status").asInt(), m.toString());
                out[1] = m;
            } else if (out[0] == null) {
                out[0] = m;
            }
        }
        return out;
    }

    @Test
    void exchangeInfo_listsTheOptions_andTheSurfaceIsPublic() {
        try (WsRecorder c = WsRecorder.connect(gw.port())) {
            JsonNode info = c.ok("exchangeInfo", null);
            JsonNode options = info.get("optionSymbols");
            assertEquals(60, options.size(), "2 underlyings × 3 expiries × 5 strikes × call/put");
            JsonNode first = null;
            for (JsonNode o : options) {
                if (o.get("symbol").asText().equals("BTC-261225-60000-C")) {
                    first = o;
                }
            }
            assertTrue(first != null, options.toString());
            assertEquals("CALL", first.get("side").asText());
            assertEquals("60000.00000000", first.get("strikePrice").asText());
            assertEquals("BTCUSDT", first.get("underlying").asText());
            assertEquals(1_798_185_600_000L, first.get("expiryDate").asLong());
            assertEquals("USDT", first.get("quoteAsset").asText());
            assertEquals("0.25000000", info.get("marginModel").get("volShock").asText());
            assertEquals("0.01000000", info.get("marginModel").get("shortOptionMin").asText());
            JsonNode surface = c.ok("options.surface", null);
            assertEquals("BTC", surface.get(0).get("underlying").asText());
            assertEquals("ETH", surface.get(1).get("underlying").asText());
            assertEquals("0.60000000", surface.get(0).get("atmVol").asText());
        }
    }

    @Test
    void tradeAnOption_seeItsGreeks_andItsMarkMoveWithTheSurface() {
        try (WsRecorder c = alice()) {
            c.ok("subscribe", streams("markPrice@" + CALL));
            JsonNode r = c.ok("order.place", p().put("symbol", CALL).put("side", "BUY").put("type", "MARKET")
                    .put("quantity", "0.1"));
            assertEquals("FILLED", r.get("status").asText());
            BigDecimal fill = new BigDecimal(r.get("avgPrice").asText());
            JsonNode pos = null;
            for (JsonNode x : c.ok("account.positions", null)) {
                if (x.get("symbol").asText().equals(CALL)) {
                    pos = x;
                }
            }
            assertTrue(pos != null);
            assertEquals("UM", pos.get("fs").asText());
            assertEquals("CALL", pos.get("optionSide").asText());
            assertEquals("60000.00000000", pos.get("strikePrice").asText());
            double delta = Double.parseDouble(pos.get("delta").asText());
            assertTrue(delta > 0.04 && delta < 0.07, "0.1 of a near-ATM call: " + delta);
            assertTrue(Double.parseDouble(pos.get("theta").asText()) < 0);
            assertTrue(Double.parseDouble(pos.get("vega").asText()) > 0);
            JsonNode one = c.ok("account.positions", p().put("symbol", CALL));
            assertEquals(1, one.size());

            long id = c.send("admin.setImpliedVol", p().put("underlying", "BTC").put("atmVol", "0.9"));
            JsonNode[] got = eventAndResponse(c, "markPrice@" + CALL, id);
            JsonNode ev = got[0].get("data");
            assertEquals(CALL, ev.get("s").asText());
            assertTrue(new BigDecimal(ev.get("p").asText()).compareTo(fill) > 0, "higher vol, dearer call: " + ev);
            JsonNode set = got[1];
            assertEquals("0.90000000", set.get("result").get("atmVol").asText());
            c.ok("admin.setImpliedVol", p().put("underlying", "BTC").put("atmVol", "0.6"));
        }
    }

    @Test
    void badOptionParams_getClearErrors() {
        try (WsRecorder c = alice()) {
            assertEquals(-1102, code(c.call("admin.setImpliedVol", p().put("underlying", "BTC"))));
            assertEquals(-1130, code(c.call("admin.setImpliedVol", p().put("underlying", "SOL").put("atmVol", "1"))));
            assertEquals(-1130, code(c.call("admin.setImpliedVol", p().put("underlying", "BTC").put("atmVol", "9"))));
            assertEquals(-1104, code(c.call("admin.setImpliedVol", p().put("underlying", "BTC").put("vol", "1"))));
            assertEquals(-1130, code(c.call("admin.advanceMarketTime", p().put("millis", 0))));
            assertEquals(-1102, code(c.call("admin.advanceMarketTime", null)));
            assertEquals(-1121, code(c.call("order.place", p().put("symbol", "BTC-261225-61000-C").put("side", "BUY")
                    .put("type", "MARKET").put("quantity", "1"))));
            assertEquals(-1130, code(c.call("order.place", p().put("symbol", CALL).put("side", "BUY")
                    .put("type", "MARKET").put("quantity", "0.001"))));
            assertEquals(-1130, code(c.call("admin.setMarkPrice", p().put("symbol", CALL).put("price", "1"))));
            assertEquals(-1121, code(c.call("subscribe", streams("markPrice@BTC-261225-61000-C"))));
        }
    }

    @Test
    void advancingTheMarketClockPastAnExpiry_settlesAndStreamsIt() {
        String put = "ETH-261225-3000-P";
        try (WsRecorder c = alice()) {
            c.ok("order.place", p().put("symbol", put).put("side", "SELL").put("type", "MARKET")
                    .put("quantity", "1"));
            c.ok("subscribe", streams("userData"));
            long expiry = OptionListing.expiryMillis("2026-12-25", "test");
            JsonNode surface = c.ok("options.surface", null);
            long marketNow = surface.get(0).get("marketTime").asLong();
            long id = c.send("admin.advanceMarketTime", p().put("millis", expiry - marketNow));
            JsonNode[] got = eventAndResponse(c, "userData", id);
            JsonNode ev = got[0].get("data");
            assertEquals("ACCOUNT_UPDATE", ev.get("e").asText());
            String reason = ev.get("a").get("m").asText();
            assertTrue(reason.equals("OPTIONS_SETTLE_PROFIT") || reason.equals("OPTIONS_SETTLE_LOSS"), ev.toString());
            assertEquals("UM", ev.get("fs").asText());
            JsonNode settled = null;
            for (JsonNode x : ev.get("a").get("P")) {
                if (x.get("s").asText().equals(put)) {
                    settled = x;
                }
            }
            assertTrue(settled != null, ev.toString());
            assertEquals("0.00000000", settled.get("pa").asText());
            JsonNode t = got[1];
            assertEquals(expiry, t.get("result").get("marketTime").asLong());
            for (JsonNode x : c.ok("account.positions", null)) {
                assertNotEquals(put, x.get("symbol").asText());
                assertTrue(!x.get("symbol").asText().contains("-261225-"), "every 2026-12-25 option settled");
            }
            assertEquals(-1121, code(c.call("order.place", p().put("symbol", put).put("side", "BUY")
                    .put("type", "MARKET").put("quantity", "1"))));
        }
    }
}
