package io.marginstream.client;

/**
 * Tracks the {@code U} of one account's {@code userData} events (PROTOCOL.md §6): each journaled change takes the
 * next {@code U}, so a jump means events were missed, and a {@code U} lower than the last one means the server went
 * back to older state (a restart from an older snapshot or an in-memory gateway). Thread-safe; it only decides, the
 * caller reports.
 */
final class UpdateIds {
    /** What one {@code U} means. {@code expectedU} is set for a {@link Kind#GAP}. */
    record Outcome(Kind kind, long expectedU) {
        static final Outcome IN_ORDER = new Outcome(Kind.IN_ORDER, -1);
        static final Outcome RESET = new Outcome(Kind.RESET, -1);
    }

    enum Kind {
        /** The first, the next, or one already seen. */
        IN_ORDER,
        /** Beyond the next one: {@code expectedU … U-1} were missed. */
        GAP,
        /** Lower than the last one: the server's state went back. */
        RESET
    }

    private Long last;

    synchronized Outcome observe(long u) {
        Long prev = last;
        if (prev == null) {
            last = u;
            return Outcome.IN_ORDER;
        }
        if (u < prev) {
            last = u;
            return Outcome.RESET;
        }
        last = u;
        return u > prev + 1 ? new Outcome(Kind.GAP, prev + 1) : Outcome.IN_ORDER;
    }
}
