package io.marginstream.client.load;

import io.marginstream.client.Credentials;
import io.marginstream.protocol.auth.HmacSha256;

/**
 * The keys of the gateway's {@code syntheticAccounts} (PROTOCOL.md §10): key {@code i} is {@code idPrefix + i} with
 * secret {@code hex(HMAC-SHA256(secretSeed, apiKey))}.
 */
public final class SyntheticKeys {
    private SyntheticKeys() {}

    public static Credentials credentials(String idPrefix, String secretSeed, int index) {
        String apiKey = idPrefix + index;
        return Credentials.hmac(apiKey, HmacSha256.sign(secretSeed, apiKey));
    }
}
