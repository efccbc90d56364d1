package io.marginstream.client;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with "full jitter": attempt {@code n} (from 1) waits a uniformly random time in
 * {@code [0, min(max, initial·2^(n-1))]}, never less than {@code initial / 2}. Jitter keeps a thousand clients that
 * lost the same server from reconnecting in lockstep.
 *
 * @param initial first ceiling
 * @param max     largest ceiling
 */
public record Backoff(Duration initial, Duration max) {
    public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(30));

    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, got " + initial + ", " + max);
        }
    }

    /** The delay before attempt {@code attempt} (≥ 1), with {@code random} giving values in [0, 1). */
    public Duration delay(int attempt, DoubleSupplier random) {
        long ceiling = initial.toMillis() << Math.min(20, Math.max(0, attempt - 1));
        ceiling = Math.min(ceiling, max.toMillis());
        long floor = initial.toMillis() / 2;
        return Duration.ofMillis(floor + (long) (random.getAsDouble() * Math.max(0, ceiling - floor)));
    }
}
