package io.marginstream.gateway.engine;

import io.marginstream.gateway.engine.AccountEvent.AccountPositionUpdated;
import io.marginstream.gateway.engine.AccountEvent.AccountUpdated;
import io.marginstream.gateway.engine.AccountEvent.BalanceChanged;
import io.marginstream.gateway.engine.AccountEvent.FreeLocked;
import io.marginstream.gateway.engine.AccountEvent.WalletBalance;
import io.marginstream.gateway.engine.margin.Market;
import io.marginstream.protocol.message.FuturesType;
import io.marginstream.protocol.message.Wallet;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What one batch produced, held until the batch is durable: each account's events numbered by its update id
 * {@code U} ({@link #nextU}), the PM accounts whose margin figures were recomputed, and (through {@link Marks}) the
 * changed marks. {@link #publish} hands it all to the {@link EngineListener}, the engine's event sink, and only
 * then makes the new marks those {@link MarginEngine#marks()} returns; {@link #discard} drops it. Owned by the engine thread.
 */
final class BatchOutput {
    private static final System.Logger LOG = System.getLogger(BatchOutput.class.getName());

    private final Market market;
    private final Marks marks;
    private final List<Account> withEvents = new ArrayList<>();
    private final List<Account> marginDirty = new ArrayList<>();

    BatchOutput(Market market, Marks marks) {
        this.market = market;
        this.marks = marks;
    }

    /** The account's next update id {@code U}, for an event about to be emitted. */
    long nextU(Account a) {
        if (!a.hasPending) {
            a.hasPending = true;
            withEvents.add(a);
        }
        return ++a.updateId;
    }

    void emit(Account a, AccountEvent e) {
        a.pending.add(e);
    }

    /** Marks the account's margin figures for publication at the end of the batch. */
    void marginChanged(Account a) {
        if (!a.marginDirty) {
            a.marginDirty = true;
            marginDirty.add(a);
        }
    }

    /**
     * Events for balance changes: {@code balanceUpdate} per SPOT or CROSS_MARGIN change (then one
     * {@code outboundAccountPosition} with the touched cross-margin assets), one {@code ACCOUNT_UPDATE} per UM/CM
     * wallet touched.
     */
    void emitMoves(Account a, long now, String reason, Moves moves) {
        List<Integer> crossAssets = new ArrayList<>();
        for (int i = 0; i < moves.wallets.size(); i++) {
            Wallet w = moves.wallets.get(i);
            if (w == Wallet.SPOT || w == Wallet.CROSS_MARGIN) {
                int asset = moves.assets.get(i);
                emit(a, new BalanceChanged(nextU(a), now, w, market.assetNames[asset], moves.deltas.get(i),
                        now));
                if (w == Wallet.CROSS_MARGIN && !crossAssets.contains(asset)) {
                    crossAssets.add(asset);
                }
            }
        }
        if (!crossAssets.isEmpty()) {
            List<FreeLocked> b = new ArrayList<>();
            for (int asset : crossAssets) {
                b.add(new FreeLocked(market.assetNames[asset], a.balance(Wallet.CROSS_MARGIN, asset), BigDecimal.ZERO));
            }
            emit(a, new AccountPositionUpdated(nextU(a), now, now, b));
        }
        for (Wallet w : new Wallet[] {Wallet.UM, Wallet.CM}) {
            List<WalletBalance> b = new ArrayList<>();
            for (int i = 0; i < moves.wallets.size(); i++) {
                if (moves.wallets.get(i) == w) {
                    int asset = moves.assets.get(i);
                    BigDecimal wb = a.balance(w, asset);
                    b.add(new WalletBalance(market.assetNames[asset], wb, wb, moves.deltas.get(i)));
                }
            }
            if (!b.isEmpty()) {
                FuturesType fs = w == Wallet.CM ? FuturesType.CM : FuturesType.UM;
                emit(a, new AccountUpdated(nextU(a), now, now, fs, reason, b, List.of()));
            }
        }
    }

    /** Hands the batch's output to the listener (engine thread, after the batch is durable). */
    void publish(EngineListener listener) {
        Map<String, BigDecimal> changedMarks = marks.takeChanged();
        try {
            handOn(listener, changedMarks);
        } finally {
            if (changedMarks != null) {
                marks.publish();
            }
        }
    }

    private void handOn(EngineListener listener, Map<String, BigDecimal> changedMarks) {
        if (changedMarks != null) {
            try {
                listener.onMarkPrices(marks.changedTime(), changedMarks);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "listener failed on marks", e);
            }
        }
        for (Account a : withEvents) {
            List<AccountEvent> events = List.copyOf(a.pending);
            a.pending.clear();
            a.hasPending = false;
            try {
                listener.onAccountEvents(a.id, events);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "listener failed on events of " + a.id, e);
            }
        }
        withEvents.clear();
        for (Account a : marginDirty) {
            a.marginDirty = false;
            if (!a.portfolioMargin) {
                continue;
            }
            try {
                listener.onMarginRatio(a.id, snapshotOf(a));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "listener failed on margin of " + a.id, e);
            }
        }
        marginDirty.clear();
        try {
            listener.onBatchEnd();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "listener failed at the end of a batch", e);
        }
    }

    /**
     * Drops the batch's output (replay, or a batch that failed to become durable); returns whether it changed
     * marks (nothing is published).
     */
    boolean discard() {
        boolean marksChanged = marks.dropChanged();
        for (Account a : withEvents) {
            a.pending.clear();
            a.hasPending = false;
        }
        withEvents.clear();
        for (Account a : marginDirty) {
            a.marginDirty = false;
        }
        marginDirty.clear();
        return marksChanged;
    }

    static MarginSnapshot snapshotOf(Account a) {
        return new MarginSnapshot(a.uniMmrE8, a.accountEquityE8, a.actualEquityE8, a.initialMarginE8,
                a.maintMarginE8, a.availableE8, a.withdrawableE8, a.status, a.updateId, a.evaluatedAt);
    }
}
