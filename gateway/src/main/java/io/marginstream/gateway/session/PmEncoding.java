package io.marginstream.gateway.session;

import io.marginstream.gateway.engine.AccountEvent;
import io.marginstream.protocol.Decimals;
import io.marginstream.protocol.ProtocolJson;
import io.marginstream.protocol.binance.BinanceEvent;
import io.marginstream.protocol.binance.PmEvents;
import io.marginstream.protocol.message.ExecutionType;
import io.marginstream.protocol.message.Side;
import io.marginstream.protocol.message.Wallet;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The engine's account events in Binance's portfolio-margin user-data shapes (§11), and the byte-level envelope of
 * combined streams. The fan-out encodes each event once per shape: the raw Binance object once, then, for combined
 * connections, the same bytes wrapped as {@code {"stream":name,"data":raw}} once per stream name. Stateless.
 *
 * <p>Mapping: {@code BalanceChanged} of {@code CROSS_MARGIN} → {@code balanceUpdate} (spot changes are outside PM
 * and not sent); {@code AccountPositionUpdated} → {@code outboundAccountPosition}; {@code AccountUpdated} →
 * {@code ACCOUNT_UPDATE}; {@code OrderUpdated} → one {@code ORDER_TRADE_UPDATE} per step ({@code x} NEW, TRADE,
 * CANCELED, EXPIRED; a MARKET order reports NEW then TRADE, as Binance does); {@code RiskLevelChanged} →
 * {@code riskLevelChange}. {@code marginAlert} and {@code transferUpdate} are MarginStream's own and not sent here.
 */
final class PmEncoding {
    private static final byte[][] NONE = new byte[0][];
    private static final byte[] STREAM_HEAD = "{\"stream\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "\",\"data\":".getBytes(StandardCharsets.US_ASCII);

    private PmEncoding() {
    }

    /** The raw frames (0, 1 or 2) of one account event. */
    static byte[][] frames(AccountEvent event) {
        List<BinanceEvent> events = toBinance(event);
        if (events.isEmpty()) {
            return NONE;
        }
        byte[][] out = new byte[events.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = encode(events.get(i));
        }
        return out;
    }

    /** One Binance event as UTF-8 JSON. */
    static byte[] encode(BinanceEvent e) {
        return ProtocolJson.toJson(e).getBytes(StandardCharsets.UTF_8);
    }

    /** {@code {"stream":name,"data":raw}}, by copying bytes ({@code name} is ASCII: a listenKey or stream name). */
    static byte[] wrap(String name, byte[] raw) {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[STREAM_HEAD.length + n.length + DATA.length + raw.length + 1];
        int p = 0;
        System.arraycopy(STREAM_HEAD, 0, out, p, STREAM_HEAD.length);
        p += STREAM_HEAD.length;
        System.arraycopy(n, 0, out, p, n.length);
        p += n.length;
        System.arraycopy(DATA, 0, out, p, DATA.length);
        p += DATA.length;
        System.arraycopy(raw, 0, out, p, raw.length);
        out[out.length - 1] = '}';
        return out;
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
