package io.marginstream.protocol.message;

import io.marginstream.protocol.Params;

/**
 * {@code allOrders} params: open and recently closed orders, newest first, optionally of one symbol and placed
 * within a time range (ms, inclusive).
 *
 * @param limit 1–1000, default 500 (the engine keeps the last 200 closed orders per account)
 */
public record AllOrdersParams(String symbol, Long startTime, Long endTime, int limit) {
    public static final int DEFAULT_LIMIT = 500;
    public static final int MAX_LIMIT = 1000;

    public static AllOrdersParams from(Params p) {
        String symbol = Checks.symbol(p.optString("symbol"), "symbol");
        Long start = Checks.between(p.optLong("startTime"), 0L, Long.MAX_VALUE, "startTime");
        Long end = Checks.between(p.optLong("endTime"), 0L, Long.MAX_VALUE, "endTime");
        if (start != null && end != null && start > end) {
            throw Params.badValue("startTime", "must not be after endTime");
        }
        Long limit = Checks.between(p.optLong("limit"), 1L, MAX_LIMIT, "limit");
        return new AllOrdersParams(symbol, start, end, limit == null ? DEFAULT_LIMIT : limit.intValue());
    }
}
