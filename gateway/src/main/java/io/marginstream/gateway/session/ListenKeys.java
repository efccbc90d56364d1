package io.marginstream.gateway.session;

import io.marginstream.protocol.ApiException;
import io.marginstream.protocol.ErrorCode;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The listenKeys of the Binance-compatible user-data streams (PROTOCOL.md §11): one per API key, 64 random
 * alphanumerics, the same key while it is active, alive for {@link #LIFETIME_MS} after its last POST or PUT. A key
 * not kept alive expires; {@link SessionRegistry#sweep()} then tells its sockets ({@code listenKeyExpired}) and closes
 * them. Keys live in memory only: after a restart clients open new ones, as they do after any expiry.
 *
 * <p>Thread-safe: REST calls on any event loop, the sweep on one. Each key's state changes under the map's lock
 * for its API key.
 */
public final class ListenKeys {
    /** How long a key lives after its last POST or PUT. */
    public static final long LIFETIME_MS = 60 * 60_000L;
    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    /** An active key: who owns it and until when it lives. Immutable; a keep-alive replaces it. */
    public record Key(String listenKey, String apiKey, String accountId, long expiresAt) {
        boolean alive(long now) {
            return now < expiresAt;
        }
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Key> byApiKey = new ConcurrentHashMap<>();
    private final Map<String, Key> byListenKey = new ConcurrentHashMap<>();

    /** {@code POST}: the API key's active listenKey, extended, or a new one. */
    public Key open(String apiKey, String accountId, long now) {
        Key k = byApiKey.compute(apiKey, (a, old) -> {
            if (old != null && old.alive(now) && old.accountId().equals(accountId)) {
                return new Key(old.listenKey(), a, accountId, now + LIFETIME_MS);
            }
            // an expired old key stays in byListenKey until the sweep ends its sockets
            return new Key(newKey(), a, accountId, now + LIFETIME_MS);
        });
        byListenKey.put(k.listenKey(), k);
        return k;
    }

    /**
     * {@code PUT}: extends the API key's active listenKey by {@link #LIFETIME_MS}. {@code listenKey}, when sent,
     * must be that key.
     *
     * @throws ApiException {@code -1125} when the API key has no active key or another one was named
     */
    public Key keepAlive(String apiKey, String listenKey, long now) {
        Key k = byApiKey.computeIfPresent(apiKey, (a, old) -> old.alive(now) && matches(old, listenKey)
                ? new Key(old.listenKey(), a, old.accountId(), now + LIFETIME_MS) : old);
        if (k == null || !k.alive(now) || !matches(k, listenKey)) {
            throw unknown();
        }
        byListenKey.put(k.listenKey(), k);
        return k;
    }

    /**
     * {@code DELETE}: ends the API key's listenKey at once; returns it so that its sockets can be closed.
     *
     * @throws ApiException {@code -1125} when the API key has no active key or another one was named
     */
    public Key close(String apiKey, String listenKey, long now) {
        Key k = byApiKey.get(apiKey);
        if (k == null || !k.alive(now) || !matches(k, listenKey) || !byApiKey.remove(apiKey, k)) {
            throw unknown();
        }
        byListenKey.remove(k.listenKey());
        return k;
    }

    /** Ends the listenKey of {@code apiKey} (the key was disabled); returns it, or {@code null} when it had none. */
    Key revoke(String apiKey) {
        Key k = byApiKey.remove(apiKey);
        if (k != null) {
            byListenKey.remove(k.listenKey());
        }
        return k;
    }

    /** The active key {@code listenKey}, or {@code null} when unknown, closed or expired. */
    public Key find(String listenKey, long now) {
        Key k = listenKey == null ? null : byListenKey.get(listenKey);
        return k != null && k.alive(now) ? k : null;
    }

    /** Forgets every key that expired by {@code now} and returns them (the sweep closes their sockets). */
    List<Key> expire(long now) {
        List<Key> out = new ArrayList<>();
        for (Key k : byListenKey.values()) {
            if (!k.alive(now) && byListenKey.remove(k.listenKey(), k)) {
                byApiKey.remove(k.apiKey(), k);
                out.add(k);
            }
        }
        return out;
    }

    private static boolean matches(Key k, String listenKey) {
        return listenKey == null || listenKey.equals(k.listenKey());
    }

    /** {@code -1125}. */
    public static ApiException unknown() {
        return new ApiException(ErrorCode.UNKNOWN_LISTEN_KEY, ErrorCode.UNKNOWN_LISTEN_KEY.message());
    }

    private String newKey() {
        char[] c = new char[64];
        for (int i = 0; i < c.length; i++) {
            c[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(c);
    }
}
