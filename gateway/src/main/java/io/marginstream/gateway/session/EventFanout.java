package io.marginstream.gateway.session;

import io.marginstream.gateway.engine.AccountEvent;
import io.marginstream.gateway.engine.EngineListener;
import io.marginstream.gateway.engine.MarginSnapshot;
import io.marginstream.protocol.Decimals;
import io.marginstream.protocol.ProtocolJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import io.marginstream.protocol.message.AccountStatus;
import io.marginstream.protocol.message.AccountUpdate;
import io.marginstream.protocol.message.BalanceUpdate;
import io.marginstream.protocol.message.FuturesType;
import io.marginstream.protocol.message.MarginAlert;
import io.marginstream.protocol.message.OrderStatus;
import io.marginstream.protocol.message.OrderTradeUpdate;
import io.marginstream.protocol.message.OrderType;
import io.marginstream.protocol.message.OutboundAccountPosition;
import io.marginstream.protocol.message.RiskLevelChange;
import io.marginstream.protocol.message.Side;
import io.marginstream.protocol.message.StreamEvent;
import io.marginstream.protocol.message.TransferUpdate;
import io.marginstream.protocol.message.Wallet;

import java.util.List;
import java.util.Map;

/**
 * The engine's output, fanned out to sessions: each event is encoded once, and the same bytes are queued on every
 * subscribed session's outbox (on that session's event loop). Called on the engine thread; never blocks — encoding
 * plus one task hand-off per subscribed session.
 */
public final class EventFanout implements EngineListener {
    private static final Logger log = LoggerFactory.getLogger(EventFanout.class);
    private final SessionRegistry registry;

