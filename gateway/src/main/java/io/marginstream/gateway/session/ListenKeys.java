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
 * <p>On a cluster's gateway nodes a client may open its key on one node and connect its stream to another: every
 * change is handed to a {@link Replication} (cluster mode broadcasts it to the other nodes, which
 * {@linkplain #applyRemote apply} it), so each node knows every active key.
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

    /** Where a node's changes of keys go (the other nodes of a cluster); called after each change, never blocks. */
    public interface Replication {
        /** {@code key} was opened or kept alive here. */
        void changed(Key key);

        /** {@code key} was closed or revoked here. */
        void ended(Key key);

        Replication NONE = new Replication() {
            @Override
            public void changed(Key key) {
            }

            @Override
            public void ended(Key key) {
            }
        };
    }

    private final SecureRandom random = new SecureRandom();
    private volatile Replication replication = Replication.NONE;
    private final Map<String, Key> byApiKey = new ConcurrentHashMap<>();
    private final Map<String, Key> byListenKey = new ConcurrentHashMap<>();

    /** Hands every later change to {@code r}; set before the server accepts connections. */
    public void replicate(Replication r) {
        this.replication = r;
    }

    /**
     * Another node opened or kept alive {@code k}: this node knows it too (a newer expiry of the same key wins; a
     * different key of the API key replaces the old one, whose sockets here are returned to be closed, or
     * {@code null}).
     */
    public Key applyRemote(Key k) {
        Key[] replaced = {null};
        byApiKey.compute(k.apiKey(), (a, old) -> {
            if (old != null && old.listenKey().equals(k.listenKey()) && old.expiresAt() >= k.expiresAt()) {
                return old;
            }
            if (old != null && !old.listenKey().equals(k.listenKey())) {
                replaced[0] = old;
                byListenKey.remove(old.listenKey(), old);
            }
            byListenKey.put(k.listenKey(), k);
            return k;
        });
        return replaced[0];
    }

    /** Another node closed {@code listenKey}: forgotten here too; returns it (its sockets close), or {@code null}. */
    public Key endRemote(String listenKey) {
        Key k = byListenKey.remove(listenKey);
        if (k != null) {
            byApiKey.remove(k.apiKey(), k);
        }
        return k;
    }

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
        replication.changed(k);
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
        replication.changed(k);
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
        replication.ended(k);
        return k;
    }

    /** Ends the listenKey of {@code apiKey} (the key was disabled); returns it, or {@code null} when it had none. */
    Key revoke(String apiKey) {
        Key k = byApiKey.remove(apiKey);
        if (k != null) {
            byListenKey.remove(k.listenKey());
            replication.ended(k);
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
