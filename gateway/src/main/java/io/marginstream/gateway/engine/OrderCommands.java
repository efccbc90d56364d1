package io.marginstream.gateway.engine;

import io.marginstream.gateway.engine.EngineCommand.CancelAllOrders;
import io.marginstream.gateway.engine.EngineCommand.CancelOrder;
import io.marginstream.gateway.engine.EngineCommand.PlaceOrder;
import io.marginstream.gateway.engine.orders.Order;
import io.marginstream.protocol.ApiException;
import io.marginstream.protocol.ErrorCode;
import io.marginstream.protocol.message.AccountStatus;
import io.marginstream.protocol.message.OrderStatus;
import io.marginstream.protocol.message.OrderType;
import io.marginstream.protocol.message.Side;
import io.marginstream.protocol.message.TimeInForce;
import io.marginstream.protocol.message.Wallet;

import java.math.BigDecimal;
import java.util.List;

/**
 * {@code order.place}, {@code order.cancel} and {@code order.cancelAll} (PROTOCOL.md §4.6, §12): every parameter
 * and state check (docs/ENGINE.md §6 lists them in order), then the order fills at once at the mark (MARKET, a
 * marketable LIMIT), expires (an IOC/FOK LIMIT that is not marketable) or rests ({@link RestingOrders}); a fill
 * and a resting order are tried against the initial-margin rule and undone if refused. Options (§5.3a) trade the
 * same way at their mark until they expire; no premium changes hands at the fill (futures-style premium, see
 * docs/ENGINE.md). Engine thread only.
 */
final class OrderCommands {
    private final EngineCore core;

    OrderCommands(EngineCore core) {
        this.core = core;
    }

    OrderResult placeOrder(PlaceOrder c, long now) {
        Account a = core.accounts.get(c.accountId());
        int s = symbol(c.symbol());
        if (core.market.isOption[s] && core.options.expired(s, now)) {
            throw new ApiException(ErrorCode.BAD_SYMBOL, "Option " + c.symbol() + " expired at "
                    + java.time.Instant.ofEpochMilli(core.market.optionExpiry[s]) + " (market clock); it no longer "
                    + "trades.");
        }
        boolean buy = Params.required(c.side(), "side") == Side.BUY;
        OrderType type = Params.required(c.type(), "type");
        BigDecimal qty = c.closePosition() ? null : Params.positiveAmount(c.quantity(), "quantity");
        BigDecimal price = null;
        BigDecimal stopPrice = null;
        TimeInForce tif = TimeInForce.GTC;
        switch (type) {
            case MARKET -> notSent(c.price(), "price", c.stopPrice(), "stopPrice", c.timeInForce(), "timeInForce");
            case LIMIT -> {
                notSent(c.stopPrice(), "stopPrice", null, null, null, null);
                price = Params.positiveAmount(c.price(), "price");
                if (c.timeInForce() == null) {
                    throw Params.missing("timeInForce");
                }
                tif = c.timeInForce();
            }
            case STOP_MARKET, TAKE_PROFIT_MARKET -> {
                notSent(c.price(), "price", null, null, null, null);
                stopPrice = Params.positiveAmount(c.stopPrice(), "stopPrice");
                if (c.timeInForce() != null && c.timeInForce() != TimeInForce.GTC) {
                    throw new ApiException(ErrorCode.BAD_PARAM_VALUE, "Parameter 'timeInForce' must be GTC for "
                            + type + " orders.");
                }
            }
        }
        if (c.closePosition()) {
            if (!Order.triggered(type)) {
                throw new ApiException(ErrorCode.PARAM_NOT_REQUIRED, "Parameter 'closePosition' is only for "
                        + "STOP_MARKET and TAKE_PROFIT_MARKET orders.");
            }
            notSent(c.quantity(), "quantity", null, null, null, null);
            if (c.reduceOnly()) {
                throw new ApiException(ErrorCode.PARAM_NOT_REQUIRED, "Parameter 'reduceOnly' cannot be sent with "
                        + "closePosition.");
            }
        }
        if (qty != null && qty.remainder(core.catalog.stepSizes[s]).signum() != 0) {
            throw new ApiException(ErrorCode.BAD_PARAM_VALUE, "Parameter 'quantity' must be a multiple of stepSize "
                    + core.catalog.stepSizes[s].toPlainString() + " for " + c.symbol() + ".");
        }
        String coid = Params.clientId(c.clientOrderId(), "newClientOrderId");
        Params.requireNotBankrupt(a);
        if (!a.portfolioMargin) {
            throw new ApiException(ErrorCode.WRONG_MODE,
                    "Orders need portfolio-margin mode; the account is in classic mode.");
        }
        if (a.status == AccountStatus.FORCE_LIQUIDATION) {
            throw new ApiException(ErrorCode.ACCOUNT_IN_LIQUIDATION, "The account is in liquidation; no orders.");
        }
        long orderId = core.nextOrderId;
        String clientOrderId = coid != null ? coid : "ms-" + orderId;
        if (a.openOrders.byClientId(clientOrderId) != null) {
            throw new ApiException(ErrorCode.DUPLICATE_CLIENT_ORDER_ID, "Client order id is not valid: '"
                    + clientOrderId + "' is already used by an open order.");
        }
        Order o = new Order(orderId, clientOrderId, a.index, s, buy, type, tif, qty, price, stopPrice,
                c.reduceOnly(), c.closePosition(), now);
        BigDecimal amt = positionAmount(a, s);
        if (o.reducing() && fillQuantity(o, amt) == null) {
            throw new ApiException(ErrorCode.REDUCE_ONLY_REJECTED, "ReduceOnly Order is rejected: there is no "
                    + (buy ? "short" : "long") + " " + c.symbol() + " position for this " + o.side() + " to reduce.");
        }
        boolean reduces = o.reducing() || reduces(buy, qty, amt);
        if (a.status == AccountStatus.REDUCE_ONLY && !reduces) {
            throw new ApiException(ErrorCode.REDUCE_ONLY, ErrorCode.REDUCE_ONLY.message());
        }
        BigDecimal mark = core.marks.of(s);
        return switch (type) {
            case MARKET -> fillNow(a, o, mark, reduces, now);
            case LIMIT -> limit(a, o, mark, reduces, now);
            case STOP_MARKET, TAKE_PROFIT_MARKET -> {
                if (o.crossedBy(mark)) {
                    throw new ApiException(ErrorCode.WOULD_TRIGGER_IMMEDIATELY, "Order would immediately trigger: "
                            + "the mark " + mark.toPlainString() + " has already reached stopPrice "
                            + stopPrice.toPlainString() + ".");
                }
                yield rest(a, o, now);
            }
        };
    }

