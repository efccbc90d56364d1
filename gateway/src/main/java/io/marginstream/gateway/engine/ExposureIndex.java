package io.marginstream.gateway.engine;

import java.util.BitSet;

/**
 * The index symbol → PM accounts whose figures that symbol's mark moves, so that a mark change re-evaluates only
 * those accounts. It covers the configured (futures) symbols; an option position registers its underlying's
 * reference symbol, whose moves (and the surface's and the clock's) are what reprice it. Owned by the engine thread.
 */
final class ExposureIndex {
    private final BitSet[] bySymbol;
    private final BitSet touched = new BitSet();

    ExposureIndex(int symbolCount) {
        this.bySymbol = new BitSet[symbolCount];
        for (int s = 0; s < symbolCount; s++) {
            bySymbol[s] = new BitSet();
        }
    }

    /** Records the symbols of {@code mask} as the ones that move {@code a} (none unless it is in PM mode). */
    void reindex(Account a, long mask) {
        long next = a.portfolioMargin ? mask : 0;
        long diff = next ^ a.exposureMask;
        while (diff != 0) {
            int s = Long.numberOfTrailingZeros(diff);
            diff &= diff - 1;
            if ((next & (1L << s)) != 0) {
                bySymbol[s].set(a.index);
            } else {
                bySymbol[s].clear(a.index);
            }
        }
        a.exposureMask = next;
    }

    /** The indices of the accounts moved by any symbol of {@code symbolMask}; valid until the next call. */
    BitSet touchedBy(long symbolMask) {
        touched.clear();
        for (int s = 0; s < bySymbol.length; s++) {
            if ((symbolMask & (1L << s)) != 0) {
                touched.or(bySymbol[s]);
            }
        }
        return touched;
    }

    void clear() {
        for (BitSet b : bySymbol) {
            b.clear();
        }
    }
}
