package io.marginstream.client;

import io.marginstream.protocol.ApiException;
import io.marginstream.protocol.ErrorCode;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorHintsTest {

    @Test
    void everyErrorCode_hasAHint() {
        for (ErrorCode c : ErrorCode.values()) {
            assertFalse(ErrorHints.hint(c).isBlank(), c.name());
        }
    }

    @Test
    void explain_startsWithCodeMessageAndStatus() {
        String text = ErrorHints.explain(ApiException.of(ErrorCode.INSUFFICIENT_BALANCE));
        assertTrue(text.startsWith("-2018 Balance is insufficient. (status 400)"), text);
    }

    @Test
    void explain_namesTheRetryTime() {
        ApiException e = new ApiException(ErrorCode.USE_LIMIT_REACHED, 429, "Auto-collection limit reached.",
                Map.of("retryAfter", 1_700_006_400_000L));
        assertTrue(ErrorHints.explain(e).contains("retry after 2023-11-15T00:00:00Z"), ErrorHints.explain(e));
    }

    @Test
    void toApiException_keepsCodeStatusMessageAndData() {
        var error = io.marginstream.protocol.ProtocolJson.mapper().createObjectNode();
        error.put("code", -5003).put("msg", "Limit reached.").putObject("data").put("retryAfter", 5L);
        ApiException e = GatewayClient.toApiException(429, error);
        assertEquals(ErrorCode.USE_LIMIT_REACHED, e.code());
        assertEquals(429, e.status());
        assertEquals("Limit reached.", e.getMessage());
        assertEquals(5, ((Number) e.data().get("retryAfter")).intValue());
    }
}
