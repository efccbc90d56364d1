package io.marginstream.gateway.session;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A session's stream subscriptions (§6). Created on the first {@code subscribe}; read and written only on the
 * session's event loop (the fan-out finds subscribers through the registry's indexes, then checks these flags there).
 */
final class Subscriptions {
    static final long DEFAULT_RATIO_INTERVAL_MS = 100;

    boolean userData;
    boolean marginRatio;
    long ratioIntervalMs = DEFAULT_RATIO_INTERVAL_MS;
    boolean markAll;
    TreeSet<String> markSymbols;

    /** The stream names, in a stable order. */
    List<String> names() {
        List<String> out = new ArrayList<>();
        if (userData) {
            out.add("userData");
        }
        if (marginRatio) {
            out.add("marginRatio");
        }
        if (markAll) {
            out.add("markPrice");
        }
        if (markSymbols != null) {
            for (String s : markSymbols) {
                out.add("markPrice@" + s);
            }
        }
        return out;
    }
}
