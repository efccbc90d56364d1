package io.marginstream.gateway.engine;

import java.math.BigDecimal;

/** The result of {@code transfer} (PROTOCOL.md §4.5); {@code status} is always {@code CONFIRMED}. */
public record TransferResult(long tranId, String asset, BigDecimal amount, String from, String to, String status) {
}
