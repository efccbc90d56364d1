package io.marginstream.gateway.session;

import io.marginstream.gateway.engine.AccountEvent;
import io.marginstream.gateway.engine.EngineListener;
import io.marginstream.gateway.engine.MarginSnapshot;
import io.marginstream.protocol.Decimals;
import io.marginstream.protocol.ProtocolJson;
import io.marginstream.protocol.binance.PmEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import io.marginstream.protocol.message.AccountUpdate;
import io.marginstream.protocol.message.BalanceUpdate;
import io.marginstream.protocol.message.MarginAlert;
import io.marginstream.protocol.message.OrderTradeUpdate;
import io.marginstream.protocol.message.OutboundAccountPosition;
import io.marginstream.protocol.message.RiskLevelChange;
import io.marginstream.protocol.message.StreamEvent;
import io.marginstream.protocol.message.TransferUpdate;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The engine's output, fanned out to sessions: each event is encoded once per shape — the {@code /ws} shape for
 * {@code userData} subscribers, Binance's for listenKey and market-stream connections ({@link PmEncoding}) — and the
 * same bytes go to every subscribed session. Called on the engine thread; never blocks.
 *
 * <p>Deliveries are not handed to the sessions one by one: during an engine batch they are collected per event loop
 * (a {@link LoopBatch} of (session, frame) pairs in engine order), and at {@link #onBatchEnd()} each loop gets
 * <b>one</b> task that offers them to the outboxes and drains each touched outbox once. A tick that recomputes
 * 10,000 accounts thus costs one hand-off per event loop, not one (or two) per session. A loop that is behind
 * gets no more tasks: later batches are merged into its last queued one (see {@link LoopBatch}), so memory stays
 * bounded while a loop stalls. Engine order per account is kept: one account's deliveries to one loop are in one task in engine order, and tasks run in FIFO order.
 * The batch is handed on before the engine completes the batch's command results, so a response still follows the
 * events its command produced.
 *
 * <p>Pending deliveries are kept per calling thread: the engine thread in production; a test that plays engine
 * output into the fan-out from its own thread calls {@link #onBatchEnd()} after it, just as the engine does.
 */
public final class EventFanout implements EngineListener {
    private static final Logger log = LoggerFactory.getLogger(EventFanout.class);
    private final SessionRegistry registry;
    /** The pending deliveries of the first thread that called (the engine thread), without a ThreadLocal lookup. */
    private volatile Thread owner;
    private Pending ownerPending;
    private final ThreadLocal<Pending> others = ThreadLocal.withInitial(Pending::new);

    public EventFanout(SessionRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onAccountEvents(String accountId, List<AccountEvent> events) {
        Session[] subscribers = registry.userDataSubscribers(accountId);
        PmSubscriber[] pm = registry.pmUserDataSubscribers(accountId);
        if (subscribers.length == 0 && pm.length == 0) {
            return;
        }
        Pending p = pending();
        for (AccountEvent e : events) {
            try {
                if (subscribers.length > 0) {
                    byte[] frame = ProtocolJson.eventBytes("userData", toWire(e));
                    for (Session s : subscribers) {
                        p.add(s, LoopBatch.USER_DATA, frame, null, 0);
                    }
                }
                if (pm.length > 0) {
                    for (byte[] raw : PmEncoding.frames(e)) {
                        deliverPm(p, pm, LoopBatch.PM_USER_DATA, raw, 0);
                    }
                }
            } catch (RuntimeException ex) {
                log.error("cannot encode event {} of account {}", e, accountId, ex);
            }
        }
    }

    /**
     * Hands one Binance-shaped frame to its subscribers: raw ones get {@code raw}; combined ones get it wrapped in
     * {@code {"stream":name,"data":raw}}, wrapped once per name (nearly always one: a listenKey, a stream name).
     */
    private static void deliverPm(Pending p, PmSubscriber[] subs, byte kind, byte[] raw, long eventTime) {
        String lastName = null;
        byte[] wrapped = null;
        for (PmSubscriber sub : subs) {
            byte[] frame = raw;
            if (sub.combined()) {
                if (!sub.name().equals(lastName)) {
                    lastName = sub.name();
                    wrapped = PmEncoding.wrap(lastName, raw);
                }
                frame = wrapped;
            }
            p.add(sub.session(), kind, frame, sub.name(), eventTime);
        }
    }

    @Override
    public void onMarginRatio(String accountId, MarginSnapshot m) {
        Session[] subscribers = registry.marginRatioSubscribers(accountId);
        if (subscribers.length == 0) {
            return;
        }
        byte[] frame = marginRatio(m);
        Pending p = pending();
        for (Session s : subscribers) {
            p.add(s, LoopBatch.RATIO, frame, null, m.eventTime());
        }
    }

    @Override
    public void onMarkPrices(long eventTime, Map<String, BigDecimal> marks) {
        Session[] all = registry.markAllSubscribers();
        Pending p = pending();
        for (Map.Entry<String, BigDecimal> e : marks.entrySet()) {
            String symbol = e.getKey();
            Session[] one = registry.markSubscribers(symbol);
            if (one.length > 0) {
                String stream = "markPrice@" + symbol;
                byte[] frame = markPrice(stream, symbol, e.getValue(), eventTime);
                String key = stream + "\n";
                for (Session s : one) {
                    p.add(s, LoopBatch.MARK, frame, key, eventTime);
                }
            }
            if (all.length > 0) {
                byte[] frame = markPrice("markPrice", symbol, e.getValue(), eventTime);
                String key = "markPrice\n" + symbol;
                for (Session s : all) {
                    p.add(s, LoopBatch.MARK, frame, key, eventTime);
                }
            }
            PmSubscriber[] pm = registry.pmMarkSubscribers(symbol);
            if (pm.length > 0) {
                BigDecimal mark = Decimals.scale8(e.getValue());
                byte[] raw = PmEncoding.encode(new PmEvents.MarkPriceUpdate(eventTime, symbol, mark, mark, mark,
                        BigDecimal.ZERO, 0));
                deliverPm(p, pm, LoopBatch.PM_MARK, raw, eventTime);
            }
        }
    }

    private Pending pending() {
        Thread t = Thread.currentThread();
        if (t == owner) {
            return ownerPending;
        }
        synchronized (this) {
            if (owner == null) {
                ownerPending = new Pending();
                owner = t;
                return ownerPending;
            }
        }
        return others.get();
    }

    /** Hands each event loop its deliveries of this batch as one task. */
    @Override
    public void onBatchEnd() {
        pending().handOff();
    }

    /** One thread's deliveries of the current batch, by event loop (a handful: a linear scan beats a map). */
    private static final class Pending {
        private LoopState[] states = new LoopState[0];
        private LoopBatch[] open = new LoopBatch[0];
        private boolean any;
        private Executor lastLoop;
        private LoopBatch last;

        void add(Session s, byte kind, byte[] frame, String key, long eventTime) {
            Executor loop = s.loop();
            LoopBatch b = last;
            if (loop != lastLoop) {
                b = batchFor(loop);
                lastLoop = loop;
                last = b;
            }
            b.add(s, kind, frame, key, eventTime);
        }

        private LoopBatch batchFor(Executor loop) {
            int i = 0;
            while (i < states.length && states[i].loop != loop) {
                i++;
            }
            if (i == states.length) {
                states = Arrays.copyOf(states, i + 1);
                open = Arrays.copyOf(open, i + 1);
                states[i] = new LoopState(loop);
            }
            if (open[i] == null) {
                open[i] = new LoopBatch(states[i], states[i].lastBatchSize);
                any = true;
            }
            return open[i];
        }

        void handOff() {
            if (!any) {
                return;
            }
            for (int i = 0; i < open.length; i++) {
                LoopBatch b = open[i];
                if (b == null) {
                    continue;
                }
                open[i] = null;
                LoopState state = b.state;
                LoopBatch tail = state.lastHandedOff;
                if (tail != null && state.queued() >= LoopState.MAX_QUEUED_BATCHES && tail.tryMerge(b)) {
                    continue;
                }
                state.lastBatchSize = b.size();
                state.handingOff();
                try {
                    state.loop.execute(b);
                    state.lastHandedOff = b;
                } catch (RejectedExecutionException e) {
                    state.handOffFailed();
                    log.debug("event loop shut down; {} deliveries dropped", b.size());
                }
            }
            any = false;
            lastLoop = null;
            last = null;
        }
    }

    private static final byte[] RATIO_HEAD =
            ascii("{\"stream\":\"marginRatio\",\"data\":{\"e\":\"marginRatio\",\"E\":");
    private static final byte[] RATIO_U = ascii(",\"u\":");
    private static final byte[] RATIO_NULL = ascii("null");
    private static final byte[] RATIO_EQ = ascii(",\"eq\":\"");
    private static final byte[] RATIO_AE = ascii("\",\"ae\":\"");
    private static final byte[] RATIO_IM = ascii("\",\"im\":\"");
    private static final byte[] RATIO_MM = ascii("\",\"mm\":\"");
    private static final byte[] RATIO_AVB = ascii("\",\"avb\":\"");
    private static final byte[] RATIO_VMW = ascii("\",\"vmw\":\"");
    private static final byte[] RATIO_S = ascii("\",\"s\":\"");
    private static final byte[] RATIO_UPDATE = ascii("\",\"U\":");
    private static final byte[] RATIO_END = ascii("}}");

    /**
     * {@code {"stream":"marginRatio","data":{"e":"marginRatio","E",...}}}, written by hand straight into bytes: the
     * hot path (one frame per recomputed account per tick, on the engine thread). Amounts as
     * {@link MarginSnapshot#plain}: plain decimals with 8 places.
     */
    static byte[] marginRatio(MarginSnapshot m) {
        String status = m.accountStatus().name();
        byte[] b = new byte[RATIO_HEAD.length + 8 * 22 + 96 + status.length()];
        int p = put(b, 0, RATIO_HEAD);
        p = putLong(b, p, m.eventTime());
        p = put(b, p, RATIO_U);
        if (m.uniMmrE8() == MarginSnapshot.NULL_RATIO) {
            p = put(b, p, RATIO_NULL);
        } else {
            b[p++] = '"';
            p = putE8(b, p, m.uniMmrE8());
            b[p++] = '"';
        }
        p = putE8(b, put(b, p, RATIO_EQ), m.accountEquityE8());
        p = putE8(b, put(b, p, RATIO_AE), m.actualEquityE8());
        p = putE8(b, put(b, p, RATIO_IM), m.initialMarginE8());
        p = putE8(b, put(b, p, RATIO_MM), m.maintMarginE8());
        p = putE8(b, put(b, p, RATIO_AVB), m.availableBalanceE8());
        p = putE8(b, put(b, p, RATIO_VMW), m.virtualMaxWithdrawE8());
        p = put(b, p, RATIO_S);
        for (int i = 0; i < status.length(); i++) {
            b[p++] = (byte) status.charAt(i);
        }
        p = put(b, p, RATIO_UPDATE);
        p = putLong(b, p, m.updateId());
        p = put(b, p, RATIO_END);
        return Arrays.copyOf(b, p);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static int put(byte[] b, int p, byte[] part) {
        System.arraycopy(part, 0, b, p, part.length);
        return p + part.length;
    }

    /** A long in decimal. */
    static int putLong(byte[] b, int p, long v) {
        if (v == Long.MIN_VALUE) {
            return put(b, p, ascii(Long.toString(v)));
        }
        if (v < 0) {
            b[p++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long t = v; t >= 10; t /= 10) {
            digits++;
        }
        int end = p + digits;
        for (int i = end - 1; i >= p; i--) {
            b[i] = (byte) ('0' + (v % 10));
            v /= 10;
        }
        return end;
    }

    /** A value scaled by 10^8 as a plain decimal with 8 places, exactly as {@link MarginSnapshot#plain}. */
    static int putE8(byte[] b, int p, long e8) {
        if (e8 == Long.MIN_VALUE) {
            return put(b, p, ascii(MarginSnapshot.plain(e8)));
        }
        if (e8 < 0) {
            b[p++] = '-';
            e8 = -e8;
        }
        p = putLong(b, p, e8 / 100_000_000L);
        b[p++] = '.';
        long frac = e8 % 100_000_000L;
        for (int i = p + 7; i >= p; i--) {
            b[i] = (byte) ('0' + (frac % 10));
            frac /= 10;
        }
        return p + 8;
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
            return new AccountUpdate(e.eventTime(), e.transactionTime(), e.fs(),
                    new AccountUpdate.Update(e.reason(),
                            e.balances().stream().map(w -> new AccountUpdate.Balance(w.asset(), d(w.walletBalance()),
                                    d(w.crossWalletBalance()), d(w.balanceChange()))).toList(),
                            e.positions().stream().map(p -> new AccountUpdate.Position(p.symbol(),
                                    d(p.positionAmt()), d(p.entryPrice()), d(p.unrealizedProfit()),
                                    p.positionSide())).toList()), e.updateId());
        } else if (event instanceof AccountEvent.OrderUpdated e) {
            return new OrderTradeUpdate(e.eventTime(), e.transactionTime(), e.fs(),
                    new OrderTradeUpdate.Order(e.symbol(), e.clientOrderId(), e.side(), e.orderType(),
                            e.timeInForce(), d(e.quantity()), d(e.price()), d(e.avgPrice()), d(e.stopPrice()),
                            e.executionType(), e.status(), e.orderId(), d(e.lastFilledQty()), d(e.cumulativeQty()),
                            d(e.lastFilledPrice()), e.commissionAsset(), d(e.commission()), e.transactionTime(),
                            e.maker(), e.reduceOnly(), e.closePosition(), d(e.realizedProfit()), e.reason()),
                    e.updateId());
        } else if (event instanceof AccountEvent.RiskLevelChanged e) {
            return new RiskLevelChange(e.eventTime(), d(e.uniMMR()), e.accountStatus(), d(e.accountEquity()),
                    d(e.actualEquity()), d(e.maintMargin()), e.updateId());
        } else if (event instanceof AccountEvent.MarginAlertRaised e) {
            return new MarginAlert(e.eventTime(), d(e.uniMMR()), e.accountStatus(), d(e.accountEquity()),
                    d(e.actualEquity()), d(e.maintMargin()), e.threshold(), e.updateId());
        } else if (event instanceof AccountEvent.TransferCompleted e) {
            return new TransferUpdate(e.eventTime(), e.tranId(), e.asset(), d(e.amount()), e.from(), e.to(),
                    e.updateId());
        }
        throw new IllegalArgumentException("unknown event type " + event.getClass().getName());
    }

    private static BigDecimal d(BigDecimal v) {
        return v == null ? null : Decimals.scale8(v);
    }
}
