package io.marginstream.protocol.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 request signatures (PROTOCOL.md §3): hex of HMAC-SHA256(secret, payload), both UTF-8. Stateless and
 * thread-safe (a fresh {@link Mac} per call).
 */
public final class HmacSha256 {
    private static final String ALGORITHM = "HmacSHA256";
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final int SIGNATURE_HEX_LENGTH = 64;

    private HmacSha256() {
    }

    /** Lower-case hex of HMAC-SHA256(secret, payload). */
    public static String sign(String secret, String payload) {
        byte[] mac = mac(secret, payload);
        char[] out = new char[mac.length * 2];
        for (int i = 0; i < mac.length; i++) {
            out[2 * i] = HEX[(mac[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[mac[i] & 0xf];
        }
        return new String(out);
    }

    /**
     * Whether {@code hexSignature} (upper- or lower-case hex) is the HMAC of the payload; compared in constant
     * time; {@code false} when it is malformed or null.
     */
    public static boolean verify(String secret, String payload, String hexSignature) {
        if (hexSignature == null || hexSignature.length() != SIGNATURE_HEX_LENGTH) {
            return false;
        }
        byte[] given = new byte[SIGNATURE_HEX_LENGTH / 2];
        for (int i = 0; i < given.length; i++) {
            int hi = Character.digit(hexSignature.charAt(2 * i), 16);
            int lo = Character.digit(hexSignature.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                return false;
            }
            given[i] = (byte) ((hi << 4) | lo);
        }
        return MessageDigest.isEqual(mac(secret, payload), given);
    }

    private static byte[] mac(String secret, String payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
