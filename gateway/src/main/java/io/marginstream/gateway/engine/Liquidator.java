package io.marginstream.gateway.engine;

import io.marginstream.gateway.engine.margin.Market;
import io.marginstream.gateway.engine.margin.RiskFigures;
import io.marginstream.gateway.engine.orders.Order;
import io.marginstream.protocol.message.AccountStatus;
import io.marginstream.protocol.message.OrderType;
import io.marginstream.protocol.message.TimeInForce;
import io.marginstream.protocol.message.Wallet;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The liquidation of §5.6, run by {@link Evaluator#refresh} on the engine thread when an account's status is
 * {@code FORCE_LIQUIDATION}, atomically within the command (or tick) that caused it:
 * <ol>
 *   <li>cancel every open order of the account ({@code ORDER_TRADE_UPDATE} {@code CANCELED} with reason
 *       {@code LIQUIDATION}, before the first liquidation fill);</li>
 *   <li>close positions one at a time at mark, the one whose closing lowers MM most first, charging
 *       {@code risk.liquidationFeeRate} of notional (in the settlement asset), each a reduce-only MARKET order with
 *       {@code clientOrderId} {@code autoclose-<n>} ({@code NEW}, then {@code TRADE}); re-evaluate after each; stop
 *       once uniMMR is null or at least
 *       {@code risk.liquidationTarget};</li>
 *   <li>with no positions left, cover each negative balance: first from a positive CROSS_MARGIN balance of the same
 *       asset (an internal transfer), then by selling positive non-stable CROSS_MARGIN collateral at mark;</li>
 *   <li>end in {@code BANKRUPTED} if actualEquity &lt; 0, else in the status the ratio gives.</li>
 * </ol>
 */
final class Liquidator {
    private final EngineCore core;
    private final Market market;
    private final RiskFigures trial = new RiskFigures();

    Liquidator(EngineCore core) {
        this.core = core;
        this.market = core.market;
    }

    void run(Account a, long now) {
        if (!a.openOrders.isEmpty()) {
            core.resting.cancelAll(a, -1, OrderEvents.LIQUIDATION, now);
            core.exposure.reindex(a, a.rebuildBook(market));
            core.evaluator.store(a, now);
        }
        while (a.hasPositions() && a.uniMmrE8 != MarginSnapshot.NULL_RATIO
                && a.uniMmrE8 < core.risk.liquidationTargetE8()) {
            closeOne(a, pickPosition(a), now);
            core.evaluator.store(a, now);
        }
        if (!a.hasPositions()) {
            coverNegatives(a, now);
        }
        core.exposure.reindex(a, a.rebuildBook(market));
        core.evaluator.store(a, now);
        AccountStatus end;
        if (a.actualEquityE8 < 0) {
            end = AccountStatus.BANKRUPTED;
        } else {
            end = core.evaluator.classify(a);
        }
        if (end != a.status) {
            a.status = end;
            core.evaluator.finishFigures(a);
            core.alerts.emitRiskLevel(a, now);
        }
    }

    /** The symbol whose closing lowers MM most (ties: the first in config order). */
    private int pickPosition(Account a) {
        int best = -1;
        double bestMm = Double.POSITIVE_INFINITY;
        for (int i = 0; i < a.book.positionCount; i++) {
            core.evaluator.evaluate(a, i, trial);
            int s = a.book.symbol[i];
            if (trial.maintMargin < bestMm || (trial.maintMargin == bestMm && s < best)) {
                bestMm = trial.maintMargin;
                best = s;
            }
        }
        return best;
    }

    private void closeOne(Account a, int s, long now) {
        Position p = a.positions[s];
        BigDecimal qty = p.amount.abs();
        BigDecimal signed = p.amount.negate();
        BigDecimal mark = core.marks.of(s);
        BigDecimal fee;
        if (market.inverse[s]) {
            BigDecimal size = core.catalog.contractSizes[s];
            fee = qty.multiply(size).multiply(core.risk.liquidationFeeRate())
                    .divide(mark, Params.MAX_DECIMALS, RoundingMode.HALF_EVEN);
        } else {
            fee = qty.multiply(mark).multiply(core.risk.liquidationFeeRate())
                    .setScale(Params.MAX_DECIMALS, RoundingMode.HALF_EVEN);
        }
        BigDecimal realized = core.fills.fill(a, s, signed, mark);
        Wallet wallet = market.inverse[s] ? Wallet.CM : Wallet.UM;
        a.add(wallet, market.settlementAsset[s], fee.negate());
        a.autocloseCount++;
        a.updateTime = now;
        Order o = new Order(core.nextOrderId++, "autoclose-" + a.autocloseCount, a.index, s, p.amount.signum() < 0,
                OrderType.MARKET, TimeInForce.GTC, qty, null, null, true, false, now);
        core.orderEvents.accepted(a, o, now);
        core.orderEvents.filled(a, o, qty, mark, realized, fee, false, now);
        a.rebuildBook(market);
    }

    private void coverNegatives(Account a, long now) {
        Moves moves = new Moves();
        for (Wallet w : new Wallet[] {Wallet.CROSS_MARGIN, Wallet.UM, Wallet.CM}) {
            for (int asset = 0; asset < market.assetCount; asset++) {
                BigDecimal need = a.balance(w, asset).negate();
                if (need.signum() <= 0) {
                    continue;
                }
                if (w != Wallet.CROSS_MARGIN) {
                    BigDecimal same = a.balance(Wallet.CROSS_MARGIN, asset);
                    if (same.signum() > 0) {
                        BigDecimal x = same.min(need);
                        a.add(Wallet.CROSS_MARGIN, asset, x.negate());
                        a.add(w, asset, x);
                        moves.add(Wallet.CROSS_MARGIN, asset, x.negate());
                        moves.add(w, asset, x);
                        need = need.subtract(x);
                    }
                }
                BigDecimal price = core.marks.assetPrice(asset);
                for (int c = 0; c < market.assetCount && need.signum() > 0; c++) {
                    BigDecimal avail = a.balance(Wallet.CROSS_MARGIN, c);
                    if (c == asset || market.assetUnderlying[c] < 0 || avail.signum() <= 0) {
                        continue;
                    }
                    BigDecimal cPrice = core.marks.assetPrice(c);
                    BigDecimal units = need.multiply(price)
                            .divide(cPrice, Params.MAX_DECIMALS, RoundingMode.UP).min(avail);
                    BigDecimal proceeds = units.multiply(cPrice)
                            .divide(price, Params.MAX_DECIMALS, RoundingMode.DOWN);
                    a.add(Wallet.CROSS_MARGIN, c, units.negate());
                    a.add(w, asset, proceeds);
                    moves.add(Wallet.CROSS_MARGIN, c, units.negate());
                    moves.add(w, asset, proceeds);
                    need = need.subtract(proceeds);
                }
            }
        }
        if (!moves.isEmpty()) {
            a.updateTime = now;
            core.output.emitMoves(a, now, "AUTO_EXCHANGE", moves);
            a.rebuildBook(market);
        }
    }
}
