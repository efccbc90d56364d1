package io.marginstream.gateway.engine;

import io.marginstream.gateway.engine.orders.Order;
import io.marginstream.protocol.message.OrderType;
import io.marginstream.protocol.message.Side;
import io.marginstream.protocol.message.Wallet;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Copies the whole engine state into an {@link EngineState} and back. Engine thread only (or before start). */
final class Snapshots {
    private Snapshots() {}

    static EngineState take(EngineCore core) {
        Map<String, BigDecimal> m = core.marks.all();
        List<EngineState.AccountState> list = new ArrayList<>(core.accounts.all().size());
        for (Account a : core.accounts.all()) {
            Map<String, Map<String, BigDecimal>> bal = new LinkedHashMap<>();
            for (Wallet w : Wallet.values()) {
                Map<String, BigDecimal> row = new LinkedHashMap<>();
                for (int asset = 0; asset < core.market.assetCount; asset++) {
                    BigDecimal v = a.balance(w, asset);
                    if (v.signum() != 0) {
                        row.put(core.market.assetNames[asset], v);
                    }
                }
                if (!row.isEmpty()) {
                    bal.put(w.name(), java.util.Collections.unmodifiableMap(row));
                }
            }
            List<EngineState.PositionState> pos = new ArrayList<>();
            for (Position p : a.positions) {
                if (p != null) {
                    pos.add(new EngineState.PositionState(core.market.symbolNames[p.symbol], p.amount, p.entryPrice));
                }
            }
            List<OrderResult> open = new ArrayList<>(a.openOrders.size());
            for (Order o : a.openOrders.all()) {
                open.add(core.orderEvents.open(o));
            }
            list.add(new EngineState.AccountState(a.id, a.vipLevel, a.portfolioMargin, a.status, a.updateId,
                    a.updateTime, bal, pos, a.settings, a.alertsBelowMask, a.autoCollectionDay, a.autoCollectionUsed,
                    new ArrayList<>(a.bnbTransferTimes), a.autocloseCount, a.clientTranIds.toList(),
                    new ArrayList<>(a.history), open, new ArrayList<>(a.closedOrders)));
        }
        return new EngineState(core.lastSeq, core.nextTranId, core.nextOrderId, core.feedEnabled, core.lastTime, m, list,
                options(core));
    }

    private static EngineState.OptionsState options(EngineCore core) {
        OptionMarket om = core.options;
        List<EngineState.SurfaceState> surfaces = new ArrayList<>();
        for (int u = 0; u < core.market.underlyingCount; u++) {
            if (om.surface.has(u)) {
                surfaces.add(new EngineState.SurfaceState(core.market.underlyingNames[u], om.surface.atmVol(u),
                        om.surface.skew(u), om.surface.termSlope(u), om.pricer.pricedAt(u)));
            }
        }
        return new EngineState.OptionsState(om.offsetMillis, om.settledThrough, surfaces);
    }

    /**
     * Restores the option side: clock, surfaces, the settled options at their final marks (from the snapshot's
     * marks), and the live options repriced at the market time they were priced at. A state without option state
     * restores the configured surfaces priced at its last command's time.
     */
    private static void restoreOptions(EngineCore core, EngineState st) {
        OptionMarket om = core.options;
        EngineState.OptionsState os = st.options();
        long[] pricedAt = new long[core.market.underlyingCount];
        java.util.Arrays.fill(pricedAt, st.lastTimeMillis());
        om.offsetMillis = 0;
        om.settledThrough = 0;
        if (os != null) {
            om.offsetMillis = os.marketOffsetMillis();
            om.settledThrough = os.settledThroughMillis();
            for (EngineState.SurfaceState ss : os.surfaces()) {
                int u = core.market.underlying(ss.underlying());
                if (u < 0 || !om.surface.has(u)) {
                    throw new IllegalArgumentException("snapshot surface of an underlying without options: "
                            + ss.underlying());
                }
                om.surface.set(u, ss.atmVol(), ss.skew(), ss.termSlope());
                pricedAt[u] = ss.pricedAtMillis();
            }
        }
        for (int s = core.market.futuresCount; s < core.market.symbolCount; s++) {
            if (core.market.optionExpiry[s] <= om.settledThrough) {
                BigDecimal value = st.marks().get(core.market.symbolNames[s]);
                if (value == null) {
                    throw new IllegalArgumentException("snapshot has no final mark for settled option "
                            + core.market.symbolNames[s]);
                }
                om.pricer.freeze(s, value.doubleValue());
                core.marks.settle(s, value, st.lastTimeMillis());
            }
        }
        for (int u = 0; u < core.market.underlyingCount; u++) {
            if (om.surface.has(u)) {
                om.pricer.reprice(u, pricedAt[u]);
                core.marks.optionsRepriced(u, st.lastTimeMillis());
            }
        }
    }

