package io.marginstream.gateway.netty;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.util.Base64;
import java.util.List;

/**
 * The checks of RFC 6455 §4.2.1 on a request for a WebSocket path, made before the upgrade is charged to the IP or
 * allocates anything: {@code GET}, {@code Upgrade: websocket}, {@code Connection: Upgrade}, version 13, and one
 * {@code Sec-WebSocket-Key} that is the canonical base64 of 16 bytes. Stateless.
 */
final class WebSocketUpgrade {
    /** Why a request is not an acceptable upgrade: the HTTP status and a one-line reason. */
    record Refusal(HttpResponseStatus status, String reason) {}

    private static final int KEY_BYTES = 16;
    private static final int KEY_BASE64_LENGTH = 24;

    private WebSocketUpgrade() {}

    /** The refusal of {@code req}, or {@code null} when it is a well-formed upgrade. */
    static Refusal check(HttpRequest req) {
        HttpHeaders h = req.headers();
        if (!req.method().equals(HttpMethod.GET)) {
            return new Refusal(HttpResponseStatus.METHOD_NOT_ALLOWED, "a WebSocket upgrade must be a GET");
        }
        if (!h.containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)
                || !h.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)) {
            return new Refusal(HttpResponseStatus.BAD_REQUEST,
                    "this path takes WebSocket upgrades only (Upgrade: websocket, Connection: Upgrade)");
        }
        if (!"13".equals(h.get(HttpHeaderNames.SEC_WEBSOCKET_VERSION))) {
            return new Refusal(HttpResponseStatus.UPGRADE_REQUIRED, "Sec-WebSocket-Version must be 13");
        }
        List<String> keys = h.getAll(HttpHeaderNames.SEC_WEBSOCKET_KEY);
        if (keys.size() != 1 || !validKey(keys.get(0))) {
            return new Refusal(HttpResponseStatus.BAD_REQUEST,
                    "Sec-WebSocket-Key must be one base64-encoded 16-byte value");
        }
        return null;
    }

    private static boolean validKey(String key) {
        if (key.length() != KEY_BASE64_LENGTH) {
            return false;
        }
        try {
            byte[] nonce = Base64.getDecoder().decode(key);
            return nonce.length == KEY_BYTES && Base64.getEncoder().encodeToString(nonce).equals(key);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
