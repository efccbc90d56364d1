package io.marginstream.gateway.engine.orders;

import io.marginstream.gateway.engine.margin.Market;
import io.marginstream.gateway.engine.margin.RiskBook;
import io.marginstream.protocol.message.OrderType;

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
     * the mask of symbols whose marks move them: each order's symbol (an option's: its reference symbol, whose moves
     * reprice it) and, for CM, its settlement coin's price symbol.
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
            mask |= 1L << market.exposureSymbol[s];
            int coinPrice = market.assetPriceSymbol[market.settlementAsset[s]];
            if (coinPrice >= 0) {
                mask |= 1L << coinPrice;
            }
            if (o.reducing()) {
                continue;
            }
            int side = o.buy() ? 0 : 1;
            double q = o.quantity().doubleValue();
            double notional = market.inverse[s] ? q * market.contractSize[s] : q * o.trigger().doubleValue();
            int i = 4 * book.orderSlot(s);
            book.orderSide[i + side] += q;
            book.orderSide[i + 2 + side] += notional;
            if (o.type() == OrderType.STOP_MARKET) {
                int j = book.stopSlot(s) + 1 + 2 * side;
                if (market.inverse[s]) {
                    book.stop[j] += notional;
                    book.stop[j + 1] += notional / o.stopPrice().doubleValue();
                } else {
                    book.stop[j] += q;
                    book.stop[j + 1] += notional;
                }
            }
        }
        for (int i = 0; i < book.orderSymbolCount; i++) {
            int s = book.orderSymbol[i];
            double position = book.positionOf(s);
            double buy = fraction(book.orderSide[4 * i], Math.max(0, -position));
            double sell = fraction(book.orderSide[4 * i + 1], Math.max(0, position));
            book.orderSide[4 * i + 2] *= buy;
            book.orderSide[4 * i + 3] *= sell;
            for (int k = 0; k < book.stopCount; k++) {
                int j = RiskBook.STOP_STRIDE * k;
                if ((int) book.stop[j] == s) {
                    book.stop[j + 1] *= buy;
                    book.stop[j + 2] *= buy;
                    book.stop[j + 3] *= sell;
                    book.stop[j + 4] *= sell;
                }
            }
        }
        return mask;
    }

    /** The opening fraction of a side of quantity {@code qty} that first closes {@code closable}. */
    private static double fraction(double qty, double closable) {
        return qty == 0 ? 0 : Math.max(0, qty - closable) / qty;
    }
}
