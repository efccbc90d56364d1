package io.marginstream.protocol.binance;

/**
 * The params of {@code GET /papi/v1/um/allOrders} and {@code /cm/allOrders} (§12): the symbol (required, as
 * Binance), orders from {@code orderId} on (else the most recent), placed within {@code startTime..endTime}
 * (inclusive), at most {@code limit} (1–1000, default 500). Immutable.
 */
public record OrderListParams(String symbol, Long orderId, Long startTime, Long endTime, int limit) {
    public static final int DEFAULT_LIMIT = 500;
    public static final int MAX_LIMIT = 1000;

    public static OrderListParams from(RestParams p) {
        String symbol = NewOrderParams.symbol(p);
        Long orderId = p.optLong("orderId");
        Long start = p.optLong("startTime");
        Long end = p.optLong("endTime");
        if (start != null && end != null && start > end) {
            throw RestParams.badValue("startTime", "must not be after endTime");
        }
        Long limit = p.optLong("limit");
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            throw RestParams.badValue("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return new OrderListParams(symbol, orderId, start, end, limit == null ? DEFAULT_LIMIT : limit.intValue());
    }
}
