package io.marginstream.gateway.engine;

import io.marginstream.gateway.engine.EngineCommand.GetAllOrders;
import io.marginstream.gateway.engine.EngineCommand.GetOpenOrders;
import io.marginstream.gateway.engine.EngineCommand.GetOrder;
import io.marginstream.gateway.engine.orders.Order;
import io.marginstream.protocol.ApiException;
import io.marginstream.protocol.ErrorCode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * The order queries of §12: {@code order.query} (an open order, else the newest closed one that matches),
 * {@code openOrders} and {@code allOrders} (open and the last {@value Account#CLOSED_ORDER_LIMIT} closed orders),
 * newest first. Engine thread only.
 */
final class OrderViews {
    static final int DEFAULT_ALL_ORDERS_LIMIT = 500;
    static final int MAX_ALL_ORDERS_LIMIT = 1000;
    private static final Comparator<OrderResult> NEWEST_FIRST =
            Comparator.comparingLong(OrderResult::orderId).reversed();

    private final EngineCore core;

    OrderViews(EngineCore core) {
        this.core = core;
    }

    OrderResult order(GetOrder c) {
        Account a = core.accounts.get(c.accountId());
        String symbol = symbol(c.symbol(), true);
        if (c.orderId() == null && c.origClientOrderId() == null) {
            throw Params.missing("orderId");
        }
        Order open = c.orderId() != null ? a.openOrders.byId(c.orderId())
                : a.openOrders.byClientId(c.origClientOrderId());
        if (open != null) {
            OrderResult r = core.orderEvents.open(open);
            if (matches(r, symbol, c)) {
                return r;
            }
        }
        Iterator<OrderResult> it = a.closedOrders.descendingIterator();
        while (it.hasNext()) {
            OrderResult r = it.next();
            if (matches(r, symbol, c)) {
                return r;
            }
        }
        throw new ApiException(ErrorCode.NO_SUCH_ORDER, "Order does not exist: no " + symbol + " order "
                + (c.orderId() != null ? "with orderId " + c.orderId() : "with clientOrderId '"
                + c.origClientOrderId() + "'") + " among the open and the last " + Account.CLOSED_ORDER_LIMIT
                + " closed orders.");
    }

    List<OrderResult> openOrders(GetOpenOrders c) {
        Account a = core.accounts.get(c.accountId());
        String symbol = symbol(c.symbol(), false);
        List<OrderResult> out = new ArrayList<>(a.openOrders.size());
        for (Order o : a.openOrders.all()) {
            if (symbol == null || core.market.symbolNames[o.symbol()].equals(symbol)) {
                out.add(core.orderEvents.open(o));
            }
        }
        out.sort(NEWEST_FIRST);
        return List.copyOf(out);
    }

    List<OrderResult> allOrders(GetAllOrders c) {
        Account a = core.accounts.get(c.accountId());
        String symbol = symbol(c.symbol(), false);
        int n = c.limit() == null ? DEFAULT_ALL_ORDERS_LIMIT : c.limit();
        if (n < 1 || n > MAX_ALL_ORDERS_LIMIT) {
            throw new ApiException(ErrorCode.BAD_PARAM_VALUE, "Parameter 'limit' must be between 1 and "
                    + MAX_ALL_ORDERS_LIMIT + ".");
        }
        long from = c.startTime() == null ? Long.MIN_VALUE : c.startTime();
        long to = c.endTime() == null ? Long.MAX_VALUE : c.endTime();
        if (from > to) {
            throw new ApiException(ErrorCode.BAD_PARAM_VALUE, "Parameter 'startTime' must not be after endTime.");
        }
        List<OrderResult> all = new ArrayList<>(a.openOrders.size() + a.closedOrders.size());
        for (Order o : a.openOrders.all()) {
            all.add(core.orderEvents.open(o));
        }
        all.addAll(a.closedOrders);
        all.sort(NEWEST_FIRST);
        List<OrderResult> out = new ArrayList<>();
        for (OrderResult r : all) {
            if (out.size() == n) {
                break;
            }
            if ((symbol == null || r.symbol().equals(symbol)) && r.time() >= from && r.time() <= to) {
                out.add(r);
            }
        }
        return List.copyOf(out);
    }

    private static boolean matches(OrderResult r, String symbol, GetOrder c) {
        return r.symbol().equals(symbol)
                && (c.orderId() == null || r.orderId() == c.orderId())
                && (c.origClientOrderId() == null || r.clientOrderId().equals(c.origClientOrderId()));
    }

    /** A known symbol ({@code -1121}), required or {@code null}. */
    private String symbol(String symbol, boolean required) {
        if (symbol == null || symbol.isEmpty()) {
            if (required) {
                throw Params.missing("symbol");
            }
            return null;
        }
        if (core.market.symbol(symbol) < 0) {
            throw new ApiException(ErrorCode.BAD_SYMBOL, ErrorCode.BAD_SYMBOL.message(symbol));
        }
        return symbol;
    }
}
