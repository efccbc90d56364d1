package io.marginstream.protocol.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marginstream.protocol.ProtocolJson;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SigningTest {
    private static final String SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
    private static final String PAYLOAD = "apiKey=vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A"
            + "&price=52000.00&quantity=0.01000000&recvWindow=100&side=SELL&symbol=BTCUSDT&timeInForce=GTC"
            + "&timestamp=1645423376532&type=LIMIT";
    private static final String SIGNATURE = "aa1b5712c094bc4e57c05a1a5c1fd8d88dcd628338ea863fec7b88e59fe2db24";

    @Test
    void hmac_publishedVector_signsAndVerifies() {
        assertEquals(SIGNATURE, HmacSha256.sign(SECRET, PAYLOAD));
        assertTrue(HmacSha256.verify(SECRET, PAYLOAD, SIGNATURE));
        assertTrue(HmacSha256.verify(SECRET, PAYLOAD, SIGNATURE.toUpperCase()));
    }

    @Test
    void hmac_wrongOrMalformedSignature_isFalse() {
        assertFalse(HmacSha256.verify(SECRET, PAYLOAD + "x", SIGNATURE));
        assertFalse(HmacSha256.verify(SECRET, PAYLOAD, SIGNATURE.substring(1)));
        assertFalse(HmacSha256.verify(SECRET, PAYLOAD, "zz" + SIGNATURE.substring(2)));
        assertFalse(HmacSha256.verify(SECRET, PAYLOAD, null));
        assertFalse(HmacSha256.verify(SECRET, PAYLOAD, ""));
    }

    @Test
    void payload_fromMap_sortedWithoutSignature() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("timestamp", "1700000000000");
        p.put("signature", "abc");
        p.put("recvWindow", "5000");
        p.put("apiKey", "K");
        assertEquals("apiKey=K&recvWindow=5000&timestamp=1700000000000", SignaturePayload.of(p));
    }

    @Test
    void payload_fromRequestParams_usesValuesAsSent() {
        String request = "{\"id\":1,\"method\":\"session.logon\",\"params\":{\"symbol\":\"BTCUSDT\",\"side\":\"SELL\","
                + "\"type\":\"LIMIT\",\"timeInForce\":\"GTC\",\"quantity\":0.01000000,\"price\":\"52000.00\","
                + "\"recvWindow\":100,\"timestamp\":1645423376532,"
                + "\"apiKey\":\"vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A\","
                + "\"signature\":\"" + SIGNATURE + "\"}}";
        String payload = SignaturePayload.of(ProtocolJson.parseRequest(request).params());
        assertEquals(PAYLOAD, payload);
        assertTrue(HmacSha256.verify(SECRET, payload, SIGNATURE));
        String exp = "{\"id\":1,\"method\":\"m\",\"params\":{\"b\":1.50E+2,\"a\":true,\"c\":-0.0}}";
        assertEquals("a=true&b=1.50E+2&c=-0.0", SignaturePayload.of(ProtocolJson.parseRequest(exp).params()));
    }

    @Test
    void ed25519_rawAndDerKeys_signAndVerify() {
        KeyPair kp = Ed25519.generate();
        String der = Ed25519.publicKeyBase64(kp.getPublic());
        byte[] derBytes = Base64.getDecoder().decode(der);
        String raw = Base64.getEncoder().encodeToString(Arrays.copyOfRange(derBytes, derBytes.length - 32, derBytes.length));
        String payload = "apiKey=K&recvWindow=5000&timestamp=1700000000000";
        String sig = Ed25519.sign(kp.getPrivate(), payload);
        for (String encoded : new String[] {der, raw}) {
            PublicKey pub = Ed25519.parsePublicKey(encoded);
            assertTrue(Ed25519.verify(pub, payload, sig));
            assertFalse(Ed25519.verify(pub, payload + "&x=1", sig));
            assertFalse(Ed25519.verify(pub, payload, "not base64!"));
            assertFalse(Ed25519.verify(pub, payload, Base64.getEncoder().encodeToString(new byte[10])));
            assertFalse(Ed25519.verify(pub, payload, null));
        }
        assertFalse(Ed25519.verify(Ed25519.generate().getPublic(), payload, sig));
    }

    @Test
    void ed25519_privateKeyRoundTrip_rawSeedAndPkcs8() {
        KeyPair kp = Ed25519.generate();
        String pkcs8 = Ed25519.privateKeyBase64(kp.getPrivate());
        byte[] bytes = Base64.getDecoder().decode(pkcs8);
        String seed = Base64.getEncoder().encodeToString(Arrays.copyOfRange(bytes, bytes.length - 32, bytes.length));
        String sig1 = Ed25519.sign(Ed25519.parsePrivateKey(pkcs8), "p");
        String sig2 = Ed25519.sign(Ed25519.parsePrivateKey(seed), "p");
        assertTrue(Ed25519.verify(kp.getPublic(), "p", sig1));
        assertTrue(Ed25519.verify(kp.getPublic(), "p", sig2));
    }

    @Test
    void ed25519_malformedKeys_areIllegalArgument() {
        assertThrows(IllegalArgumentException.class, () -> Ed25519.parsePublicKey("not base64!"));
        assertThrows(IllegalArgumentException.class, () -> Ed25519.parsePublicKey(
                Base64.getEncoder().encodeToString(new byte[31])));
        assertThrows(IllegalArgumentException.class, () -> Ed25519.parsePublicKey(
                Base64.getEncoder().encodeToString(new byte[44])));
        assertThrows(IllegalArgumentException.class, () -> Ed25519.parsePublicKey(null));
        assertThrows(IllegalArgumentException.class, () -> Ed25519.parsePrivateKey("AAAA"));
    }
}
