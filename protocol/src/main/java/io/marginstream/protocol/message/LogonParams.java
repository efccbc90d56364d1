package io.marginstream.protocol.message;

import io.marginstream.protocol.Params;

/**
 * {@code session.logon} params (PROTOCOL.md §3). The signature is checked over the raw params with
 * {@link io.marginstream.protocol.auth.SignaturePayload}, not over this record.
 *
 * @param recvWindow milliseconds, 1–60000, default 5000 (0 could never pass the window; GATEWAY.md)
 */
public record LogonParams(String apiKey, long timestamp, long recvWindow, String signature) {
    public static final long DEFAULT_RECV_WINDOW = 5000;
    public static final long MAX_RECV_WINDOW = 60000;

    public static LogonParams from(Params p) {
        String apiKey = p.requireString("apiKey");
        long timestamp = Checks.between(p.requireLong("timestamp"), 0L, Long.MAX_VALUE, "timestamp");
        Long recvWindow = Checks.between(p.optLong("recvWindow"), 1L, MAX_RECV_WINDOW, "recvWindow");
        String signature = p.requireString("signature");
        return new LogonParams(apiKey, timestamp, recvWindow == null ? DEFAULT_RECV_WINDOW : recvWindow, signature);
    }
}
