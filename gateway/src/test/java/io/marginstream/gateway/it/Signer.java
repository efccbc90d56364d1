package io.marginstream.gateway.it;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginstream.protocol.ProtocolJson;
import io.marginstream.protocol.auth.Ed25519;
import io.marginstream.protocol.auth.HmacSha256;
import io.marginstream.protocol.auth.SignaturePayload;

import java.security.PrivateKey;

/** Builds signed {@code session.logon} params (§3). */
final class Signer {
    private Signer() {}

    static ObjectNode logonParams(String apiKey, long timestamp) {
        ObjectNode p = ProtocolJson.mapper().createObjectNode();
        p.put("apiKey", apiKey);
        p.put("timestamp", timestamp);
        return p;
    }

    static ObjectNode hmac(String apiKey, String secret, long timestamp) {
        ObjectNode p = logonParams(apiKey, timestamp);
        p.put("signature", HmacSha256.sign(secret, SignaturePayload.of(p)));
        return p;
    }

    static ObjectNode ed25519(String apiKey, PrivateKey key, long timestamp) {
        ObjectNode p = logonParams(apiKey, timestamp);
        p.put("signature", Ed25519.sign(key, SignaturePayload.of(p)));
        return p;
    }
}
