package io.marginstream.protocol.binance;

import io.marginstream.protocol.ApiException;
import io.marginstream.protocol.ErrorCode;
import io.marginstream.protocol.auth.HmacSha256;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RestParamsTest {

    @Test
    void signaturePayload_isRawQueryPlusRawBody_withoutTheSignaturePair() {
        RestParams p = RestParams.parse("symbol=BTCUSDT&side=BUY&signature=abc", "quantity=0.01&timestamp=5");
        assertEquals("symbol=BTCUSDT&side=BUYquantity=0.01&timestamp=5", p.signaturePayload());
        assertEquals("abc", p.signature());
        RestParams body = RestParams.parse("", "timestamp=5&asset=USDT&signature=def");
        assertEquals("timestamp=5&asset=USDT", body.signaturePayload());
        assertEquals("def", body.signature());
    }

    @Test
    void valuesArePercentDecoded_butThePayloadKeepsTheRawBytes() {
        RestParams p = RestParams.parse("newClientOrderId=a%2Fb+c&x=%E2%82%AC", "");
        assertEquals("a/b c", p.optString("newClientOrderId"));
        assertEquals("\u20ac", p.optString("x"));
        assertEquals("newClientOrderId=a%2Fb+c&x=%E2%82%AC", p.signaturePayload());
    }

    @Test
    void signedQuery_verifiesOverItsOwnPayload() {
        String q = RestSigning.signedQuery("s3cret", "asset=BNB", 1700000000000L);
        RestParams p = RestParams.parse(q, "");
        assertTrue(HmacSha256.verify("s3cret", p.signaturePayload(), p.signature()));
        assertNull(p.values().get("signature"));
    }

    @Test
    void badInput_getsBinanceCodesNamingTheParameter() {
        assertCode(ErrorCode.DUPLICATE_PARAM, "symbol", () -> RestParams.parse("symbol=A", "symbol=B"));
        assertCode(ErrorCode.ILLEGAL_CHARS, "a", () -> RestParams.parse("a=%zz", ""));
        RestParams p = RestParams.parse("q=1.5e3&r=0.123456789&e=&t=12x&b=yes&n=7", "");
        assertCode(ErrorCode.ILLEGAL_CHARS, "q", () -> p.requireDecimal("q"));
        assertCode(ErrorCode.BAD_PRECISION, "r", () -> p.requireDecimal("r"));
        assertCode(ErrorCode.MANDATORY_PARAM_MISSING, "e", () -> p.requireDecimal("e"));
        assertCode(ErrorCode.MANDATORY_PARAM_MISSING, "missing", () -> p.requireString("missing"));
        assertCode(ErrorCode.MANDATORY_PARAM_MISSING, "t", () -> p.requireLong("t"));
        assertCode(ErrorCode.BAD_PARAM_VALUE, "b", () -> p.optBoolean("b"));
        assertEquals(7L, p.requireLong("n"));
        assertEquals(new BigDecimal("7"), p.requireDecimal("n"));
    }

    private static void assertCode(ErrorCode code, String named, Runnable r) {
        ApiException e = assertThrows(ApiException.class, r::run);
        assertEquals(code, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains("'" + named + "'"), e.getMessage());
    }
}
