package io.marginstream.gateway.ratelimit;

import java.util.function.LongSupplier;

/**
 * A token bucket for the per-connection message rate (§7: 20 per second, bursts of 50). Not thread-safe: one
 * connection's event loop owns it. Overflow-safe for any clock jump (a long pause or a clock set far ahead refills
 * it to full; a clock set back refills nothing). Two longs of state, so it costs nothing per idle session.
 */
public final class TokenBucket {
    private static final long SCALE = 1000;
    private final long capacityMilli;
    private final long perSecond;
    private final LongSupplier clockMs;
    private long tokensMilli;
    private long lastRefillMs;

    public TokenBucket(int perSecond, int burst, LongSupplier clockMs) {
        this.perSecond = perSecond;
        this.capacityMilli = (long) burst * SCALE;
        this.clockMs = clockMs;
        this.tokensMilli = capacityMilli;
        this.lastRefillMs = clockMs.getAsLong();
    }

    /** Takes one token if there is one. */
    public boolean tryTake() {
        long now = clockMs.getAsLong();
        long elapsed = now - lastRefillMs;
        if (elapsed > 0) {
            // a refill can at most fill the bucket: beyond that elapsed × perSecond could overflow
            long toFull = capacityMilli - tokensMilli;
            tokensMilli = perSecond > 0 && elapsed >= toFull / perSecond + 1 ? capacityMilli
                    : Math.min(capacityMilli, tokensMilli + elapsed * perSecond);
            lastRefillMs = now;
        }
        if (tokensMilli >= SCALE) {
            tokensMilli -= SCALE;
            return true;
        }
        return false;
    }
}
