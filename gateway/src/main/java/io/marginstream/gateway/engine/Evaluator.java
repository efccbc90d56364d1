package io.marginstream.gateway.engine;

import io.marginstream.gateway.engine.margin.MarginModel;
import io.marginstream.gateway.engine.margin.Market;
import io.marginstream.gateway.engine.margin.RiskFigures;
import io.marginstream.protocol.message.AccountStatus;

/**
 * Evaluates accounts: figures from the margin model (stored scaled by 1e8), the status they give, and the
 * re-evaluation after every accepted change or mark move ({@link #refresh}), which raises status and alert events
 * and starts the liquidation. Owned by the engine thread.
 */
final class Evaluator {
    private final EngineCore core;
    private final Market market;
    private final MarginModel model;
    private final RiskThresholds risk;
    private final RiskFigures fig = new RiskFigures();
    private final double[] equityScratch;

    Evaluator(EngineCore core) {
        this.core = core;
        this.market = core.market;
        this.model = core.model;
        this.risk = core.risk;
        this.equityScratch = new double[market.assetCount];
    }

    /** Evaluates a freshly created or restored account without events: figures, index, and (if new) status. */
    void settle(Account a, long now, boolean classifyStatus) {
        core.exposure.reindex(a, a.rebuildBook(market));
        store(a, now);
        if (classifyStatus && a.portfolioMargin) {
            a.status = classify(a);
        }
        finishFigures(a);
        Alerts.resetBelowMask(a);
    }

    /** Rebuilds the account's book after a ledger or position change and re-evaluates it. */
    void afterChange(Account a, long now) {
        core.exposure.reindex(a, a.rebuildBook(market));
        refresh(a, now);
    }

    /** Evaluates {@code a} (leaving out position {@code skip}, or -1) into {@code out}. */
    void evaluate(Account a, int skip, RiskFigures out) {
        MarginModel.equity(a.book, market, skip, equityScratch, out);
        if (a.portfolioMargin) {
            model.margin(a.book, market, skip, out);
        } else {
            out.maintMargin = 0;
            out.initialMargin = 0;
            out.grossNotional = 0;
            out.openOrderInitialMargin = 0;
            out.openLoss = 0;
        }
    }

    /** Evaluates the account and stores its figures scaled by 1e8 (status untouched). */
    void store(Account a, long now) {
        evaluate(a, -1, fig);
        a.accountEquityE8 = E8.of(fig.accountEquity);
        a.actualEquityE8 = E8.of(fig.actualEquity);
        a.maintMarginE8 = E8.of(fig.maintMargin);
        a.initialMarginE8 = E8.of(fig.initialMargin);
        a.openOrderImE8 = E8.of(fig.openOrderInitialMargin);
        a.openLossE8 = E8.of(fig.openLoss);
        a.uniMmrE8 = a.maintMarginE8 <= 0 ? MarginSnapshot.NULL_RATIO
                : E8.of((double) a.accountEquityE8 / a.maintMarginE8);
        a.evaluatedAt = now;
    }

    /**
     * totalAvailableBalance = max(0, accountEquity − IM); virtualMaxWithdrawAmount = max(0, min(accountEquity − IM,
     * USD value of the positive CROSS_MARGIN balances)), 0 from REDUCE_ONLY on; in classic mode both are that
     * cross-margin value (no margin applies).
     */
    void finishFigures(Account a) {
        double cross = 0;
        for (int i = 0; i < market.assetCount; i++) {
            cross += a.crossPositive[i] * market.assetPrice[i];
        }
        long crossE8 = E8.of(cross);
        if (!a.portfolioMargin) {
            a.availableE8 = crossE8;
            a.withdrawableE8 = crossE8;
            return;
        }
        long free = Math.max(0, a.accountEquityE8 - a.initialMarginE8);
        a.availableE8 = free;
        a.withdrawableE8 = a.status.compareTo(AccountStatus.REDUCE_ONLY) >= 0 ? 0 : Math.min(free, crossE8);
    }

    /** The status the figures give (BANKRUPTED stays). */
    AccountStatus classify(Account a) {
        if (a.status == AccountStatus.BANKRUPTED) {
            return AccountStatus.BANKRUPTED;
        }
        if (!a.portfolioMargin) {
            return AccountStatus.NORMAL;
        }
        if (a.accountEquityE8 < 0) {
            return AccountStatus.FORCE_LIQUIDATION;
        }
        long u = a.uniMmrE8;
        if (u == MarginSnapshot.NULL_RATIO || u > risk.marginCallE8()) {
            return AccountStatus.NORMAL;
        }
        if (u > risk.reduceOnlyE8()) {
            return AccountStatus.MARGIN_CALL;
        }
        if (u > risk.liquidationE8()) {
            return AccountStatus.REDUCE_ONLY;
        }
        return AccountStatus.FORCE_LIQUIDATION;
    }

    /**
     * Re-evaluates an account whose book is current: figures, status ({@code riskLevelChange} on change), alerts,
     * and liquidation when the status is {@code FORCE_LIQUIDATION}. Marks its margin figures for publication.
     */
    void refresh(Account a, long now) {
        store(a, now);
        if (a.portfolioMargin) {
            AccountStatus s = classify(a);
            if (s != a.status) {
                a.status = s;
                finishFigures(a);
                core.alerts.emitRiskLevel(a, now);
            }
            core.alerts.check(a, now);
            if (a.status == AccountStatus.FORCE_LIQUIDATION) {
                core.liquidator.run(a, now);
                core.alerts.check(a, now);
            }
            core.output.marginChanged(a);
        }
        finishFigures(a);
    }
}
