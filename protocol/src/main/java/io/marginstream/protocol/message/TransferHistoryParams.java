package io.marginstream.protocol.message;

import io.marginstream.protocol.Params;

/**
 * {@code transfer.history} params: an optional time range (ms, inclusive) and how many entries, newest first.
 *
 * @param limit 1–500, default 100
 */
public record TransferHistoryParams(Long startTime, Long endTime, int limit) {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 500;

    public static TransferHistoryParams from(Params p) {
        Long start = Checks.between(p.optLong("startTime"), 0L, Long.MAX_VALUE, "startTime");
        Long end = Checks.between(p.optLong("endTime"), 0L, Long.MAX_VALUE, "endTime");
        if (start != null && end != null && start > end) {
            throw Params.badValue("startTime", "must not be after endTime");
        }
        Long limit = Checks.between(p.optLong("limit"), 1L, MAX_LIMIT, "limit");
        return new TransferHistoryParams(start, end, limit == null ? DEFAULT_LIMIT : limit.intValue());
    }
}
