package io.marginstream.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ProtocolJsonTest {

    private static RequestException reject(String text) {
        return assertThrows(RequestException.class, () -> ProtocolJson.parseRequest(text));
    }

    @Test
    void parseRequest_duplicateKeyAtAnyDepth_namesIt() {
        assertEquals("Request is not valid JSON (Duplicate field 'b').",
                reject("{\"id\":1,\"method\":\"m\",\"params\":{\"a\":{\"b\":null,\"b\":null}}}").getMessage());
        assertEquals("Request is not valid JSON (Duplicate field 'method').",
                reject("{\"id\":1,\"method\":\"m\",\"method\":\"m\"}").getMessage());
    }

    @Test
    void parseRequest_fullEnvelope_keepsIdMethodAndParams() {
        Request r = ProtocolJson.parseRequest("{\"id\":\"a-1\",\"method\":\"ping\",\"params\":{\"x\":1}}");
        assertEquals("a-1", r.id());
        assertEquals("ping", r.method());
        assertEquals(1, r.params().get("x").intValue());
    }

    @Test
    void parseRequest_integerIdAndNoParams_givesLongIdAndEmptyParams() {
        Request r = ProtocolJson.parseRequest("{\"method\":\"time\",\"id\":9007199254740991}");
        assertEquals(9007199254740991L, r.id());
        assertTrue(r.params().isEmpty());
        assertEquals(-9007199254740991L, ProtocolJson.parseRequest("{\"id\":-9007199254740991,\"method\":\"m\"}").id());
        assertTrue(ProtocolJson.parseRequest("{\"id\":1,\"method\":\"m\",\"params\":null}").params().isEmpty());
        assertEquals("x".repeat(64), ProtocolJson.parseRequest("{\"id\":\"" + "x".repeat(64) + "\",\"method\":\"m\"}").id());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "not json", "{\"id\":1,", "[1,2]", "\"text\"", "42", "null",
            "{\"id\":1,\"method\":\"ping\"} {}", "{\"id\":1,\"method\":\"ping\"} x",
            "{\"id\":1,\"id\":2,\"method\":\"ping\"}", "{\"id\":1,\"method\":\"ping\",\"params\":{\"a\":1,\"a\":2}}"})
    void parseRequest_notOneJsonObject_isMalformedWithoutId(String text) {
        RequestException e = reject(text);
        assertEquals(ErrorCode.MALFORMED_REQUEST, e.code());
        assertEquals(400, e.status());
        assertNull(e.id());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5", "1.0", "1e3", "\"\"", "{}", "[]", "true", "null", "9007199254740992",
            "-9007199254740992", "123456789012345678901234567890"})
    void parseRequest_badId_isMalformedWithoutId(String id) {
        RequestException e = reject("{\"id\":" + id + ",\"method\":\"ping\"}");
        assertEquals(ErrorCode.MALFORMED_REQUEST, e.code());
        assertNull(e.id());
    }

    @Test
    void parseRequest_idTooLongOrMissing_isMalformed() {
        assertNull(reject("{\"id\":\"" + "x".repeat(65) + "\",\"method\":\"ping\"}").id());
        assertEquals(ErrorCode.MALFORMED_REQUEST, reject("{\"method\":\"ping\"}").code());
    }

    @Test
    void parseRequest_badMethodOrParams_isMalformedWithId() {
        for (String text : List.of("{\"id\":7}", "{\"id\":7,\"method\":null}", "{\"id\":7,\"method\":5}",
                "{\"id\":7,\"method\":\"\"}", "{\"id\":7,\"method\":\"ping\",\"params\":[1]}",
                "{\"id\":7,\"method\":\"ping\",\"params\":\"x\"}", "{\"id\":7,\"method\":\"ping\",\"extra\":1}")) {
            RequestException e = reject(text);
            assertEquals(ErrorCode.MALFORMED_REQUEST, e.code(), text);
            assertEquals(7L, e.id(), text);
        }
    }

    @Test
    void parseRequest_overLimits_isMalformed() {
        String deep = "[".repeat(70) + "]".repeat(70);
        assertEquals(ErrorCode.MALFORMED_REQUEST, reject("{\"id\":1,\"method\":\"m\",\"params\":{\"a\":" + deep + "}}").code());
        String longNumber = "1" + "0".repeat(120);
        assertEquals(ErrorCode.MALFORMED_REQUEST, reject("{\"id\":1,\"method\":\"m\",\"params\":{\"a\":" + longNumber + "}}").code());
        String longString = "x".repeat(ProtocolJson.MAX_STRING_LENGTH + 10);
        assertEquals(ErrorCode.MALFORMED_REQUEST, reject("{\"id\":1,\"method\":\"m\",\"params\":{\"a\":\"" + longString + "\"}}").code());
    }

    private static String withNames(List<String> names) {
        StringBuilder b = new StringBuilder("{\"id\":1,\"method\":\"ping\",\"params\":{");
        for (int i = 0; i < names.size(); i++) {
            b.append(i == 0 ? "" : ",").append('"').append(names.get(i)).append("\":0");
        }
        return b.append("}}").toString();
    }

    /** {@code n} names of 18 characters whose Jackson symbol-table hashes collide ("Ab" and "BA" hash alike). */
    private static List<String> colliding(int n) {
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder b = new StringBuilder();
            for (int bit = 0; bit < 9; bit++) {
                b.append((i >> bit & 1) == 0 ? "Ab" : "BA");
            }
            names.add(b.toString());
        }
        return names;
    }

    private static List<String> numbered(String prefix, int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> prefix + i).toList();
    }

    /** Parses as a request or fails as a malformed one; any other exception fails the test. */
    private static void parsesOrIsMalformed(String text) {
        try {
            ProtocolJson.parseRequest(text);
        } catch (RequestException e) {
            assertEquals(ErrorCode.MALFORMED_REQUEST, e.code());
        }
    }

    @Test
    void parseRequest_untrustedFieldNames_neverPoisonTheParser() {
        parsesOrIsMalformed(withNames(numbered("name", 5000)));
        parsesOrIsMalformed(withNames(colliding(400)));
        parsesOrIsMalformed(withNames(numbered("k", 8556)));
        parsesOrIsMalformed(withNames(colliding(512)));
        for (int round = 0; round < 3; round++) {
            Request r = ProtocolJson.parseRequest(withNames(numbered("field", 8556)));
            assertEquals(8556, r.params().size());
            assertEquals(512, ProtocolJson.parseRequest(withNames(colliding(512))).params().size());
        }
    }

    @Test
    void okResponse_hasEnvelopeShape() throws Exception {
        String json = ProtocolJson.okResponse(5L, Map.of("serverTime", 1700000000000L),
                List.of(new RateLimit("REQUEST_WEIGHT", "MINUTE", 1, 6000, 70)));
        assertEquals("{\"id\":5,\"status\":200,\"result\":{\"serverTime\":1700000000000},\"rateLimits\":["
                + "{\"rateLimitType\":\"REQUEST_WEIGHT\",\"interval\":\"MINUTE\",\"intervalNum\":1,\"limit\":6000,"
                + "\"count\":70}]}", json);
        assertEquals("{\"id\":\"x\",\"status\":200,\"result\":{}}", ProtocolJson.okResponse("x", null, null));
        assertEquals(json, new String(ProtocolJson.okResponseBytes(5L, Map.of("serverTime", 1700000000000L),
                List.of(new RateLimit("REQUEST_WEIGHT", "MINUTE", 1, 6000, 70))), "UTF-8"));
    }

    @Test
    void errorResponse_hasEnvelopeShape() {
        ApiException e = new ApiException(ErrorCode.TOO_MANY_REQUESTS, 429, "Too many requests.",
                Map.of("retryAfter", 1700000060000L));
        assertEquals("{\"id\":null,\"status\":429,\"error\":{\"code\":-1003,\"msg\":\"Too many requests.\","
                + "\"data\":{\"retryAfter\":1700000060000}},\"rateLimits\":[]}",
                ProtocolJson.errorResponse(null, e, List.of()));
        assertEquals("{\"id\":\"q\",\"status\":400,\"error\":{\"code\":-1020,\"msg\":\"Unknown method 'x'.\"}}",
                ProtocolJson.errorResponse("q", ApiException.of(ErrorCode.UNKNOWN_METHOD, "x"), null));
    }

    record Amounts(BigDecimal amount, BigDecimal tiny, BigDecimal nothing) {
    }

    record Empty() {
    }

    @Test
    void event_writesDecimalsAsPlainStrings() throws Exception {
        String json = ProtocolJson.event("userData",
                new Amounts(new BigDecimal("1E+3"), new BigDecimal("1E-10"), null));
        assertEquals("{\"stream\":\"userData\",\"data\":{\"amount\":\"1000.00000000\",\"tiny\":\"0.00000000\","
                + "\"nothing\":null}}", json);
        assertEquals(json, new String(ProtocolJson.eventBytes("userData",
                new Amounts(new BigDecimal("1E+3"), new BigDecimal("1E-10"), null)), "UTF-8"));
        assertEquals("{}", ProtocolJson.toJson(new Empty()));
        JsonNode back = ProtocolJson.mapper().readTree(json);
        assertEquals("1000.00000000", back.get("data").get("amount").textValue());
    }

    @Test
    void mapper_isStrict() {
        var m = ProtocolJson.mapper();
        assertThrows(Exception.class, () -> m.readValue("{\"amount\":\"1\",\"tiny\":\"1\",\"nothing\":\"1\",\"x\":1}", Amounts.class));
        assertThrows(Exception.class, () -> m.readValue("{\"amount\":\"1\"} 1", Amounts.class));
        assertThrows(Exception.class, () -> m.readValue("{\"amount\":\"1\",\"amount\":\"2\"}", Amounts.class));
        assertThrows(Exception.class, () -> m.readValue("{\"limit\":1.5,\"rateLimitType\":\"A\",\"interval\":\"M\","
                + "\"intervalNum\":1,\"count\":1}", RateLimit.class));
        assertThrows(Exception.class, () -> m.readValue("{\"limit\":null,\"rateLimitType\":\"A\",\"interval\":\"M\","
                + "\"intervalNum\":1,\"count\":1}", RateLimit.class));
    }

    @Test
    void mapper_readsFloatsExactly() throws Exception {
        Object v = ProtocolJson.mapper().readValue("0.10000000000000000001", Object.class);
        assertEquals(new BigDecimal("0.10000000000000000001"), v);
        assertEquals(new BigDecimal("1.50"), ProtocolJson.mapper().readTree("1.50").decimalValue());
    }

    /** A value whose encoding encodes another message on the same thread (the encoder's buffer must not be shared). */
    record Nested(String inner) implements JsonSerializable {
        @Override
        public void serialize(JsonGenerator g, SerializerProvider p) throws java.io.IOException {
            g.writeString(new String(ProtocolJson.eventBytes("inner", Map.of("v", inner)), StandardCharsets.UTF_8));
        }

        @Override
        public void serializeWithType(JsonGenerator g, SerializerProvider p, TypeSerializer t) throws java.io.IOException {
            serialize(g, p);
        }
    }

    @Test
    void eventBytes_eachMessageItsOwnExactArray_afterLargeAndNestedOnes() {
        String big = "x".repeat(40_000);
        byte[] large = ProtocolJson.eventBytes("userData", Map.of("v", big));
        byte[] small = ProtocolJson.eventBytes("userData", Map.of("v", "a"));
        byte[] again = ProtocolJson.eventBytes("userData", Map.of("v", "b"));
        assertEquals("{\"stream\":\"userData\",\"data\":{\"v\":\"" + big + "\"}}",
                new String(large, StandardCharsets.UTF_8));
        assertEquals("{\"stream\":\"userData\",\"data\":{\"v\":\"a\"}}", new String(small, StandardCharsets.UTF_8));
        assertEquals("{\"stream\":\"userData\",\"data\":{\"v\":\"b\"}}", new String(again, StandardCharsets.UTF_8));

        byte[] outer = ProtocolJson.eventBytes("outer", Map.of("n", new Nested("z")));
        assertEquals("{\"stream\":\"outer\",\"data\":{\"n\":\"{\\\"stream\\\":\\\"inner\\\",\\\"data\\\":{\\\"v\\\":\\\"z\\\"}}\"}}",
                new String(outer, StandardCharsets.UTF_8));
        assertEquals("{\"stream\":\"userData\",\"data\":{\"v\":\"a\"}}", new String(small, StandardCharsets.UTF_8));
    }
}
