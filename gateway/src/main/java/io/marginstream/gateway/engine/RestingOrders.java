package io.marginstream.gateway.engine;

import io.marginstream.gateway.engine.margin.Market;
import io.marginstream.gateway.engine.orders.Order;
import io.marginstream.gateway.engine.orders.TriggerIndex;
import io.marginstream.protocol.message.AccountStatus;
import io.marginstream.protocol.message.OrderStatus;
import io.marginstream.protocol.message.OrderType;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;

/**
 * The resting orders of all accounts after placement: each account's {@code OpenOrders} together with the
 * {@link TriggerIndex} over all of them, the cancels (by the owner or by the liquidation), and the sandbox's fill rule
 * on a mark change (PROTOCOL.md §12):
 * <ul>
 *   <li>the orders a changed mark crosses fire oldest first (by order id), each account re-evaluated after its
 *       order, so a fill that starts a liquidation cancels that account's other orders before they fire;</li>
 *   <li>a {@code LIMIT} fills in full at its own price; a {@code STOP_MARKET} or {@code TAKE_PROFIT_MARKET} at the
 *       mark;</li>
 *   <li>a reduce-only order fills at most the position it reduces (a close-position order: all of it) and expires if
 *       there is none on the other side; an order that would grow the position expires while the account is
 *       {@code REDUCE_ONLY};</li>
 *   <li>a fill needs no margin check: the order's initial margin was held while it rested.</li>
 * </ul>
 * Owned by the engine thread.
 */
final class RestingOrders {
    private static final Comparator<Order> BY_ID = Comparator.comparingLong(Order::orderId);

    private final EngineCore core;
    private final TriggerIndex index;
    private final List<Order> crossed = new ArrayList<>();

    RestingOrders(EngineCore core) {
        this.core = core;
        this.index = new TriggerIndex(core.market.symbolCount);
    }

    void rest(Account a, Order o) {
        a.openOrders.add(o);
        index.add(o);
    }

    void remove(Account a, Order o) {
        a.openOrders.remove(o);
        index.remove(o);
    }

    void clear() {
        index.clear();
    }

    /**
     * Cancels, in placement order, every open order of {@code a} on symbol {@code s} (every symbol if {@code s < 0})
     * with {@code CANCELED} events for {@code reason}, and returns them; the caller re-evaluates the account.
     */
    List<OrderResult> cancelAll(Account a, int s, String reason, long now) {
        List<Order> victims = s < 0 ? new ArrayList<>(a.openOrders.all()) : a.openOrders.ofSymbol(s);
        List<OrderResult> out = new ArrayList<>(victims.size());
        for (Order o : victims) {
            remove(a, o);
            core.orderEvents.ended(a, o, OrderStatus.CANCELED, reason, now);
            out.add(core.orderEvents.result(o, OrderStatus.CANCELED, BigDecimal.ZERO, BigDecimal.ZERO, now));
        }
        if (!victims.isEmpty()) {
            a.updateTime = now;
        }
        return out;
    }

    /** Fires the resting orders that the marks of {@code changedSymbols} cross, as the class comment says. */
    void onMarks(long changedSymbols, long now) {
        if (index.size() == 0) {
            return;
        }
        Market market = core.market;
        long m = changedSymbols;
        while (m != 0) {
            int s = Long.numberOfTrailingZeros(m);
            m &= m - 1;
            if (index.has(s)) {
                index.collectCrossed(s, core.marks.of(s), crossed);
            }
            int u = market.symbolUnderlying[s];
            if (u >= 0 && market.referenceSymbol[u] == s) {
                for (int o : market.optionsOf[u]) {
                    if (index.has(o)) {
                        index.collectCrossed(o, core.marks.of(o), crossed);
                    }
                }
            }
        }
        fireCrossed(now);
    }

    /**
     * Expires every resting order on the option symbols of {@code symbols} as they settle (reason
     * {@link OrderEvents#OPTION_SETTLED}), oldest first, each account re-evaluated after its order.
     */
    void expireSettled(BitSet symbols, long now) {
        if (index.size() == 0) {
            return;
        }
        for (int s = symbols.nextSetBit(0); s >= 0; s = symbols.nextSetBit(s + 1)) {
            index.collectAll(s, crossed);
        }
        crossed.sort(BY_ID);
        for (Order o : crossed) {
            Account a = core.accounts.at(o.account());
            if (!a.openOrders.contains(o)) {
                continue;
            }
            remove(a, o);
            a.updateTime = now;
            core.orderEvents.ended(a, o, OrderStatus.EXPIRED, OrderEvents.OPTION_SETTLED, now);
            core.evaluator.afterChange(a, now);
        }
        crossed.clear();
    }

    private void fireCrossed(long now) {
        if (crossed.isEmpty()) {
            return;
        }
        crossed.sort(BY_ID);
        for (Order o : crossed) {
            Account a = core.accounts.at(o.account());
            if (!a.openOrders.contains(o)) {
                continue;
            }
            remove(a, o);
            fire(a, o, now);
            core.evaluator.afterChange(a, now);
        }
        crossed.clear();
    }

    private void fire(Account a, Order o, long now) {
        int s = o.symbol();
        BigDecimal amt = OrderCommands.positionAmount(a, s);
        a.updateTime = now;
        BigDecimal qty = OrderCommands.fillQuantity(o, amt);
        if (qty == null) {
            core.orderEvents.ended(a, o, OrderStatus.EXPIRED, OrderEvents.NO_POSITION, now);
            return;
        }
        if (!OrderCommands.reduces(o.buy(), qty, amt) && a.status == AccountStatus.REDUCE_ONLY) {
            core.orderEvents.ended(a, o, OrderStatus.EXPIRED, OrderEvents.ACCOUNT_REDUCE_ONLY, now);
            return;
        }
        boolean limit = o.type() == OrderType.LIMIT;
        BigDecimal price = limit ? o.price() : core.marks.of(s);
        BigDecimal realized = core.fills.fill(a, s, o.buy() ? qty : qty.negate(), price);
        core.orderEvents.filled(a, o, qty, price, realized, BigDecimal.ZERO, limit, now);
    }
}
