package io.marginstream.gateway.session;

import io.marginstream.gateway.engine.AccountEvent;
import io.marginstream.protocol.Decimals;
import io.marginstream.protocol.binance.BinanceEvent;
import io.marginstream.protocol.binance.PmEvents;
import io.marginstream.protocol.message.ExecutionType;
import io.marginstream.protocol.message.Side;
import io.marginstream.protocol.message.Wallet;

import java.math.BigDecimal;
import java.util.List;

/**
 * The Binance-shaped encoding that {@link PmEncoding#frame} replaced: each account event mapped to its
 * {@link PmEvents} record and written by the shared mapper ({@link PmEncoding#encode}). The reference the hand
 * encoder is held to, byte for byte.
 */
final class JacksonPm {
    private JacksonPm() {
    }

    /** The raw frame of one account event through databind, or null when it has none. */
    static byte[] frame(AccountEvent event) {
        List<BinanceEvent> events = toBinance(event);
        return events.isEmpty() ? null : PmEncoding.encode(events.get(0));
    }

    /** The Binance events of one engine event, in order. */
    static List<BinanceEvent> toBinance(AccountEvent event) {
        if (event instanceof AccountEvent.BalanceChanged e) {
            if (e.wallet() != Wallet.CROSS_MARGIN) {
                return List.of();
            }
            return List.of(new PmEvents.BalanceUpdate(e.eventTime(), e.asset(), d(e.delta()), e.updateId(),
                    e.transactionTime()));
        } else if (event instanceof AccountEvent.AccountPositionUpdated e) {
            return List.of(new PmEvents.OutboundAccountPosition(e.eventTime(), e.lastUpdateTime(), e.updateId(),
                    e.balances().stream().map(f -> new PmEvents.FreeLocked(f.asset(), d(f.free()), d(f.locked())))
                            .toList()));
        } else if (event instanceof AccountEvent.AccountUpdated e) {
            return List.of(new PmEvents.AccountUpdate(e.fs(), e.eventTime(), e.transactionTime(), "",
                    new PmEvents.Update(e.reason(),
                            e.balances().stream().map(w -> new PmEvents.Balance(w.asset(), d(w.walletBalance()),
                                    d(w.crossWalletBalance()), d(w.balanceChange()))).toList(),
                            e.positions().stream().map(p -> new PmEvents.Position(p.symbol(), d(p.positionAmt()),
                                    d(p.entryPrice()), BigDecimal.ZERO, d(p.unrealizedProfit()), p.positionSide(),
                                    d(p.entryPrice()))).toList())));
        } else if (event instanceof AccountEvent.OrderUpdated e) {
            return List.of(order(e));
        } else if (event instanceof AccountEvent.RiskLevelChanged e) {
            return List.of(new PmEvents.RiskLevelChange(e.eventTime(),
                    e.uniMMR() == null ? "" : Decimals.format(e.uniMMR()), e.accountStatus(), d(e.accountEquity()),
                    d(e.actualEquity()), d(e.maintMargin())));
        }
        return List.of();
    }

    /**
     * One step of an order. {@code b}/{@code a} (bid/ask notional) carry a resting LIMIT's {@code q·p} on its
     * {@code NEW} step; the trade id {@code t} of a fill is the order id (one fill per order).
     */
    private static PmEvents.OrderTradeUpdate order(AccountEvent.OrderUpdated e) {
        BigDecimal zero = BigDecimal.ZERO;
        boolean trade = e.executionType() == ExecutionType.TRADE;
        BigDecimal notional = e.executionType() == ExecutionType.NEW ? e.quantity().multiply(e.price()) : zero;
        boolean buy = e.side() == Side.BUY;
        PmEvents.Order o = new PmEvents.Order(e.symbol(), e.clientOrderId(), e.side(), e.orderType(),
                e.timeInForce(), d(e.quantity()), d(e.price()), d(e.avgPrice()), d(e.stopPrice()), e.executionType(),
                e.status(), e.orderId(), d(e.lastFilledQty()), d(e.cumulativeQty()), d(e.lastFilledPrice()),
                e.commissionAsset(), d(e.commission()), e.transactionTime(), trade ? e.orderId() : 0,
                buy ? d(notional) : zero, buy ? zero : d(notional), e.maker(), e.reduceOnly(), "BOTH",
                d(e.realizedProfit()), "", 0, "NONE", 0);
        return new PmEvents.OrderTradeUpdate(e.fs(), e.eventTime(), e.transactionTime(), "", o);
    }

    private static BigDecimal d(BigDecimal v) {
        return v == null ? BigDecimal.ZERO : Decimals.scale8(v);
    }
}
