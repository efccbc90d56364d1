package io.marginstream.gateway.session;

import io.marginstream.gateway.engine.AccountEvent;
import io.marginstream.gateway.engine.EngineListener;
import io.marginstream.gateway.engine.MarginSnapshot;
import io.marginstream.protocol.Decimals;
import io.marginstream.protocol.JsonBytes;
import io.marginstream.protocol.binance.PmEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The engine's output, fanned out to sessions: each event is encoded once per shape — the {@code /ws} shape for
 * {@code userData} subscribers ({@link UserDataEncoding}), Binance's for listenKey and market-stream connections
 * ({@link PmEncoding}) — and the same bytes go to every subscribed session. Called on the engine thread; never
 * blocks.
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
                    byte[] frame = UserDataEncoding.frame(e);
                    for (Session s : subscribers) {
                        p.add(s, LoopBatch.USER_DATA, frame, null, 0);
                    }
                }
                if (pm.length > 0) {
                    byte[] raw = PmEncoding.frame(e);
                    if (raw != null) {
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
            JsonBytes.ascii("{\"stream\":\"marginRatio\",\"data\":{\"e\":\"marginRatio\",\"E\":");
    private static final byte[] RATIO_U = JsonBytes.field("u");
    private static final byte[] RATIO_EQ = JsonBytes.field("eq");
    private static final byte[] RATIO_AE = JsonBytes.field("ae");
    private static final byte[] RATIO_IM = JsonBytes.field("im");
    private static final byte[] RATIO_MM = JsonBytes.field("mm");
    private static final byte[] RATIO_AVB = JsonBytes.field("avb");
    private static final byte[] RATIO_VMW = JsonBytes.field("vmw");
    private static final byte[] RATIO_S = JsonBytes.field("s");
    private static final byte[] RATIO_UPDATE = JsonBytes.field("U");
    private static final byte[] RATIO_END = JsonBytes.ascii("}}");

    /**
     * {@code {"stream":"marginRatio","data":{"e":"marginRatio","E",...}}}, written by hand straight into bytes: the
     * hot path (one frame per recomputed account per tick, on the engine thread). Amounts as
     * {@link MarginSnapshot#plain}: plain decimals with 8 places.
     */
    static byte[] marginRatio(MarginSnapshot m) {
        JsonBytes w = JsonBytes.open().raw(RATIO_HEAD).number(m.eventTime()).raw(RATIO_U);
        if (m.uniMmrE8() == MarginSnapshot.NULL_RATIO) {
            w.nullValue();
        } else {
            w.e8(m.uniMmrE8());
        }
        return w.raw(RATIO_EQ).e8(m.accountEquityE8()).raw(RATIO_AE).e8(m.actualEquityE8())
                .raw(RATIO_IM).e8(m.initialMarginE8()).raw(RATIO_MM).e8(m.maintMarginE8())
                .raw(RATIO_AVB).e8(m.availableBalanceE8()).raw(RATIO_VMW).e8(m.virtualMaxWithdrawE8())
                .raw(RATIO_S).name(m.accountStatus()).raw(RATIO_UPDATE).number(m.updateId()).raw(RATIO_END)
                .toBytes();
    }

    static byte[] markPrice(String stream, String symbol, BigDecimal price, long eventTime) {
        return ("{\"stream\":\"" + stream + "\",\"data\":{\"e\":\"markPriceUpdate\",\"E\":" + eventTime
                + ",\"s\":\"" + symbol + "\",\"p\":\"" + Decimals.format(price) + "\"}}")
                .getBytes(StandardCharsets.US_ASCII);
    }
}
