package io.marginstream.protocol.message;

import io.marginstream.protocol.Params;

/** {@code admin.feed} params: turn the simulated mark-price feed on or off. */
public record FeedParams(boolean enabled) {
    public static FeedParams from(Params p) {
        return new FeedParams(p.requireBoolean("enabled"));
    }
}
