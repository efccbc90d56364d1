package io.marginstream.protocol.message;

import io.marginstream.protocol.Params;
import java.util.List;

/**
 * {@code subscribe} params (PROTOCOL.md §6).
 *
 * @param streams    1–{@value #MAX_STREAMS} stream names, each {@link Streams#isSubscribable}
 * @param intervalMs the {@code marginRatio} interval, 0–60000 ms (0 = every change), or {@code null} for the
 *                   default (100)
 */
public record SubscribeParams(List<String> streams, Long intervalMs) {
    public static final int MAX_STREAMS = 100;
    public static final long DEFAULT_INTERVAL_MS = 100;
    public static final long MAX_INTERVAL_MS = 60000;

    public SubscribeParams {
        streams = List.copyOf(streams);
    }

    public static SubscribeParams from(Params p) {
        List<String> streams = streamNames(p);
        Long intervalMs = Checks.between(p.optLong("intervalMs"), 0L, MAX_INTERVAL_MS, "intervalMs");
        return new SubscribeParams(streams, intervalMs);
    }

    static List<String> streamNames(Params p) {
        List<String> streams = p.requireStringList("streams");
        if (streams.size() > MAX_STREAMS) {
            throw Params.badValue("streams", "must list at most " + MAX_STREAMS + " streams");
        }
        for (String s : streams) {
            if (!Streams.isSubscribable(s)) {
                throw Params.badValue("streams", "names an unknown stream '" + shorten(s) + "'");
            }
        }
        return streams;
    }

    private static String shorten(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "...";
    }
}
