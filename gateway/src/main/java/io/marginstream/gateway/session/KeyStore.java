package io.marginstream.gateway.session;

import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.gateway.config.GatewayConfig.AccountConfig;
import io.marginstream.gateway.config.GatewayConfig.KeyConfig;
import io.marginstream.gateway.config.GatewayConfig.SyntheticAccountsConfig;
import io.marginstream.gateway.ratelimit.Cidr;
import io.marginstream.protocol.auth.Ed25519;
import io.marginstream.protocol.auth.HmacSha256;
import io.marginstream.protocol.message.Permission;

import java.net.InetAddress;
import java.security.PublicKey;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The API keys of §3: those of the configured accounts, and the synthetic load-test keys ({@code idPrefix + i},
 * secret {@code hex(HMAC-SHA256(secretSeed, apiKey))}), derived on lookup rather than stored, so 19,000 synthetic
 * accounts cost nothing here. Keys can be disabled at run time; a disabled key is unknown to logon and its sessions
 * lose their authorization at their next request. Thread-safe.
 */
public final class KeyStore {
    private static final Set<Permission> SYNTHETIC_PERMISSIONS = Set.of(Permission.READ, Permission.TRANSFER,
            Permission.TRADE);

    /**
     * An API key as logs show it, as the dashboard does: the first 8 and last 4 characters of a long key
     * ({@code Rmr0RKdF…9c9W}), only the first quarter of one of 16 characters or fewer.
     */
    public static String masked(String apiKey) {
        int n = apiKey.length();
        return n > 16 ? apiKey.substring(0, 8) + "…" + apiKey.substring(n - 4) : apiKey.substring(0, n / 4) + "…";
    }

    /** One API key: the account it acts for, its verifier (HMAC secret or Ed25519 key), permissions, whitelist. */
    public record ApiKey(String apiKey, String accountId, String secret, PublicKey ed25519,
                         Set<Permission> permissions, List<Cidr> ipWhitelist) {
        /** Whether {@code address} may use this key (an empty whitelist allows every address). */
        public boolean allows(InetAddress address) {
            if (ipWhitelist.isEmpty()) {
                return true;
            }
            for (Cidr c : ipWhitelist) {
                if (c.contains(address)) {
                    return true;
                }
            }
            return false;
        }

        /** Whether {@code signature} signs {@code payload} with this key. */
        public boolean verify(String payload, String signature) {
            return secret != null ? HmacSha256.verify(secret, payload, signature)
                    : Ed25519.verify(ed25519, payload, signature);
        }

        /**
         * The bytes of a signature that {@link #verify} accepted, as lower-case hex: one value however the
         * signature was spelled (HMAC hex in either case), so the replay check cannot be passed by respelling.
         */
        public String signatureId(String signature) {
            return secret != null ? signature.toLowerCase(Locale.ROOT)
                    : HexFormat.of().formatHex(Ed25519.signatureBytes(signature));
        }
    }

    private final Map<String, ApiKey> configured;
    private final SyntheticAccountsConfig synthetic;
    private final Set<String> disabled = ConcurrentHashMap.newKeySet();

    public KeyStore(GatewayConfig config) {
        Map<String, ApiKey> keys = new HashMap<>();
        for (AccountConfig a : config.accounts()) {
            for (KeyConfig k : a.keys()) {
                PublicKey pk = k.ed25519PublicKey() == null ? null : Ed25519.parsePublicKey(k.ed25519PublicKey());
                Set<Permission> permissions = k.permissions().stream().map(Permission::valueOf)
                        .collect(Collectors.toUnmodifiableSet());
                keys.put(k.apiKey(), new ApiKey(k.apiKey(), a.id(), k.secret(), pk, permissions,
                        k.ipWhitelist().stream().map(Cidr::parse).toList()));
                if (!k.enabled()) {
                    disabled.add(k.apiKey());
                }
            }
        }
        this.configured = Map.copyOf(keys);
        this.synthetic = config.syntheticAccounts();
    }

    /** The enabled key {@code apiKey}, or {@code null} when unknown or disabled. */
    public ApiKey find(String apiKey) {
        if (disabled.contains(apiKey)) {
            return null;
        }
        ApiKey k = configured.get(apiKey);
        if (k != null) {
            return k;
        }
        int i = syntheticIndex(apiKey);
        if (i < 0) {
            return null;
        }
        return new ApiKey(apiKey, apiKey, syntheticSecret(synthetic.secretSeed(), apiKey), null,
                SYNTHETIC_PERMISSIONS, List.of());
    }

    /** Whether {@code apiKey} exists and is enabled. */
    public boolean isActive(String apiKey) {
        return !disabled.contains(apiKey);
    }

    /** Disables a key: logons with it fail and sessions using it lose their authorization at their next request. */
    public void disable(String apiKey) {
        disabled.add(apiKey);
    }

    /** Re-enables a key disabled with {@link #disable} or in the config. */
    public void enable(String apiKey) {
        disabled.remove(apiKey);
    }

    /** The secret of synthetic key {@code apiKey}: lower-case hex of HMAC-SHA256(secretSeed, apiKey). */
    public static String syntheticSecret(String secretSeed, String apiKey) {
        return HmacSha256.sign(secretSeed, apiKey);
    }

    private int syntheticIndex(String apiKey) {
        String prefix = synthetic.idPrefix();
        if (synthetic.count() == 0 || !apiKey.startsWith(prefix)) {
            return -1;
        }
        String rest = apiKey.substring(prefix.length());
        if (rest.isEmpty() || rest.length() > 9 || (rest.length() > 1 && rest.charAt(0) == '0')) {
            return -1;
        }
        int n = 0;
        for (int i = 0; i < rest.length(); i++) {
            char ch = rest.charAt(i);
            if (ch < '0' || ch > '9') {
                return -1;
            }
            n = n * 10 + (ch - '0');
        }
        return n < synthetic.count() ? n : -1;
    }
}
