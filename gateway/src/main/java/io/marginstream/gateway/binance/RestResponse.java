package io.marginstream.gateway.binance;

import java.util.Map;

/**
 * One REST answer: HTTP status, the JSON body, and the extra headers ({@code X-MBX-USED-WEIGHT-1M},
 * {@code X-MBX-ORDER-COUNT-1M}, {@code Retry-After}); the content type is always {@code application/json}.
 * Immutable.
 */
public record RestResponse(int status, byte[] body, Map<String, String> headers) {
    public RestResponse {
        headers = Map.copyOf(headers);
    }
}
