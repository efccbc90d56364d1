package io.marginstream.protocol.message;

import io.marginstream.protocol.Params;

/**
 * {@code admin.advanceMarketTime} params (PROTOCOL.md §5.3a): how far to move the market clock forward.
 *
 * @param millis 1 ms to ten years
 */
public record AdvanceMarketTimeParams(long millis) {
    /** Ten years of 365 days, in ms. */
    public static final long MAX_MILLIS = 3650L * 86_400_000L;

    public static AdvanceMarketTimeParams from(Params p) {
        return new AdvanceMarketTimeParams(Checks.between(p.requireLong("millis"), 1L, MAX_MILLIS, "millis"));
    }
}
