package io.marginstream.gateway.engine;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Conversions to and from the engine's figures scaled by 1e8 ({@code long}). Stateless. */
final class E8 {
    private E8() {}

    /**
     * {@code v} scaled by 1e8 and rounded; saturates at ±{@link Long#MAX_VALUE}, so {@link Long#MIN_VALUE} stays
     * free for {@link MarginSnapshot#NULL_RATIO}.
     *
     * @throws ArithmeticException for NaN or an infinity: a figure that broke, which must not be stored
     */
    static long of(double v) {
        if (!Double.isFinite(v)) {
            throw new ArithmeticException("a margin figure is not a finite number: " + v);
        }
        return Math.max(-Long.MAX_VALUE, Math.round(v * 1e8));
    }

    static long of(BigDecimal v) {
        return v.movePointRight(8).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    }

    /** The account's uniMMR as a decimal, {@code null} when it has no maintenance margin. */
    static BigDecimal ratio(Account a) {
        return a.uniMmrE8 == MarginSnapshot.NULL_RATIO ? null : BigDecimal.valueOf(a.uniMmrE8, 8);
    }
}
