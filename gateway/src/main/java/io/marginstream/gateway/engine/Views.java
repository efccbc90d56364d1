package io.marginstream.gateway.engine;

import io.marginstream.gateway.engine.margin.Market;
import io.marginstream.gateway.engine.margin.PortfolioModel;
import io.marginstream.gateway.engine.margin.TieredModel;
import io.marginstream.gateway.engine.options.Greeks;
import io.marginstream.protocol.ApiException;
import io.marginstream.protocol.ErrorCode;
import io.marginstream.protocol.message.FuturesType;
import io.marginstream.protocol.message.Wallet;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Builds the read-only results (§4.1–4.3, transfer history) from an account's state. Engine thread only. */
final class Views {
    static final int DEFAULT_HISTORY_LIMIT = 100;
    static final int MAX_HISTORY_LIMIT = 500;

    private Views() {}

    static AccountStatusView status(EngineCore core, Account a, long now) {
        if (!a.portfolioMargin) {
            a.rebuildBook(core.market);
            core.evaluator.store(a, now);
            core.evaluator.finishFigures(a);
        }
        boolean pm = a.portfolioMargin;
        return new AccountStatusView(pm ? E8.ratio(a) : null, dec(a.accountEquityE8), dec(a.actualEquityE8),
                dec(a.initialMarginE8), dec(a.maintMarginE8), a.status, dec(a.withdrawableE8),
                dec(a.availableE8), dec(a.openLossE8), a.updateTime, pm, core.modelType,
                dec(a.openOrderImE8));
    }

    /** {@code List<BalanceView>} of non-zero assets, or one {@link BalanceView} when {@code asset} is given. */
    static Object balances(EngineCore core, Account a, String asset) {
        Market m = core.market;
        if (asset != null) {
            int i = m.asset(asset);
            if (i < 0) {
                throw new ApiException(ErrorCode.BAD_PARAM_VALUE, "Parameter 'asset' names unknown asset '" + asset
                        + "'.");
            }
            return balance(core, a, i);
        }
        List<BalanceView> out = new ArrayList<>();
        for (int i = 0; i < m.assetCount; i++) {
            BalanceView v = balance(core, a, i);
            if (v.totalWalletBalance().signum() != 0 || v.spotBalance().signum() != 0
                    || v.crossMarginAsset().signum() != 0 || v.umWalletBalance().signum() != 0
                    || v.cmWalletBalance().signum() != 0 || v.umUnrealizedPNL().signum() != 0
                    || v.cmUnrealizedPNL().signum() != 0) {
                out.add(v);
            }
        }
        return List.copyOf(out);
    }

    private static BalanceView balance(EngineCore core, Account a, int asset) {
        Market m = core.market;
        BigDecimal cross = a.balance(Wallet.CROSS_MARGIN, asset);
        BigDecimal um = a.balance(Wallet.UM, asset);
        BigDecimal cm = a.balance(Wallet.CM, asset);
        BigDecimal umPnl = BigDecimal.ZERO;
        BigDecimal cmPnl = BigDecimal.ZERO;
        for (Position p : a.positions) {
            if (p == null || m.settlementAsset[p.symbol] != asset) {
                continue;
            }
            BigDecimal u = core.fills.pnl(p.symbol, p.amount, p.entryPrice, core.marks.of(p.symbol));
            if (m.inverse[p.symbol]) {
                cmPnl = cmPnl.add(u);
            } else {
                umPnl = umPnl.add(u);
            }
        }
        BigDecimal negative = BigDecimal.ZERO;
        for (BigDecimal b : new BigDecimal[] {cross, um, cm}) {
            if (b.signum() < 0) {
                negative = negative.add(b.negate());
            }
        }
        return new BalanceView(m.assetNames[asset], cross.add(um).add(cm), cross, cross, BigDecimal.ZERO,
                BigDecimal.ZERO, BigDecimal.ZERO, um, umPnl, cm, cmPnl, negative, a.updateTime,
                a.balance(Wallet.SPOT, asset), core.config.assets().get(asset).collateralRate());
    }

