package io.marginstream.protocol.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Ed25519 request signatures (PROTOCOL.md §3): base64 of the signature of the payload's UTF-8 bytes. Keys are
 * base64 of X.509 DER (public) / PKCS#8 DER (private) or of the raw 32 bytes. Uses the JDK's built-in provider.
 * Stateless and thread-safe.
 */
public final class Ed25519 {
    private static final String ALGORITHM = "Ed25519";
    private static final int RAW_KEY_LENGTH = 32;
    private static final int SIGNATURE_LENGTH = 64;
    /** Characters of the padded base64 of 64 bytes. */
    private static final int SIGNATURE_BASE64_LENGTH = 88;
    /** X.509 SubjectPublicKeyInfo prefix of an Ed25519 key (OID 1.3.101.112), followed by the raw 32 bytes. */
    private static final byte[] X509_PREFIX = hex("302a300506032b6570032100");
    /** PKCS#8 PrivateKeyInfo prefix of an Ed25519 key, followed by the raw 32-byte seed. */
    private static final byte[] PKCS8_PREFIX = hex("302e020100300506032b657004220420");

    private Ed25519() {
    }

    /**
     * Parses a public key from base64 of its X.509 DER encoding or of its raw 32 bytes.
     *
     * @throws IllegalArgumentException when the text is not such a key
     */
    public static PublicKey parsePublicKey(String base64) {
        byte[] der = toDer(decode(base64, "public key"), X509_PREFIX);
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("Not an Ed25519 public key (X.509 DER or raw 32 bytes, base64).", e);
        }
    }

    /**
     * Parses a private key from base64 of its PKCS#8 DER encoding or of its raw 32-byte seed.
     *
     * @throws IllegalArgumentException when the text is not such a key
     */
    public static PrivateKey parsePrivateKey(String base64) {
        byte[] der = toDer(decode(base64, "private key"), PKCS8_PREFIX);
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("Not an Ed25519 private key (PKCS#8 DER or raw 32 bytes, base64).", e);
        }
    }

    /** Base64 of the Ed25519 signature of the payload's UTF-8 bytes. */
    public static String sign(PrivateKey key, String payload) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initSign(key);
            s.update(payload.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("Not an Ed25519 private key.", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available", e);
        }
    }

    /**
     * Whether the base64 signature is valid for the payload; {@code false} when it is malformed or null. Only the
     * canonical base64 of the 64 bytes counts ({@link #signatureBytes}), so one signature has one spelling.
     */
    public static boolean verify(PublicKey key, String payload, String base64Signature) {
        byte[] sig = signatureBytes(base64Signature);
        if (sig == null) {
            return false;
        }
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initVerify(key);
            s.update(payload.getBytes(StandardCharsets.UTF_8));
            return s.verify(sig);
        } catch (InvalidKeyException | SignatureException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available", e);
        }
    }

    /**
     * The 64 bytes of a signature given as canonical base64 — standard alphabet, padded, no whitespace, unused
     * trailing bits zero: exactly what {@link #sign} writes — or {@code null} for any other text.
     */
    public static byte[] signatureBytes(String base64Signature) {
        if (base64Signature == null || base64Signature.length() != SIGNATURE_BASE64_LENGTH) {
            return null;
        }
        byte[] sig;
        try {
            sig = Base64.getDecoder().decode(base64Signature);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (sig.length != SIGNATURE_LENGTH || !Base64.getEncoder().encodeToString(sig).equals(base64Signature)) {
            return null;
        }
        return sig;
    }

    /** A fresh random key pair. */
    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available", e);
        }
    }

    /** Base64 of the key's X.509 DER encoding, the form {@link #parsePublicKey} reads. */
    public static String publicKeyBase64(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /** Base64 of the key's PKCS#8 DER encoding, the form {@link #parsePrivateKey} reads. */
    public static String privateKeyBase64(PrivateKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    private static byte[] decode(String base64, String what) {
        if (base64 == null) {
            throw new IllegalArgumentException("Ed25519 " + what + " is missing.");
        }
        try {
            return Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Ed25519 " + what + " is not valid base64.", e);
        }
    }

    private static byte[] toDer(byte[] bytes, byte[] prefix) {
        if (bytes.length != RAW_KEY_LENGTH) {
            return bytes;
        }
        byte[] der = new byte[prefix.length + RAW_KEY_LENGTH];
        System.arraycopy(prefix, 0, der, 0, prefix.length);
        System.arraycopy(bytes, 0, der, prefix.length, RAW_KEY_LENGTH);
        return der;
    }

    private static byte[] hex(String s) {
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
