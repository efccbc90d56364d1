package io.marginstream.gateway.engine;

import java.math.BigDecimal;

/** A one-way position of one account on one symbol: signed amount and entry price, exact. Engine thread only. */
final class Position {
    final int symbol;
    BigDecimal amount;
    BigDecimal entryPrice;

    Position(int symbol, BigDecimal amount, BigDecimal entryPrice) {
        this.symbol = symbol;
        this.amount = amount;
        this.entryPrice = entryPrice;
    }
}