    private OrderResult limit(Account a, Order o, BigDecimal mark, boolean reduces, long now) {
        if (o.crossedBy(mark)) {
            if (o.timeInForce() == TimeInForce.GTX) {
                throw new ApiException(ErrorCode.POST_ONLY_REJECTED, ErrorCode.POST_ONLY_REJECTED.message());
            }
            return fillNow(a, o, mark, reduces, now);
        }
        if (o.timeInForce() == TimeInForce.IOC || o.timeInForce() == TimeInForce.FOK) {
            core.nextOrderId++;
            a.updateTime = now;
            core.orderEvents.accepted(a, o, now);
            core.orderEvents.ended(a, o, OrderStatus.EXPIRED, OrderEvents.NOT_MARKETABLE, now);
            return core.orderEvents.result(o, OrderStatus.EXPIRED, BigDecimal.ZERO, BigDecimal.ZERO, now);
        }
        return rest(a, o, now);
    }

    /** Fills at {@code mark} now; unless the order only reduces, refused (and undone) if IM would exceed equity. */
    private OrderResult fillNow(Account a, Order o, BigDecimal mark, boolean reduces, long now) {
        int s = o.symbol();
        BigDecimal qty = fillQuantity(o, positionAmount(a, s));
        Wallet wallet = core.market.inverse[s] ? Wallet.CM : Wallet.UM;
        int settle = core.market.settlementAsset[s];
        BigDecimal oldBalance = a.balance(wallet, settle);
        Position p = a.positions[s];
        BigDecimal realized = core.fills.fill(a, s, o.buy() ? qty : qty.negate(), mark);
        if (!reduces) {
            a.rebuildBook(core.market);
            core.evaluator.store(a, now);
            if (a.accountEquityE8 < a.initialMarginE8) {
                a.set(wallet, settle, oldBalance);
                a.positions[s] = p == null ? null : new Position(s, p.amount, p.entryPrice);
                a.rebuildBook(core.market);
                core.evaluator.store(a, now);
                throw new ApiException(ErrorCode.INSUFFICIENT_MARGIN, "After this order accountEquity would be below "
                        + "accountInitialMargin.");
            }
        }
        core.nextOrderId++;
        a.updateTime = now;
        core.orderEvents.accepted(a, o, now);
        core.orderEvents.filled(a, o, qty, mark, realized, BigDecimal.ZERO, false, now);
        core.evaluator.afterChange(a, now);
        return core.orderEvents.result(o, OrderStatus.FILLED, qty, mark, now);
    }

