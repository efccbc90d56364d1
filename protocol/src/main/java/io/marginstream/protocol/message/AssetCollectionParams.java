package io.marginstream.protocol.message;

import io.marginstream.protocol.Params;

/** {@code assetCollection} params: the one asset to collect ({@code BNB} is the engine's {@code -5001}). */
public record AssetCollectionParams(String asset) {
    public static AssetCollectionParams from(Params p) {
        return new AssetCollectionParams(Checks.asset(p.requireString("asset"), "asset"));
    }
}
