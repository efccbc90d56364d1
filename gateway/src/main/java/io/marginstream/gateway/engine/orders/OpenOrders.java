package io.marginstream.gateway.engine.orders;

import io.marginstream.gateway.engine.margin.Market;
import io.marginstream.gateway.engine.margin.RiskBook;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * One account's open orders, by order id (in placement order) and by client order id (unique among them), and the
 * numbers the margin models read from them ({@link #fillBook}). The maps are created with the first order, so an
 * account that never rests an order costs two null fields. Owned by the engine thread.
 */
public final class OpenOrders {
    private LinkedHashMap<Long, Order> byId;
    private HashMap<String, Order> byClientId;

    public int size() {
        return byId == null ? 0 : byId.size();
    }

    public boolean isEmpty() {
        return size() == 0;
    }

    public Order byId(long orderId) {
        return byId == null ? null : byId.get(orderId);
    }

    public Order byClientId(String clientOrderId) {
        return byClientId == null ? null : byClientId.get(clientOrderId);
    }

    /** Whether {@code o} itself (not only its id) is open. */
    public boolean contains(Order o) {
        return byId != null && byId.get(o.orderId()) == o;
    }

    /** The open orders in placement order; a view, valid until the next change. */
    public Collection<Order> all() {
        return byId == null ? List.of() : byId.values();
    }

    /** The open orders of symbol {@code s} in placement order (a copy). */
    public List<Order> ofSymbol(int s) {
        List<Order> out = new ArrayList<>();
        for (Order o : all()) {
            if (o.symbol() == s) {
                out.add(o);
            }
        }
        return out;
    }

    public void add(Order o) {
        if (byId == null) {
            byId = new LinkedHashMap<>();
            byClientId = new HashMap<>();
        }
        byId.put(o.orderId(), o);
        byClientId.put(o.clientOrderId(), o);
    }

    public void remove(Order o) {
        byId.remove(o.orderId());
        byClientId.remove(o.clientOrderId());
    }

    public void clear() {
        if (byId != null) {
            byId.clear();
            byClientId.clear();
        }
    }

    /**
     * Writes the open orders' margin inputs into {@code book} (whose positions must already be current) and returns
     * the mask of symbols whose marks move them: each order's symbol and, for CM, its settlement coin's price symbol.
     *
     * <p>Per symbol, over the orders that may grow a position (neither {@code reduceOnly} nor {@code closePosition}):
     * the BUY side's quantity {@code B} first closes a short position {@code q < 0}, so only the fraction
     * {@code max(0, B − max(0, −q)) / B} of it opens exposure (SELL alike against a long). The book gets, scaled by
     * that fraction, each side's notional at the orders' own prices (UM {@code Σ qty·price}, CM {@code Σ n·size}) and,
     * for the side's {@code STOP_MARKET} orders, {@code Σ qty} and {@code Σ qty·stopPrice} (UM) or {@code Σ n·size}
     * and {@code Σ n·size/stopPrice} (CM), from which {@code OpenOrderMargin} prices their loss against the mark.
     */
    public long fillBook(RiskBook book, Market market) {
        book.clearOrders();
        if (isEmpty()) {
            return 0;
        }
        long mask = 0;
        for (Order o : byId.values()) {
            int s = o.symbol();
            mask |= 1L << s;
            int coinPrice = market.assetPriceSymbol[market.settlementAsset[s]];
            if (coinPrice >= 0) {
                mask |= 1L << coinPrice;
            }
            if (o.reducing()) {
                continue;
            }
            int i = book.orderSlot(s);
            double q = o.quantity().doubleValue();
            double notional;
            double stopValue = 0;
            if (market.inverse[s]) {
                notional = q * market.contractSize[s];
                if (o.type() == OrderType.STOP_MARKET) {
                    stopValue = notional / o.stopPrice().doubleValue();
                }
            } else {
                notional = q * o.trigger().doubleValue();
                if (o.type() == OrderType.STOP_MARKET) {
                    stopValue = notional;
                }
            }
            boolean stop = o.type() == OrderType.STOP_MARKET;
            double stopQty = stop ? (market.inverse[s] ? notional : q) : 0;
            if (o.buy()) {
                book.buyQty[i] += q;
                book.buyNotional[i] += notional;
                book.buyStopQty[i] += stopQty;
                book.buyStopValue[i] += stopValue;
            } else {
                book.sellQty[i] += q;
                book.sellNotional[i] += notional;
                book.sellStopQty[i] += stopQty;
                book.sellStopValue[i] += stopValue;
            }
        }
        for (int i = 0; i < book.orderSymbolCount; i++) {
            double position = book.positionOf(book.orderSymbol[i]);
            scaleSide(book, i, true, Math.max(0, -position));
            scaleSide(book, i, false, Math.max(0, position));
        }
        return mask;
    }

    /** Scales one side of slot {@code i} to its opening fraction, given the quantity it would first close. */
    private static void scaleSide(RiskBook book, int i, boolean buy, double closable) {
        double qty = buy ? book.buyQty[i] : book.sellQty[i];
        if (qty == 0 || closable == 0) {
            return;
        }
        double f = Math.max(0, qty - closable) / qty;
        if (buy) {
            book.buyNotional[i] *= f;
            book.buyStopQty[i] *= f;
            book.buyStopValue[i] *= f;
        } else {
            book.sellNotional[i] *= f;
            book.sellStopQty[i] *= f;
            book.sellStopValue[i] *= f;
        }
    }
}
