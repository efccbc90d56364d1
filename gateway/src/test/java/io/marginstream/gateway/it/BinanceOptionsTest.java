package io.marginstream.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginstream.protocol.ProtocolJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The options twin of the Binance surface (§11, §5.3a) over real HTTP: Binance's options {@code exchangeInfo}, the
 * marks with greeks, the account's option positions (equal to {@code account.positions} over /ws), and futures-only
 * {@code um/positionRisk}.
 */
class BinanceOptionsTest {
    static final String CALL = "BTC-270326-60000-C";
    /** 2026-05-28: before every expiry of the default listing. */
    static final long START = 1_780_000_000_000L;
    static TestGateway gw;
    static Rest alice;

    @BeforeAll
    static void start() {
        gw = TestGateway.startAt(START);
        alice = new Rest(gw.port(), TestGateway.HMAC_KEY, TestGateway.HMAC_SECRET);
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    static ObjectNode p() {
        return ProtocolJson.mapper().createObjectNode();
    }

    @Test
    void exchangeInfo_listsTheOptionsInBinancesOptionShape() {
        Rest.Answer a = new Rest(gw.port(), null, null).send("GET", "/eapi/v1/exchangeInfo", "", null, null);
        assertEquals(200, a.status(), a.json().toString());
        JsonNode info = a.json();
        assertEquals(60, info.get("optionSymbols").size());
        assertEquals("BTCUSDT", info.get("optionContracts").get(0).get("underlying").asText());
        assertEquals("USDT", info.get("optionAssets").get(0).get("name").asText());
        JsonNode first = info.get("optionSymbols").get(0);
        assertEquals("BTC-261225-50000-C", first.get("symbol").asText());
        assertEquals("CALL", first.get("side").asText());
        assertEquals(1_798_185_600_000L, first.get("expiryDate").asLong());
        assertEquals("LOT_SIZE", first.get("filters").get(1).get("filterType").asText());
        assertEquals(2, first.get("quantityScale").asInt());
    }

    @Test
    void marks_carryTheGreeks_andAnUnknownSymbolIs1121() {
        Rest pub = new Rest(gw.port(), null, null);
        Rest.Answer all = pub.send("GET", "/eapi/v1/mark", "", null, null);
        assertEquals(60, all.json().size());
        Rest.Answer one = pub.send("GET", "/eapi/v1/mark", "symbol=" + CALL, null, null);
        JsonNode m = one.json().get(0);
        assertEquals(CALL, m.get("symbol").asText());
        double delta = Double.parseDouble(m.get("delta").asText());
        assertTrue(delta > 0.5 && delta < 0.7, "a near-ATM call: " + m);
        assertTrue(Double.parseDouble(m.get("theta").asText()) < 0, m.toString());
        assertEquals(m.get("markIV"), m.get("bidIV"));
        Rest.Answer bad = pub.send("GET", "/eapi/v1/mark", "symbol=BTC-270326-61000-C", null, null);
        assertEquals(400, bad.status());
        assertEquals(-1121, bad.code());
    }

    @Test
    void positions_equalTheWsPositions_andUmPositionRiskListsFuturesOnly() {
        try (WsRecorder c = WsRecorder.connect(gw.port())) {
            c.ok("session.logon", Signer.hmac(TestGateway.HMAC_KEY, TestGateway.HMAC_SECRET, gw.clock.get() - 7));
            c.ok("order.place", p().put("symbol", CALL).put("side", "SELL").put("type", "MARKET")
                    .put("quantity", "0.5"));
            JsonNode ws = null;
            for (JsonNode x : c.ok("account.positions", null)) {
                if (x.get("symbol").asText().equals(CALL)) {
                    ws = x;
                }
            }
            JsonNode rest = alice.ok("GET", "/eapi/v1/position", "", gw.clock.get());
            assertEquals(1, rest.size(), rest.toString());
            JsonNode r = rest.get(0);
            assertEquals(CALL, r.get("symbol").asText());
            assertEquals("SHORT", r.get("side").asText());
            assertEquals("CALL", r.get("optionSide").asText());
            for (String f : new String[] {"delta", "gamma", "vega", "theta", "markIV", "markPrice", "entryPrice"}) {
                assertEquals(ws.get(f), r.get(f), f);
            }
            assertEquals(ws.get("positionAmt"), r.get("quantity"));
            assertEquals(0, new BigDecimal(r.get("markValue").asText()).compareTo(
                    new BigDecimal(ws.get("notional").asText())));
            JsonNode one = alice.ok("GET", "/eapi/v1/position", "symbol=" + CALL, gw.clock.get());
            assertEquals(1, one.size());
            for (JsonNode u : alice.ok("GET", "/papi/v1/um/positionRisk", "", gw.clock.get())) {
                assertTrue(!u.get("symbol").asText().contains("-"), "no option in um/positionRisk: " + u);
            }
            c.ok("order.place", p().put("symbol", CALL).put("side", "BUY").put("type", "MARKET")
                    .put("quantity", "0.5"));
            assertEquals(0, alice.ok("GET", "/eapi/v1/position", "", gw.clock.get()).size());
        }
    }
}
