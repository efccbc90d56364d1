package io.marginstream.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ParamsTest {
    enum Side { BUY, SELL }

    private static final Set<String> ALLOWED = Set.of("asset", "amount", "limit", "flag", "streams", "side", "node");

    private static Params params(String paramsJson) {
        Request r = ProtocolJson.parseRequest("{\"id\":1,\"method\":\"m\",\"params\":" + paramsJson + "}");
        return Params.of(r.params(), ALLOWED);
    }

    private static void rejects(String paramsJson, Consumer<Params> read, ErrorCode code, String name) {
        ApiException e = assertThrows(ApiException.class, () -> read.accept(params(paramsJson)), paramsJson);
        assertEquals(code, e.code(), paramsJson + " -> " + e.getMessage());
        assertTrue(e.getMessage().contains("'" + name + "'"), e.getMessage());
    }

    @Test
    void of_unknownParam_isUnknownParamNamingIt() {
        rejects("{\"asset\":\"BTC\",\"timestamp\":1}", p -> { }, ErrorCode.UNKNOWN_PARAM, "timestamp");
        assertTrue(params("{\"returnRateLimits\":false}").node().has("returnRateLimits"));
    }

    @Test
    void returnRateLimits_defaultsToTrue() {
        assertTrue(params("{}").returnRateLimits());
        assertFalse(params("{\"returnRateLimits\":false}").returnRateLimits());
        rejects("{\"returnRateLimits\":1}", p -> { }, ErrorCode.BAD_PARAM_VALUE, "returnRateLimits");
        assertFalse(Params.returnRateLimits(ProtocolJson.parseRequest(
                "{\"id\":1,\"method\":\"m\",\"params\":{\"returnRateLimits\":false,\"bogus\":1}}").params()));
        assertTrue(Params.returnRateLimits(null));
    }

    @Test
    void strings_requiredAndOptional() {
        assertEquals("BTC", params("{\"asset\":\"BTC\"}").requireString("asset"));
        assertNull(params("{}").optString("asset"));
        assertNull(params("{\"asset\":null}").optString("asset"));
        rejects("{}", p -> p.requireString("asset"), ErrorCode.MANDATORY_PARAM_MISSING, "asset");
        rejects("{\"asset\":\"\"}", p -> p.requireString("asset"), ErrorCode.MANDATORY_PARAM_MISSING, "asset");
        rejects("{\"asset\":null}", p -> p.requireString("asset"), ErrorCode.MANDATORY_PARAM_MISSING, "asset");
        rejects("{\"asset\":5}", p -> p.requireString("asset"), ErrorCode.BAD_PARAM_VALUE, "asset");
        rejects("{\"asset\":\"\"}", p -> p.optString("asset"), ErrorCode.BAD_PARAM_VALUE, "asset");
    }

    @Test
    void decimals_fromStringOrNumber_exactly() {
        assertEquals(new BigDecimal("0.1"), params("{\"amount\":0.1}").requireDecimal("amount"));
        assertEquals(new BigDecimal("0.10000000"), params("{\"amount\":0.10000000}").requireDecimal("amount"));
        assertEquals(new BigDecimal("12.5"), params("{\"amount\":\"12.5\"}").requireDecimal("amount"));
        assertEquals(new BigDecimal("7"), params("{\"amount\":7}").requireDecimal("amount"));
        assertEquals(new BigDecimal("123456789012345678901234567890"),
                params("{\"amount\":123456789012345678901234567890}").requireDecimal("amount"));
        assertNull(params("{}").optDecimal("amount"));
    }

    @Test
    void decimals_exponentOrPrecisionOrKind_rejected() {
        rejects("{\"amount\":1e3}", p -> p.requireDecimal("amount"), ErrorCode.BAD_PARAM_VALUE, "amount");
        rejects("{\"amount\":1.5E-2}", p -> p.requireDecimal("amount"), ErrorCode.BAD_PARAM_VALUE, "amount");
        rejects("{\"amount\":\"1e3\"}", p -> p.requireDecimal("amount"), ErrorCode.BAD_PARAM_VALUE, "amount");
        rejects("{\"amount\":\"NaN\"}", p -> p.optDecimal("amount"), ErrorCode.BAD_PARAM_VALUE, "amount");
        rejects("{\"amount\":0.123456789}", p -> p.requireDecimal("amount"), ErrorCode.BAD_PRECISION, "amount");
        rejects("{\"amount\":\"0.123456789\"}", p -> p.requireDecimal("amount"), ErrorCode.BAD_PRECISION, "amount");
        rejects("{\"amount\":true}", p -> p.requireDecimal("amount"), ErrorCode.BAD_PARAM_VALUE, "amount");
        rejects("{\"amount\":[1]}", p -> p.requireDecimal("amount"), ErrorCode.BAD_PARAM_VALUE, "amount");
        rejects("{}", p -> p.requireDecimal("amount"), ErrorCode.MANDATORY_PARAM_MISSING, "amount");
        rejects("{\"amount\":\"\"}", p -> p.requireDecimal("amount"), ErrorCode.MANDATORY_PARAM_MISSING, "amount");
    }

    @Test
    void longs_fromIntegerOrDigits() {
        assertEquals(1645423376532L, params("{\"limit\":1645423376532}").requireLong("limit"));
        assertEquals(500L, params("{\"limit\":\"500\"}").optLong("limit"));
        assertNull(params("{}").optLong("limit"));
        rejects("{\"limit\":5.0}", p -> p.requireLong("limit"), ErrorCode.BAD_PARAM_VALUE, "limit");
        rejects("{\"limit\":1e2}", p -> p.requireLong("limit"), ErrorCode.BAD_PARAM_VALUE, "limit");
        rejects("{\"limit\":\"12a\"}", p -> p.requireLong("limit"), ErrorCode.BAD_PARAM_VALUE, "limit");
        rejects("{\"limit\":99999999999999999999}", p -> p.requireLong("limit"), ErrorCode.BAD_PARAM_VALUE, "limit");
        rejects("{\"limit\":\"99999999999999999999\"}", p -> p.requireLong("limit"), ErrorCode.BAD_PARAM_VALUE, "limit");
        rejects("{}", p -> p.requireLong("limit"), ErrorCode.MANDATORY_PARAM_MISSING, "limit");
    }

    @Test
    void booleans_listsEnumsNodes() {
        assertEquals(Boolean.TRUE, params("{\"flag\":true}").optBoolean("flag"));
        assertEquals(Boolean.FALSE, params("{\"flag\":\"false\"}").optBoolean("flag"));
        assertNull(params("{}").optBoolean("flag"));
        rejects("{\"flag\":1}", p -> p.optBoolean("flag"), ErrorCode.BAD_PARAM_VALUE, "flag");
        assertEquals(List.of("a", "b"), params("{\"streams\":[\"a\",\"b\"]}").requireStringList("streams"));
        rejects("{\"streams\":[]}", p -> p.requireStringList("streams"), ErrorCode.MANDATORY_PARAM_MISSING, "streams");
        rejects("{\"streams\":\"a\"}", p -> p.requireStringList("streams"), ErrorCode.BAD_PARAM_VALUE, "streams");
        rejects("{\"streams\":[1]}", p -> p.requireStringList("streams"), ErrorCode.BAD_PARAM_VALUE, "streams");
        assertEquals(Side.SELL, params("{\"side\":\"SELL\"}").requireEnum("side", Side.class));
        assertNull(params("{}").optEnum("side", Side.class));
        rejects("{\"side\":\"sell\"}", p -> p.requireEnum("side", Side.class), ErrorCode.BAD_PARAM_VALUE, "side");
        rejects("{}", p -> p.requireEnum("side", Side.class), ErrorCode.MANDATORY_PARAM_MISSING, "side");
        assertTrue(params("{\"node\":{\"BTC\":\"0.25\"}}").optNode("node").isObject());
        assertNull(params("{\"node\":null}").optNode("node"));
    }
}