    /**
     * Positions with their share of the account's margin: TIERED gives each its own rule (brackets and
     * {@code notional/leverage} for futures, the option rule of §5.3a for options); PORTFOLIO gives an excluded
     * position its standalone MM (TIERED MM for a future, the standalone option margin for an option, times
     * riskMultiplier) and splits the rest of MM over the aggregated positions by USD notional; IM is
     * {@code imMultiplier} times that. Option rows carry their greeks.
     */
    static List<PositionView> positions(EngineCore core, Account a, String symbol) {
        Market m = core.market;
        int only = -1;
        if (symbol != null) {
            only = m.symbol(symbol);
            if (only < 0) {
                throw new ApiException(ErrorCode.BAD_SYMBOL, ErrorCode.BAD_SYMBOL.message(symbol));
            }
        }
        PortfolioModel portfolio = core.model instanceof PortfolioModel p ? p : null;
        double mm = a.maintMarginE8 / 1e8;
        double rm = a.book.riskMultiplier;
        double excludedMm = 0;
        double gross = 0;
        for (Position p : a.positions) {
            if (p == null) {
                continue;
            }
            if (a.book.excluded[p.symbol]) {
                excludedMm += rm * excludedMaintenance(portfolio, m, a, p);
            } else {
                gross += m.notional(p.symbol, p.amount.doubleValue());
            }
        }
        double shared = Math.max(0, mm - excludedMm);
        Greeks g = new Greeks();
        List<PositionView> out = new ArrayList<>();
        for (Position p : a.positions) {
            if (p == null || (only >= 0 && p.symbol != only)) {
                continue;
            }
            int s = p.symbol;
            double q = p.amount.doubleValue();
            double n = m.notional(s, q);
            double pmm;
            double pim;
            if (portfolio == null) {
                pmm = TieredModel.maintenance(m, s, q);
                pim = TieredModel.initial(m, s, q, a.book.leverage[s]);
            } else {
                pmm = a.book.excluded[s] ? rm * excludedMaintenance(portfolio, m, a, p)
                        : (gross > 0 ? shared * n / gross : 0);
                pim = m.imMultiplier * pmm;
            }
            BigDecimal mark = core.marks.of(s);
            BigDecimal signedNotional = m.inverse[s]
                    ? p.amount.multiply(core.catalog.contractSizes[s]) : p.amount.multiply(mark);
            BigDecimal upnl = core.fills.pnl(s, p.amount, p.entryPrice, mark);
            FuturesType fs = m.inverse[s] ? FuturesType.CM : FuturesType.UM;
            if (!m.isOption[s]) {
                out.add(new PositionView(m.symbolNames[s], fs, p.amount, p.entryPrice, mark, upnl, signedNotional,
                        dec(E8.of(pmm)), dec(E8.of(pim)), null, null, null, null, null, null, null, null));
                continue;
            }
            core.options.pricer.greeks(s, g);
            out.add(new PositionView(m.symbolNames[s], fs, p.amount, p.entryPrice, mark, upnl, signedNotional,
                    dec(E8.of(pmm)), dec(E8.of(pim)), m.optionCall[s] ? "CALL" : "PUT",
                    m.options.get(s - m.futuresCount).strike(), m.optionExpiry[s],
                    greek(core.options.pricer.vol(s)), greek(q * g.delta), greek(q * g.gamma), greek(q * g.vega),
                    greek(q * g.theta)));
        }
        return List.copyOf(out);
    }

    /** The standalone MM of an excluded position (before riskMultiplier). */
    private static double excludedMaintenance(PortfolioModel portfolio, Market m, Account a, Position p) {
        double q = p.amount.doubleValue();
        if (portfolio != null && m.isOption[p.symbol]) {
            return portfolio.excludedOptionMaintenance(a.book, m, p.symbol, q);
        }
        return TieredModel.maintenance(m, p.symbol, q);
    }

    /** A greek or volatility as a decimal of 8 places. */
    static BigDecimal greek(double v) {
        return BigDecimal.valueOf(v).setScale(Params.MAX_DECIMALS, RoundingMode.HALF_EVEN);
    }

    static List<TransferRecord> history(Account a, Long startTime, Long endTime, Integer limit) {
        int n = limit == null ? DEFAULT_HISTORY_LIMIT : limit;
        if (n < 1 || n > MAX_HISTORY_LIMIT) {
            throw new ApiException(ErrorCode.BAD_PARAM_VALUE, "Parameter 'limit' must be between 1 and 500.");
        }
        long from = startTime == null ? Long.MIN_VALUE : startTime;
        long to = endTime == null ? Long.MAX_VALUE : endTime;
        if (from > to) {
            throw new ApiException(ErrorCode.BAD_PARAM_VALUE, "Parameter 'startTime' must not be after endTime.");
        }
        List<TransferRecord> out = new ArrayList<>();
        Iterator<TransferRecord> it = a.history.descendingIterator();
        while (it.hasNext() && out.size() < n) {
            TransferRecord r = it.next();
            if (r.timestamp() >= from && r.timestamp() <= to) {
                out.add(r);
            }
        }
        return List.copyOf(out);
    }

    static BigDecimal dec(long e8) {
        return BigDecimal.valueOf(e8, 8);
    }
}
