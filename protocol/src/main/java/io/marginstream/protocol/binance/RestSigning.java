package io.marginstream.protocol.binance;

import io.marginstream.protocol.auth.HmacSha256;

/**
 * The client side of §11's signing, for our own REST callers (load tester, tests): appends
 * {@code timestamp} and the lower-case hex HMAC-SHA256 of the query as its last pair, as Binance's clients do.
 * Stateless.
 */
public final class RestSigning {
    private RestSigning() {
    }

    /** {@code query&timestamp=<ms>&signature=<hex>}; {@code query} may be empty. */
    public static String signedQuery(String secret, String query, long timestamp) {
        String withTime = (query.isEmpty() ? "" : query + "&") + "timestamp=" + timestamp;
        return withTime + "&" + RestParams.SIGNATURE + "=" + HmacSha256.sign(secret, withTime);
    }
}