    /** Rests the order; refused (and undone) if it raises IM above equity, or if the account has too many. */
    private OrderResult rest(Account a, Order o, long now) {
        int max = core.config.limits().openOrdersPerAccount();
        if (a.openOrders.size() >= max) {
            throw new ApiException(ErrorCode.MAX_OPEN_ORDERS, "Reach max open order limit: the account already has "
                    + max + " open orders (limits.openOrdersPerAccount).");
        }
        core.evaluator.store(a, now);
        long imBefore = a.initialMarginE8;
        core.resting.rest(a, o);
        a.rebuildBook(core.market);
        core.evaluator.store(a, now);
        if (a.initialMarginE8 > imBefore && a.accountEquityE8 < a.initialMarginE8) {
            core.resting.remove(a, o);
            a.rebuildBook(core.market);
            core.evaluator.store(a, now);
            throw new ApiException(ErrorCode.INSUFFICIENT_MARGIN, "With this order accountEquity would be below "
                    + "accountInitialMargin.");
        }
        core.nextOrderId++;
        a.updateTime = now;
        core.orderEvents.accepted(a, o, now);
        core.evaluator.afterChange(a, now);
        return core.orderEvents.open(o);
    }

    OrderResult cancelOrder(CancelOrder c, long now) {
        Account a = core.accounts.get(c.accountId());
        int s = symbol(c.symbol());
        if (c.orderId() == null && c.origClientOrderId() == null) {
            throw Params.missing("orderId");
        }
        Order o = c.orderId() != null ? a.openOrders.byId(c.orderId()) : a.openOrders.byClientId(c.origClientOrderId());
        if (o == null || o.symbol() != s
                || (c.origClientOrderId() != null && !c.origClientOrderId().equals(o.clientOrderId()))) {
            throw new ApiException(ErrorCode.UNKNOWN_ORDER, "Unknown order sent: no open " + c.symbol() + " order "
                    + (c.orderId() != null ? "with orderId " + c.orderId() : "")
                    + (c.orderId() != null && c.origClientOrderId() != null ? " and " : "")
                    + (c.origClientOrderId() != null ? "with clientOrderId '" + c.origClientOrderId() + "'" : "")
                    + ".");
        }
        core.resting.remove(a, o);
        a.updateTime = now;
        core.orderEvents.ended(a, o, OrderStatus.CANCELED, OrderEvents.USER, now);
        core.evaluator.afterChange(a, now);
        return core.orderEvents.result(o, OrderStatus.CANCELED, BigDecimal.ZERO, BigDecimal.ZERO, now);
    }

    List<OrderResult> cancelAll(CancelAllOrders c, long now) {
        Account a = core.accounts.get(c.accountId());
        int s = symbol(c.symbol());
        List<OrderResult> canceled = core.resting.cancelAll(a, s, OrderEvents.USER, now);
        a.updateTime = now;
        if (!canceled.isEmpty()) {
            core.evaluator.afterChange(a, now);
        }
        return List.copyOf(canceled);
    }

    // ------------------------------------------------------------------ shared rules

    private int symbol(String symbol) {
        if (symbol == null || symbol.isEmpty()) {
            throw Params.missing("symbol");
        }
        int s = core.market.symbol(symbol);
        if (s < 0) {
            throw new ApiException(ErrorCode.BAD_SYMBOL, ErrorCode.BAD_SYMBOL.message(symbol));
        }
        return s;
    }

    /** Throws {@code -1106} for the first of up to three (value, name) pairs whose value was sent. */
    private static void notSent(Object v1, String n1, Object v2, String n2, Object v3, String n3) {
        String name = v1 != null ? n1 : v2 != null ? n2 : v3 != null ? n3 : null;
        if (name != null) {
            throw new ApiException(ErrorCode.PARAM_NOT_REQUIRED, ErrorCode.PARAM_NOT_REQUIRED.message(name));
        }
    }

    static BigDecimal positionAmount(Account a, int s) {
        Position p = a.positions[s];
        return p == null ? BigDecimal.ZERO : p.amount;
    }

    /** Whether a fill of {@code qty} on side {@code buy} only shrinks position {@code amt} (never past zero). */
    static boolean reduces(boolean buy, BigDecimal qty, BigDecimal amt) {
        return amt.signum() != 0 && (buy ? amt.signum() < 0 : amt.signum() > 0) && qty.compareTo(amt.abs()) <= 0;
    }

    /**
     * The quantity a fill of {@code o} takes against position {@code amt}: its quantity; for a reduce-only order at
     * most {@code |amt|}, for a close-position order all of it — or {@code null} when a reducing order finds no
     * position on the other side.
     */
    static BigDecimal fillQuantity(Order o, BigDecimal amt) {
        if (!o.reducing()) {
            return o.quantity();
        }
        boolean opposite = o.buy() ? amt.signum() < 0 : amt.signum() > 0;
        if (!opposite) {
            return null;
        }
        return o.closePosition() ? amt.abs() : o.quantity().min(amt.abs());
    }
}
