package io.marginstream.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginstream.protocol.ProtocolJson;
import okhttp3.Request;
import okhttp3.Response;
import okio.ByteString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** §1, §2 and the public methods over a real WebSocket: answers, malformed input, close codes, HTTP routes. */
class ProtocolBasicsTest {
    static TestGateway gw;

    @BeforeAll
    static void start() {
        gw = TestGateway.start();
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    static ObjectNode params() {
        return ProtocolJson.mapper().createObjectNode();
    }

    @Test
    void ping_answersEmptyObjectWithRateLimits() {
        try (WsRecorder c = WsRecorder.connect(gw.port())) {
            JsonNode r = c.call("ping", null);
            assertEquals(200, r.get("status").asInt());
            assertEquals(0, r.get("result").size());
            JsonNode rl = r.get("rateLimits").get(0);
            assertEquals("REQUEST_WEIGHT", rl.get("rateLimitType").asText());
            assertEquals("MINUTE", rl.get("interval").asText());
            assertEquals(1, rl.get("intervalNum").asInt());
            assertEquals(6000, rl.get("limit").asInt());
            assertTrue(rl.get("count").asInt() >= 1);
        }
    }

    @Test
    void time_returnsServerClock_andReturnRateLimitsFalseOmitsThem() {
        try (WsRecorder c = WsRecorder.connect(gw.port())) {
            JsonNode r = c.call("time", params().put("returnRateLimits", false));
            assertEquals(gw.clock.get(), r.get("result").get("serverTime").asLong());
            assertFalse(r.has("rateLimits"));
        }
    }

    @Test
    void exchangeInfo_listsInstrumentsAssetsLimitsAndModel() {
        try (WsRecorder c = WsRecorder.connect(gw.port())) {
            JsonNode r = c.ok("exchangeInfo", null);
            assertEquals(7, r.get("instruments").size());
            JsonNode btc = r.get("instruments").get(0);
            assertEquals("BTCUSDT", btc.get("symbol").asText());
            assertEquals("0.00100000", btc.get("stepSize").asText());
            assertEquals(4, btc.get("brackets").size());
            JsonNode assets = r.get("assets");
            assertEquals("BTC", assets.get(2).get("asset").asText());
            assertEquals("0.95000000", assets.get(2).get("collateralRate").asText());
            assertEquals("PORTFOLIO", r.get("marginModel").get("type").asText());
            assertEquals("0.03000000", r.get("marginModel").get("shock").get("BTC").asText());
            assertEquals("0.85000000", r.get("marginModel").get("correlations").get("BTC/ETH").asText());
            assertEquals("REQUEST_WEIGHT", r.get("rateLimits").get(0).get("rateLimitType").asText());
            assertTrue(r.get("serverTime").asLong() > 0);
        }
    }

    @Test
    void unknownMethod_is1020NamingIt() {
        try (WsRecorder c = WsRecorder.connect(gw.port())) {
            JsonNode r = c.call("nope.nothing", null);
            assertEquals(400, r.get("status").asInt());
            assertEquals(-1020, r.get("error").get("code").asInt());
            assertEquals("Unknown method 'nope.nothing'.", r.get("error").get("msg").asText());
            assertTrue(r.has("rateLimits"));
        }
    }

    @Test
    void garbage_is1013WithNullId_andTheSessionStaysOpen() {
        try (WsRecorder c = WsRecorder.connect(gw.port())) {
            c.sendRaw("this is not json");
            JsonNode r = c.nextResponse();
            assertTrue(r.get("id").isNull());
            assertEquals(400, r.get("status").asInt());
            assertEquals(-1013, r.get("error").get("code").asInt());
            c.sendRaw("[1,2]");
            assertEquals(-1013, c.nextResponse().get("error").get("code").asInt());
            c.sendRaw("{\"id\":7}");
            JsonNode noMethod = c.nextResponse();
            assertEquals(7, noMethod.get("id").asInt());
            assertEquals(-1013, noMethod.get("error").get("code").asInt());
            c.sendRaw("{\"id\":\"a\",\"method\":\"ping\",\"params\":[]}");
            JsonNode badParams = c.nextResponse();
            assertEquals("a", badParams.get("id").asText());
            assertEquals(-1013, badParams.get("error").get("code").asInt());
            c.sendRaw("{\"id\":8,\"method\":\"ping\",\"params\":{\"x\":1}}");
            assertEquals(-1104, c.nextResponse().get("error").get("code").asInt());
            assertEquals(200, c.call("ping", null).get("status").asInt());
        }
    }

    @Test
    void responsesComeInRequestOrder() {
        try (WsRecorder c = WsRecorder.connect(gw.port())) {
            long first = c.send("exchangeInfo", null);
            long second = c.send("ping", null);
            c.sendRaw("{\"id\":\"third\",\"method\":\"time\"}");
            assertEquals(first, c.nextResponse().get("id").asLong());
            assertEquals(second, c.nextResponse().get("id").asLong());
            assertEquals("third", c.nextResponse().get("id").asText());
        }
    }

    @Test
    void oversizeFrame_isClosed1009_othersKeepWorking() {
        try (WsRecorder other = WsRecorder.connect(gw.port()); WsRecorder c = WsRecorder.connect(gw.port())) {
            char[] big = new char[5000];
            Arrays.fill(big, 'x');
            c.sendRaw("{\"id\":1,\"method\":\"ping\",\"params\":{\"p\":\"" + new String(big) + "\"}}");
            assertEquals(1009, c.awaitClose());
            assertEquals(200, other.call("ping", null).get("status").asInt());
        }
    }

    @Test
    void binaryFrame_isClosed1003() {
        try (WsRecorder c = WsRecorder.connect(gw.port())) {
            c.ws.send(ByteString.of((byte) 1, (byte) 2));
            assertEquals(1003, c.awaitClose());
        }
    }

    @Test
    void invalidUtf8_isClosed1007() throws Exception {
        try (RawWs raw = RawWs.connect(gw.port(), 0); WsRecorder other = WsRecorder.connect(gw.port())) {
            raw.sendFrame(true, 0x1, new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'});
            assertEquals(1007, raw.readUntilClose());
            assertEquals(200, other.call("ping", null).get("status").asInt());
        }
    }

    @Test
    void fragmentedMessage_isReassembled_andOverTheLimitClosed1009() throws Exception {
        try (RawWs raw = RawWs.connect(gw.port(), 0)) {
            byte[] a = "{\"id\":5,\"meth".getBytes(StandardCharsets.UTF_8);
            byte[] b = "od\":\"ping\"}".getBytes(StandardCharsets.UTF_8);
            raw.sendFrame(false, 0x1, a);
            raw.sendFrame(true, 0x0, b);
            RawWs.Frame f = raw.read();
            JsonNode r = ProtocolJson.mapper().readTree(f.text());
            assertEquals(5, r.get("id").asInt());
            assertEquals(200, r.get("status").asInt());
            byte[] chunk = new byte[3000];
            Arrays.fill(chunk, (byte) 'x');
            raw.sendFrame(false, 0x1, chunk);
            raw.sendFrame(true, 0x0, chunk);
            assertEquals(1009, raw.readUntilClose());
        }
    }

    @Test
    void healthz_metrics_andNotFound() throws Exception {
        String base = "http://127.0.0.1:" + gw.port();
        try (WsRecorder c = WsRecorder.connect(gw.port())) {
            assertEquals(-1020, c.call("no.such", null).get("error").get("code").asInt());
        }
        try (Response r = WsRecorder.HTTP.newCall(new Request.Builder().url(base + "/healthz").build()).execute()) {
            assertEquals(200, r.code());
            assertEquals("UP", ProtocolJson.mapper().readTree(r.body().string()).get("status").asText());
        }
        try (Response r = WsRecorder.HTTP.newCall(new Request.Builder().url(base + "/metrics").build()).execute()) {
            assertEquals(200, r.code());
            assertTrue(r.header("Content-Type").startsWith("text/plain"));
            String body = r.body().string();
            assertTrue(body.contains("marginstream_sessions "), body);
            assertTrue(body.contains("marginstream_tick_to_write_seconds_count"), body);
            assertTrue(body.contains("marginstream_rejections_total{code=\"-1020\"}"), body);
            assertTrue(body.contains("marginstream_frames_in_total"), body);
            assertTrue(body.matches("(?s).*jvm_memory_used_bytes\\{area=\"heap\",id=\"[^\"]+\"} [1-9][0-9.E]*\n.*"),
                    body);
            assertTrue(body.contains("marginstream_tick_to_write_seconds_bucket{le=\"0.01\"}"), body);
            assertTrue(body.contains("jvm_gc_pause_seconds") || body.contains("jvm_gc_memory_allocated_bytes_total"),
                    body);
            assertTrue(body.contains("jvm_threads_live_threads") && body.contains("process_cpu_usage"), body);
            assertTrue(body.contains("netty_allocator_memory_used"), body);
        }
        try (Response r = WsRecorder.HTTP.newCall(new Request.Builder().url(base + "/../etc/passwd").build())
                .execute()) {
            assertEquals(404, r.code());
        }
        try (Response r = WsRecorder.HTTP.newCall(new Request.Builder().url(base + "/probe.js").build()).execute()) {
            assertEquals(200, r.code());
            assertEquals("text/javascript; charset=UTF-8", r.header("Content-Type"));
        }
    }
}
