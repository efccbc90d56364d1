package io.marginstream.gateway.engine;

import io.marginstream.gateway.engine.AccountEvent.OrderUpdated;
import io.marginstream.gateway.engine.margin.Market;
import io.marginstream.gateway.engine.orders.Order;
import io.marginstream.protocol.message.ExecutionType;
import io.marginstream.protocol.message.FuturesType;
import io.marginstream.protocol.message.OrderStatus;

import java.math.BigDecimal;

/**
 * The steps of an order's life as events and results: {@code ORDER_TRADE_UPDATE} for {@code NEW}, {@code TRADE}
 * (with the fill's {@code ACCOUNT_UPDATE}), {@code CANCELED} and {@code EXPIRED}; the {@link OrderResult} of an
 * order in any state; and the account's record of closed orders. Owned by the engine thread.
 */
final class OrderEvents {
    /** {@code reason} of a NEW or TRADE step. */
    static final String NONE = "NONE";
    /** Canceled by its owner ({@code order.cancel}, {@code order.cancelAll}). */
    static final String USER = "USER";
    /** Canceled by the liquidation before its first fill. */
    static final String LIQUIDATION = "LIQUIDATION";
    /** An IOC or FOK order that could not fill at once. */
    static final String NOT_MARKETABLE = "NOT_MARKETABLE";
    /** A reduce-only or close-position order that found no position to reduce. */
    static final String NO_POSITION = "NO_POSITION";
    /** An order that would grow a position triggered while the account was reduce-only. */
    static final String ACCOUNT_REDUCE_ONLY = "ACCOUNT_REDUCE_ONLY";
    /** A resting order on an option that settled (§5.3a): the option no longer trades. */
    static final String OPTION_SETTLED = "OPTION_SETTLED";

    private final Market market;
    private final BatchOutput output;
    private final Fills fills;

    OrderEvents(Market market, BatchOutput output, Fills fills) {
        this.market = market;
        this.output = output;
        this.fills = fills;
    }

    /** {@code x=NEW}: the order was accepted. */
    void accepted(Account a, Order o, long now) {
        emit(a, o, ExecutionType.NEW, OrderStatus.NEW, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
                BigDecimal.ZERO, false, NONE, now);
    }

    /**
     * {@code x=TRADE}, {@code X=FILLED}: {@code qty} filled at {@code price} (the position arithmetic is done), as
     * maker (a resting LIMIT at its price) or taker; then the fill's {@code ACCOUNT_UPDATE}; the order is recorded as
     * closed.
     */
    void filled(Account a, Order o, BigDecimal qty, BigDecimal price, BigDecimal realized, BigDecimal commission,
                boolean maker, long now) {
        emit(a, o, ExecutionType.TRADE, OrderStatus.FILLED, qty, price, realized, commission, maker, NONE, now);
        fills.emitAccountUpdate(a, o.symbol(), now);
        a.rememberClosed(result(o, OrderStatus.FILLED, qty, price, now));
    }

    /** {@code x=CANCELED} or {@code x=EXPIRED} (the status is the same word) for {@code reason}; recorded as closed. */
    void ended(Account a, Order o, OrderStatus status, String reason, long now) {
        ExecutionType x = status == OrderStatus.CANCELED ? ExecutionType.CANCELED : ExecutionType.EXPIRED;
        emit(a, o, x, status, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, false, reason,
                now);
        a.rememberClosed(result(o, status, BigDecimal.ZERO, BigDecimal.ZERO, now));
    }

    private void emit(Account a, Order o, ExecutionType x, OrderStatus status, BigDecimal qty, BigDecimal price,
                      BigDecimal realized, BigDecimal commission, boolean maker, String reason, long now) {
        int s = o.symbol();
        FuturesType fs = market.inverse[s] ? FuturesType.CM : FuturesType.UM;
        output.emit(a, new OrderUpdated(output.nextU(a), now, now, fs, market.symbolNames[s], o.clientOrderId(),
                o.side(), o.type(), o.timeInForce(), orZero(o.quantity()), orZero(o.price()), orZero(o.stopPrice()),
                x, status, o.orderId(), qty, price, qty, price, commission,
                market.assetNames[market.settlementAsset[s]], realized, maker, o.reduceOnly(), o.closePosition(),
                reason));
    }

    /** The order in {@code status}, {@code executed} at {@code avgPrice}, last changed at {@code updateTime}. */
    OrderResult result(Order o, OrderStatus status, BigDecimal executed, BigDecimal avgPrice, long updateTime) {
        return new OrderResult(o.orderId(), o.clientOrderId(), market.symbolNames[o.symbol()], o.side(),
                o.type(), status, executed, avgPrice, updateTime, o.timeInForce(), orZero(o.quantity()),
                orZero(o.price()), orZero(o.stopPrice()), o.reduceOnly(), o.closePosition(), o.time());
    }

    /** An open order as the queries show it. */
    OrderResult open(Order o) {
        return result(o, OrderStatus.NEW, BigDecimal.ZERO, BigDecimal.ZERO, o.time());
    }

    private static BigDecimal orZero(BigDecimal v) {
        return v == null ? BigDecimal.ZERO : v;
    }
}