    public EventFanout(SessionRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onAccountEvents(String accountId, List<AccountEvent> events) {
        Session[] subscribers = registry.userDataSubscribers(accountId);
        if (subscribers.length == 0) {
            return;
        }
        for (AccountEvent e : events) {
            byte[] frame;
            try {
                frame = ProtocolJson.eventBytes("userData", toWire(e));
            } catch (RuntimeException ex) {
                log.error("cannot encode event {} of account {}", e, accountId, ex);
                continue;
            }
            for (Session s : subscribers) {
                s.deliverUserData(frame);
            }
        }
    }

    @Override
    public void onMarginRatio(String accountId, MarginSnapshot m) {
        Session[] subscribers = registry.marginRatioSubscribers(accountId);
        if (subscribers.length == 0) {
            return;
        }
        byte[] frame = marginRatio(m);
        for (Session s : subscribers) {
            s.deliverRatio(frame, m.eventTime());
        }
    }

    @Override
    public void onMarkPrices(long eventTime, Map<String, BigDecimal> marks) {
        Session[] all = registry.markAllSubscribers();
        for (Map.Entry<String, BigDecimal> e : marks.entrySet()) {
            String symbol = e.getKey();
            Session[] one = registry.markSubscribers(symbol);
            if (one.length > 0) {
                String stream = "markPrice@" + symbol;
                byte[] frame = markPrice(stream, symbol, e.getValue(), eventTime);
                String key = stream + "\n";
                for (Session s : one) {
                    s.deliverMark(key, frame, eventTime);
                }
            }
            if (all.length > 0) {
                byte[] frame = markPrice("markPrice", symbol, e.getValue(), eventTime);
                String key = "markPrice\n" + symbol;
                for (Session s : all) {
                    s.deliverMark(key, frame, eventTime);
                }
            }
        }
    }

    /** {@code {"stream":"marginRatio","data":{"e":"marginRatio","E",...}}}, written by hand: the hot path. */
    static byte[] marginRatio(MarginSnapshot m) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("{\"stream\":\"marginRatio\",\"data\":{\"e\":\"marginRatio\",\"E\":").append(m.eventTime())
                .append(",\"u\":");
        if (m.uniMmrE8() == MarginSnapshot.NULL_RATIO) {
            sb.append("null");
        } else {
            sb.append('"').append(MarginSnapshot.plain(m.uniMmrE8())).append('"');
        }
        sb.append(",\"eq\":\"").append(MarginSnapshot.plain(m.accountEquityE8()))
                .append("\",\"ae\":\"").append(MarginSnapshot.plain(m.actualEquityE8()))
                .append("\",\"im\":\"").append(MarginSnapshot.plain(m.initialMarginE8()))
                .append("\",\"mm\":\"").append(MarginSnapshot.plain(m.maintMarginE8()))
                .append("\",\"avb\":\"").append(MarginSnapshot.plain(m.availableBalanceE8()))
                .append("\",\"vmw\":\"").append(MarginSnapshot.plain(m.virtualMaxWithdrawE8()))
                .append("\",\"s\":\"").append(m.accountStatus())
                .append("\",\"U\":").append(m.updateId()).append("}}");
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] markPrice(String stream, String symbol, BigDecimal price, long eventTime) {
        return ("{\"stream\":\"" + stream + "\",\"data\":{\"e\":\"markPriceUpdate\",\"E\":" + eventTime
                + ",\"s\":\"" + symbol + "\",\"p\":\"" + Decimals.format(price) + "\"}}")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** The §6 wire record of one account event (amounts at 8 decimals). */
    static StreamEvent toWire(AccountEvent event) {
        if (event instanceof AccountEvent.BalanceChanged e) {
            return new BalanceUpdate(e.eventTime(), e.asset(), d(e.delta()), e.updateId(), e.transactionTime());
        } else if (event instanceof AccountEvent.AccountPositionUpdated e) {
            return new OutboundAccountPosition(e.eventTime(), e.lastUpdateTime(), e.updateId(), e.balances().stream()
                    .map(f -> new OutboundAccountPosition.Balance(f.asset(), d(f.free()), d(f.locked()))).toList());
        } else if (event instanceof AccountEvent.AccountUpdated e) {
            return new AccountUpdate(e.eventTime(), e.transactionTime(), FuturesType.valueOf(e.fs()),
                    new AccountUpdate.Update(e.reason(),
                            e.balances().stream().map(w -> new AccountUpdate.Balance(w.asset(), d(w.walletBalance()),
                                    d(w.crossWalletBalance()), d(w.balanceChange()))).toList(),
                            e.positions().stream().map(p -> new AccountUpdate.Position(p.symbol(),
                                    d(p.positionAmt()), d(p.entryPrice()), d(p.unrealizedProfit()),
                                    p.positionSide())).toList()));
        } else if (event instanceof AccountEvent.OrderFilled e) {
            return new OrderTradeUpdate(e.eventTime(), FuturesType.valueOf(e.fs()), new OrderTradeUpdate.Order(
                    e.symbol(), e.clientOrderId(), Side.valueOf(e.side()), OrderType.valueOf(e.orderType()),
                    d(e.quantity()), d(e.avgPrice()), OrderStatus.valueOf(e.status()), d(e.cumulativeQty())));
        } else if (event instanceof AccountEvent.RiskLevelChanged e) {
            return new RiskLevelChange(e.eventTime(), d(e.uniMMR()), AccountStatus.valueOf(e.accountStatus()),
                    d(e.accountEquity()), d(e.actualEquity()), d(e.maintMargin()));
        } else if (event instanceof AccountEvent.MarginAlertRaised e) {
            return new MarginAlert(e.eventTime(), d(e.uniMMR()), AccountStatus.valueOf(e.accountStatus()),
                    d(e.accountEquity()), d(e.actualEquity()), d(e.maintMargin()), e.threshold());
        } else if (event instanceof AccountEvent.TransferCompleted e) {
            return new TransferUpdate(e.eventTime(), e.tranId(), e.asset(), d(e.amount()), Wallet.valueOf(e.from()),
                    Wallet.valueOf(e.to()), e.updateId());
        }
        throw new IllegalArgumentException("unknown event type " + event.getClass().getName());
    }

    private static BigDecimal d(BigDecimal v) {
        return v == null ? null : Decimals.scale8(v);
    }
}
