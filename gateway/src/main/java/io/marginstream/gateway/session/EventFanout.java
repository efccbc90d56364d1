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
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

    /** The §6 wire shape of one account event. */
    static Map<String, Object> toWire(AccountEvent event) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (event instanceof AccountEvent.BalanceChanged e) {
            m.put("e", "balanceUpdate");
            m.put("E", e.eventTime());
            m.put("a", e.asset());
            m.put("d", d(e.delta()));
            m.put("U", e.updateId());
            m.put("T", e.transactionTime());
        } else if (event instanceof AccountEvent.AccountPositionUpdated e) {
            m.put("e", "outboundAccountPosition");
            m.put("E", e.eventTime());
            m.put("u", e.lastUpdateTime());
            List<Map<String, Object>> b = new ArrayList<>();
            for (AccountEvent.FreeLocked f : e.balances()) {
                b.add(ordered("a", f.asset(), "f", d(f.free()), "l", d(f.locked())));
            }
            m.put("B", b);
            m.put("U", e.updateId());
        } else if (event instanceof AccountEvent.AccountUpdated e) {
            m.put("e", "ACCOUNT_UPDATE");
            m.put("E", e.eventTime());
            m.put("T", e.transactionTime());
            m.put("fs", e.fs());
            List<Map<String, Object>> b = new ArrayList<>();
            for (AccountEvent.WalletBalance w : e.balances()) {
                b.add(ordered("a", w.asset(), "wb", d(w.walletBalance()), "cw", d(w.crossWalletBalance()),
                        "bc", d(w.balanceChange())));
            }
            List<Map<String, Object>> p = new ArrayList<>();
            for (AccountEvent.PositionAmount pa : e.positions()) {
                p.add(ordered("s", pa.symbol(), "pa", d(pa.positionAmt()), "ep", d(pa.entryPrice()),
                        "up", d(pa.unrealizedProfit()), "ps", pa.positionSide()));
            }
            m.put("a", ordered("m", e.reason(), "B", b, "P", p));
            m.put("U", e.updateId());
        } else if (event instanceof AccountEvent.OrderFilled e) {
            m.put("e", "ORDER_TRADE_UPDATE");
            m.put("E", e.eventTime());
            m.put("T", e.transactionTime());
            m.put("fs", e.fs());
            Map<String, Object> o = ordered("s", e.symbol(), "c", e.clientOrderId(), "S", e.side(),
                    "o", e.orderType(), "q", d(e.quantity()), "ap", d(e.avgPrice()), "X", e.status(),
                    "z", d(e.cumulativeQty()));
            o.put("i", e.orderId());
            o.put("rp", d(e.realizedProfit()));
            o.put("n", d(e.commission()));
            o.put("N", e.commissionAsset());
            m.put("o", o);
            m.put("U", e.updateId());
        } else if (event instanceof AccountEvent.RiskLevelChanged e) {
            m.put("e", "riskLevelChange");
            m.put("E", e.eventTime());
            m.put("u", d(e.uniMMR()));
            m.put("s", e.accountStatus());
            m.put("eq", d(e.accountEquity()));
            m.put("ae", d(e.actualEquity()));
            m.put("m", d(e.maintMargin()));
            m.put("U", e.updateId());
        } else if (event instanceof AccountEvent.MarginAlertRaised e) {
            m.put("e", "marginAlert");
            m.put("E", e.eventTime());
            m.put("u", d(e.uniMMR()));
            m.put("s", e.accountStatus());
            m.put("eq", d(e.accountEquity()));
            m.put("ae", d(e.actualEquity()));
            m.put("m", d(e.maintMargin()));
            m.put("threshold", d(e.threshold()));
            m.put("U", e.updateId());
        } else if (event instanceof AccountEvent.TransferCompleted e) {
            m.put("e", "transferUpdate");
            m.put("E", e.eventTime());
            m.put("tranId", e.tranId());
            m.put("asset", e.asset());
            m.put("amount", d(e.amount()));
            m.put("from", e.from());
            m.put("to", e.to());
            m.put("U", e.updateId());
        } else {
            throw new IllegalArgumentException("unknown event type " + event.getClass().getName());
        }
        return m;
    }

    private static String d(BigDecimal v) {
        return v == null ? null : Decimals.format(v);
    }

    private static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
