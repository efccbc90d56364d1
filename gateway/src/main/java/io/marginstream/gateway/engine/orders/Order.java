package io.marginstream.gateway.engine.orders;

import io.marginstream.protocol.message.OrderType;
import io.marginstream.protocol.message.Side;
import io.marginstream.protocol.message.TimeInForce;

import java.math.BigDecimal;

/**
 * One accepted order, immutable: there are no partial fills, so an order is open until it fills in full, is
 * canceled or expires. {@code account} and {@code symbol} are engine indices.
 *
 * @param quantity      base units (UM) or contracts (CM); {@code null} for {@code closePosition}
 * @param price         the limit price of a {@code LIMIT} order, else {@code null}
 * @param stopPrice     the trigger of a {@code STOP_MARKET} / {@code TAKE_PROFIT_MARKET}, else {@code null}
 * @param closePosition closes the whole position when it triggers (stop types only; implies reduce-only)
 * @param time          when the order was placed (engine clock, ms)
 */
public record Order(long orderId, String clientOrderId, int account, int symbol, boolean buy, OrderType type,
                    TimeInForce timeInForce, BigDecimal quantity, BigDecimal price, BigDecimal stopPrice,
                    boolean reduceOnly, boolean closePosition, long time) {

    public Side side() {
        return buy ? Side.BUY : Side.SELL;
    }

    /** Whether orders of {@code type} wait for {@code stopPrice} and then fill at the mark. */
    public static boolean triggered(OrderType type) {
        return type == OrderType.STOP_MARKET || type == OrderType.TAKE_PROFIT_MARKET;
    }

    /** Whether the order may only shrink a position ({@code reduceOnly} or {@code closePosition}). */
    public boolean reducing() {
        return reduceOnly || closePosition;
    }

    /** The mark at which a resting order fires: the limit price of a {@code LIMIT}, else {@code stopPrice}. */
    public BigDecimal trigger() {
        return type == OrderType.LIMIT ? price : stopPrice;
    }

    /**
     * Whether the order fires once the mark is at or <em>below</em> {@link #trigger()} (a LIMIT BUY, a STOP_MARKET
     * SELL, a TAKE_PROFIT_MARKET BUY); otherwise it fires once the mark is at or above it.
     */
    public boolean firesAtOrBelow() {
        return switch (type) {
            case LIMIT, TAKE_PROFIT_MARKET -> buy;
            case STOP_MARKET -> !buy;
            case MARKET -> throw new IllegalStateException("a MARKET order never rests");
        };
    }

    /** Whether {@code mark} has reached the trigger. */
    public boolean crossedBy(BigDecimal mark) {
        int c = mark.compareTo(trigger());
        return firesAtOrBelow() ? c <= 0 : c >= 0;
    }
}
