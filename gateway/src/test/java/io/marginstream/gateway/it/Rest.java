package io.marginstream.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.marginstream.protocol.ProtocolJson;
import io.marginstream.protocol.auth.Ed25519;
import io.marginstream.protocol.binance.RestSigning;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A small Binance-style REST client for the integration tests (JDK HttpClient, keep-alive): signed calls with an
 * HMAC secret or an Ed25519 key, params in the query or in a form body, answers as status + headers + JSON.
 */
final class Rest {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** One answer. */
    record Answer(int status, HttpResponse<String> response, JsonNode json) {
        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        int code() {
            return json.path("code").asInt();
        }
    }

    private final int port;
    private final String apiKey;
    private final String secret;
    private final PrivateKey ed25519;

    Rest(int port, String apiKey, String secret) {
        this(port, apiKey, secret, null);
    }

    Rest(int port, String apiKey, String secret, PrivateKey ed25519) {
        this.port = port;
        this.apiKey = apiKey;
        this.secret = secret;
        this.ed25519 = ed25519;
    }

    /** A signed call at {@code timestamp}, params in the query string. */
    Answer signed(String method, String path, String query, long timestamp) {
        String q = ed25519 == null ? RestSigning.signedQuery(secret, query, timestamp) : edSigned(query, timestamp);
        return send(method, path, q, null, null);
    }

    /** A signed call at {@code timestamp}, params in a form body (as ccxt and python-binance send POSTs). */
    Answer signedForm(String method, String path, String body, long timestamp) {
        return send(method, path, "", RestSigning.signedQuery(secret, body, timestamp),
                "application/x-www-form-urlencoded");
    }

    private String edSigned(String query, long timestamp) {
        String withTime = (query.isEmpty() ? "" : query + "&") + "timestamp=" + timestamp;
        return withTime + "&signature=" + URLEncoder.encode(Ed25519.sign(ed25519, withTime), StandardCharsets.UTF_8);
    }

    /** A raw call: the query and body exactly as given, the API key header when this client has one. */
    Answer send(String method, String path, String query, String body, String contentType) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path
                + (query == null || query.isEmpty() ? "" : "?" + query))).timeout(Duration.ofSeconds(10));
        if (apiKey != null) {
            b.header("X-MBX-APIKEY", apiKey);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("application/json", r.headers().firstValue("content-type").orElse(null),
                    () -> "content type of " + method + " " + path + ": " + r.body());
            return new Answer(r.statusCode(), r, ProtocolJson.mapper().readTree(r.body()));
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A signed call that must succeed; returns the JSON. */
    JsonNode ok(String method, String path, String query, long timestamp) {
        Answer a = signed(method, path, query, timestamp);
        assertEquals(200, a.status(), () -> method + " " + path + " failed: " + a.json());
        return a.json();
    }
}
