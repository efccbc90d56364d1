package io.marginstream.client;

import io.marginstream.protocol.auth.Ed25519;
import io.marginstream.protocol.auth.HmacSha256;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.Objects;

/**
 * An API key and what signs with it (PROTOCOL.md §3): an HMAC-SHA256 secret or an Ed25519 private key. The secret
 * never appears in {@link #toString()}, so credentials can be logged without leaking.
 */
public sealed interface Credentials {

    String apiKey();

    /** The {@code signature} param for a signing payload (hex for HMAC, base64 for Ed25519). */
    String sign(String payload);

    static Credentials hmac(String apiKey, String secret) {
        return new Hmac(apiKey, secret);
    }

    static Credentials ed25519(String apiKey, PrivateKey key) {
        return new Ed25519Key(apiKey, key);
    }

    /**
     * Reads an Ed25519 private key file: base64 of the PKCS#8 DER (or of the raw 32-byte seed), optionally wrapped
     * in {@code -----BEGIN PRIVATE KEY-----} lines.
     */
    static Credentials ed25519(String apiKey, Path keyFile) throws IOException {
        String text = Files.readString(keyFile, StandardCharsets.US_ASCII);
        StringBuilder b64 = new StringBuilder();
        for (String line : text.split("\\R")) {
            if (!line.startsWith("-----")) {
                b64.append(line.trim());
            }
        }
        try {
            return new Ed25519Key(apiKey, Ed25519.parsePrivateKey(b64.toString()));
        } catch (IllegalArgumentException e) {
            throw new IOException(keyFile + " does not hold an Ed25519 private key (base64 PKCS#8): "
                    + e.getMessage(), e);
        }
    }

    /** An HMAC-SHA256 key. */
    record Hmac(String apiKey, String secret) implements Credentials {
        public Hmac {
            Objects.requireNonNull(apiKey, "apiKey");
            Objects.requireNonNull(secret, "secret");
        }

        @Override
        public String sign(String payload) {
            return HmacSha256.sign(secret, payload);
        }

        @Override
        public String toString() {
            return "Hmac[apiKey=" + apiKey + ", secret=***]";
        }
    }

    /** An Ed25519 key. */
    record Ed25519Key(String apiKey, PrivateKey privateKey) implements Credentials {
        public Ed25519Key {
            Objects.requireNonNull(apiKey, "apiKey");
            Objects.requireNonNull(privateKey, "privateKey");
        }

        @Override
        public String sign(String payload) {
            return Ed25519.sign(privateKey, payload);
        }

        @Override
        public String toString() {
            return "Ed25519[apiKey=" + apiKey + ", privateKey=***]";
        }
    }
}
