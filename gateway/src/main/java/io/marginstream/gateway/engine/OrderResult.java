package io.marginstream.gateway.engine;

import java.math.BigDecimal;

/** The filled order of {@code order.place} (PROTOCOL.md §4.6): {@code type} MARKET, {@code status} FILLED. */
public record OrderResult(long orderId, String clientOrderId, String symbol, String side, String type,
                          String status, BigDecimal executedQty, BigDecimal avgPrice, long updateTime) {
}
