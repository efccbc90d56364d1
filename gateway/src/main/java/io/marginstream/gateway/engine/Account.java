package io.marginstream.gateway.engine;

import io.marginstream.gateway.engine.margin.Market;
import io.marginstream.gateway.engine.margin.RiskBook;
import io.marginstream.gateway.engine.orders.OpenOrders;
import io.marginstream.protocol.message.AccountStatus;
import io.marginstream.protocol.message.Wallet;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One account's mutable state: the exact ledger (wallet × asset), positions, open orders and the recently closed
 * ones, settings, counters, the numeric
 * {@link RiskBook} derived from them, the figures of its last evaluation (scaled by 1e8) and the events it has
 * pending for the current batch. Owned by the engine thread.
 */
final class Account {
    /** Transfer-history entries kept per account. */
    static final int HISTORY_LIMIT = 1_000;
    /** Closed (filled, canceled, expired) orders kept per account for {@code order.query} and {@code allOrders}. */
    static final int CLOSED_ORDER_LIMIT = 200;

    final String id;
    final int index;
    int vipLevel;
    boolean portfolioMargin;
    AccountStatus status = AccountStatus.NORMAL;
    long updateId;
    long updateTime;

    /** [wallet ordinal][asset index], never null. */
    final BigDecimal[][] balances;
    /** Per symbol, or null. */
    final Position[] positions;
    RiskSettings settings;
    /** Alert thresholds as scaled longs, descending. */
    long[] alertThresholdsE8 = new long[0];
    long alertsBelowMask;

    long autoCollectionDay;
    int autoCollectionUsed;
    final ArrayDeque<Long> bnbTransferTimes = new ArrayDeque<>();
    long autocloseCount;
    final ClientTranIds clientTranIds = new ClientTranIds();
    final ArrayDeque<TransferRecord> history = new ArrayDeque<>();
    final OpenOrders openOrders = new OpenOrders();
    /** The most recently closed orders, oldest first. */
    final ArrayDeque<OrderResult> closedOrders = new ArrayDeque<>();

    final RiskBook book;
    /** Per asset: USD value basis for virtualMaxWithdraw: the positive CROSS_MARGIN balance. */
    final double[] crossPositive;
    /** Symbols whose marks move this account's figures (an option counts as its underlying's reference symbol). */
    long exposureMask;

    long accountEquityE8;
    long actualEquityE8;
    long initialMarginE8;
    long maintMarginE8;
    long openOrderImE8;
    long openLossE8;
    long uniMmrE8 = io.marginstream.gateway.engine.MarginSnapshot.NULL_RATIO;
    long availableE8;
    long withdrawableE8;
    long evaluatedAt;

    final List<AccountEvent> pending = new ArrayList<>(4);
    boolean hasPending;
    boolean marginDirty;

    Account(String id, int index, Market market) {
        this.id = id;
        this.index = index;
        this.balances = new BigDecimal[Wallet.values().length][market.assetCount];
        for (BigDecimal[] row : balances) {
            java.util.Arrays.fill(row, BigDecimal.ZERO);
        }
        this.positions = new Position[market.symbolCount];
        this.book = new RiskBook(market);
        this.crossPositive = new double[market.assetCount];
    }

    BigDecimal balance(Wallet w, int asset) {
        return balances[w.ordinal()][asset];
    }

    void add(Wallet w, int asset, BigDecimal delta) {
        balances[w.ordinal()][asset] = balances[w.ordinal()][asset].add(delta);
    }

    void set(Wallet w, int asset, BigDecimal value) {
        balances[w.ordinal()][asset] = value;
    }

    boolean hasPositions() {
        for (Position p : positions) {
            if (p != null) {
                return true;
            }
        }
        return false;
    }

    void remember(TransferRecord r) {
        history.addLast(r);
        while (history.size() > HISTORY_LIMIT) {
            history.removeFirst();
        }
    }

    void rememberClosed(OrderResult o) {
        closedOrders.addLast(o);
        while (closedOrders.size() > CLOSED_ORDER_LIMIT) {
            closedOrders.removeFirst();
        }
    }

    /**
     * Rebuilds the numeric book from the ledger, positions and open orders (settings are applied separately) and
     * returns the exposure mask: the symbols whose marks move this account.
     */
    long rebuildBook(Market market) {
        RiskBook b = book;
        long mask = 0;
        for (int a = 0; a < market.assetCount; a++) {
            BigDecimal sum = balances[Wallet.CROSS_MARGIN.ordinal()][a]
                    .add(balances[Wallet.UM.ordinal()][a]).add(balances[Wallet.CM.ordinal()][a]);
            b.balance[a] = sum.doubleValue();
            BigDecimal cross = balances[Wallet.CROSS_MARGIN.ordinal()][a];
            crossPositive[a] = cross.signum() > 0 ? cross.doubleValue() : 0;
            if ((sum.signum() != 0 || cross.signum() != 0) && market.assetPriceSymbol[a] >= 0) {
                mask |= 1L << market.assetPriceSymbol[a];
            }
        }
        b.clearPositions();
        for (Position p : positions) {
            if (p == null) {
                continue;
            }
            b.addPosition(p.symbol, p.amount.doubleValue(), p.entryPrice.doubleValue(), market.inverse[p.symbol]);
            mask |= 1L << market.exposureSymbol[p.symbol];
            int priceSym = market.assetPriceSymbol[market.settlementAsset[p.symbol]];
            if (priceSym >= 0) {
                mask |= 1L << priceSym;
            }
        }
        return mask | openOrders.fillBook(b, market);
    }
}
