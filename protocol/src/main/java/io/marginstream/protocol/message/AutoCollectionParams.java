package io.marginstream.protocol.message;

import io.marginstream.protocol.Params;

/**
 * {@code autoCollection} params (PROTOCOL.md §4.4).
 *
 * @param clientTranId 1–36 characters, or {@code null}
 */
public record AutoCollectionParams(String clientTranId) {
    public static AutoCollectionParams from(Params p) {
        return new AutoCollectionParams(Checks.clientId(p.optString("clientTranId"), "clientTranId"));
    }
}