    static void restore(EngineCore core, EngineState st) {
        core.marks.restore(st.marks());
        restoreOptions(core, st);
        core.exposure.clear();
        core.resting.clear();
        core.accounts.clear();
        for (EngineState.AccountState as : st.accounts()) {
            Account a = new Account(as.id(), core.accounts.nextIndex(), core.market);
            a.vipLevel = as.vipLevel();
            a.portfolioMargin = as.portfolioMargin();
            a.status = as.accountStatus();
            a.updateId = as.updateId();
            a.updateTime = as.updateTime();
            for (Map.Entry<String, Map<String, BigDecimal>> w : as.balances().entrySet()) {
                Wallet wallet = Wallet.valueOf(w.getKey());
                for (Map.Entry<String, BigDecimal> b : w.getValue().entrySet()) {
                    int asset = core.market.asset(b.getKey());
                    if (asset < 0) {
                        throw new IllegalArgumentException("snapshot balance of unknown asset " + b.getKey());
                    }
                    a.set(wallet, asset, b.getValue());
                }
            }
            for (EngineState.PositionState ps : as.positions()) {
                int s = core.market.symbol(ps.symbol());
                if (s < 0) {
                    throw new IllegalArgumentException("snapshot position on unknown symbol " + ps.symbol());
                }
                a.positions[s] = new Position(s, ps.positionAmt(), ps.entryPrice());
            }
            a.settings = as.riskSettings();
            core.rules.applyTo(a.settings, a.book);
            a.alertThresholdsE8 = core.rules.alertsE8(a.settings);
            a.autoCollectionDay = as.autoCollectionDay();
            a.autoCollectionUsed = as.autoCollectionUsed();
            a.bnbTransferTimes.addAll(as.bnbTransferTimes());
            a.autocloseCount = as.autocloseCount();
            for (EngineState.ClientTranIdEntry e : as.clientTranIds()) {
                if (a.clientTranIds.get(e.clientTranId()) != null) {
                    throw new IllegalArgumentException("snapshot lists clientTranId " + e.clientTranId() + " twice");
                }
                a.clientTranIds.add(e);
            }
            for (TransferRecord r : as.history()) {
                a.history.add(shared(a, r));
            }
            for (OrderResult r : as.openOrders()) {
                core.resting.rest(a, order(core, a, r));
            }
            a.closedOrders.addAll(as.closedOrders());
            core.accounts.add(a);
            core.evaluator.settle(a, st.lastTimeMillis(), false);
            a.alertsBelowMask = as.alertsBelowMask();
        }
        core.accounts.publishIds();
        core.lastSeq = st.lastSeq();
        core.lastTime = st.lastTimeMillis();
        core.nextTranId = st.nextTranId();
        core.nextOrderId = st.nextOrderId();
        core.feedEnabled = st.feedEnabled();
        core.output.discard();
        core.marks.publish();
    }

    /**
     * {@code r}, or the equal record its clientTranId's entry holds: a decoded snapshot has two equal copies of a
     * keyed transfer's record (history and clientTranIds), the running engine one object.
     */
    private static TransferRecord shared(Account a, TransferRecord r) {
        if (r.clientTranId() != null && a.clientTranIds.get(r.clientTranId()) instanceof TransferRecord e
                && e.equals(r)) {
            return e;
        }
        return r;
    }

    /** An open order back from its {@link OrderResult} (absent prices are 0 there, {@code null} here). */
    private static Order order(EngineCore core, Account a, OrderResult r) {
        int s = core.market.symbol(r.symbol());
        if (s < 0) {
            throw new IllegalArgumentException("snapshot order on unknown symbol " + r.symbol());
        }
        OrderType type = r.type();
        return new Order(r.orderId(), r.clientOrderId(), a.index, s, r.side() == Side.BUY, type, r.timeInForce(),
                r.closePosition() ? null : r.origQty(), type == OrderType.LIMIT ? r.price() : null,
                Order.triggered(type) ? r.stopPrice() : null, r.reduceOnly(), r.closePosition(), r.time());
    }
}
