package io.marginstream.gateway.engine;

import io.marginstream.gateway.engine.AccountEvent.AccountUpdated;
import io.marginstream.gateway.engine.AccountEvent.PositionAmount;
import io.marginstream.gateway.engine.AccountEvent.WalletBalance;
import io.marginstream.gateway.engine.EngineCommand.AdvanceMarketTime;
import io.marginstream.gateway.engine.EngineCommand.SetImpliedVol;
import io.marginstream.gateway.engine.margin.Market;
import io.marginstream.gateway.engine.options.Greeks;
import io.marginstream.protocol.ApiException;
import io.marginstream.protocol.ErrorCode;
import io.marginstream.protocol.message.FuturesType;
import io.marginstream.protocol.message.Wallet;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * The option commands of §5.3a: the surface's moves ({@code admin.setImpliedVol}, the feed's ATM moves), the market
 * clock ({@code admin.advanceMarketTime}), and the cash settlement of expired options. Every change of the pricing
 * inputs reprices the options of the underlyings it moved and re-evaluates the accounts exposed to them. Engine
 * thread only.
 *
 * <p><b>Settlement.</b> At 08:00 UTC of an expiry (market clock) every option of that expiry settles at its
 * intrinsic value at the underlying's mark, {@code max(0, F − K)} for a call and {@code max(0, K − F)} for a put:
 * the position closes, {@code q·(intrinsic − entry)} is realized into USDT in UM, and the account gets one
 * {@code ACCOUNT_UPDATE} (reason {@code OPTIONS_SETTLE_PROFIT}, or {@code OPTIONS_SETTLE_LOSS} when the sum is
 * negative) listing the settled positions at 0. The option keeps that mark and no longer trades.
 */
final class OptionCommands {
    /** Reason of a settlement's {@code ACCOUNT_UPDATE} with a net gain (or none). */
    static final String SETTLE_PROFIT = "OPTIONS_SETTLE_PROFIT";
    /** Reason of a settlement's {@code ACCOUNT_UPDATE} with a net loss. */
    static final String SETTLE_LOSS = "OPTIONS_SETTLE_LOSS";
    /** Most the market clock moves in one {@code admin.advanceMarketTime} (ten years). */
    static final long MAX_ADVANCE_MILLIS = 3650L * 86_400_000L;
    static final BigDecimal MAX_ATM_VOL = new BigDecimal("5");
    static final BigDecimal MAX_SKEW = new BigDecimal("2");
    static final BigDecimal MAX_TERM_SLOPE = new BigDecimal("2");

    private final EngineCore core;
    private final Market market;
    private final OptionMarket om;

    OptionCommands(EngineCore core) {
        this.core = core;
        this.market = core.market;
        this.om = core.options;
    }

    // ------------------------------------------------------------------ pricing inputs

    /** Checks the feed's ATM volatilities (underlying with options → value in (0, 5]) without changing anything. */
    void checkAtmVols(Map<String, BigDecimal> atmVols) {
        for (Map.Entry<String, BigDecimal> e : atmVols.entrySet()) {
            underlyingWithOptions(e.getKey(), "atmVols");
            checkRange(e.getValue(), BigDecimal.ZERO, false, MAX_ATM_VOL, "atmVols");
        }
    }

    /** Sets checked ATM volatilities; returns the mask of the reference symbols whose surface changed. */
    long setAtmVols(Map<String, BigDecimal> atmVols) {
        long mask = 0;
        for (Map.Entry<String, BigDecimal> e : atmVols.entrySet()) {
            int u = market.underlying(e.getKey());
            if (om.surface.atmVol(u).compareTo(e.getValue()) != 0) {
                om.surface.set(u, e.getValue(), om.surface.skew(u), om.surface.termSlope(u));
                mask |= 1L << market.referenceSymbol[u];
            }
        }
        return mask;
    }

    /**
     * Reprices the options of every underlying whose reference symbol is in {@code mask} at engine time {@code now}
     * and takes their new marks. Allocates nothing.
     */
    void reprice(long mask, long now) {
        if (mask == 0) {
            return;
        }
        long t = om.marketTime(now);
        for (int u = 0; u < market.underlyingCount; u++) {
            int ref = market.referenceSymbol[u];
            if (ref >= 0 && (mask & (1L << ref)) != 0) {
                om.pricer.reprice(u, t);
                core.marks.optionsRepriced(u, now);
            }
        }
    }

    VolSurfaceView setImpliedVol(SetImpliedVol c, long now) {
        if (c.underlying() == null || c.underlying().isEmpty()) {
            throw Params.missing("underlying");
        }
        int u = underlyingWithOptions(c.underlying(), "underlying");
        if (c.atmVol() == null && c.skew() == null && c.termSlope() == null) {
            throw new ApiException(ErrorCode.MANDATORY_PARAM_MISSING,
                    "Send at least one of the parameters 'atmVol', 'skew' and 'termSlope'.");
        }
        checkRange(c.atmVol(), BigDecimal.ZERO, false, MAX_ATM_VOL, "atmVol");
        checkRange(c.skew(), MAX_SKEW.negate(), true, MAX_SKEW, "skew");
        checkRange(c.termSlope(), MAX_TERM_SLOPE.negate(), true, MAX_TERM_SLOPE, "termSlope");
        om.surface.set(u, c.atmVol() != null ? c.atmVol() : om.surface.atmVol(u),
                c.skew() != null ? c.skew() : om.surface.skew(u),
                c.termSlope() != null ? c.termSlope() : om.surface.termSlope(u));
        long mask = 1L << market.referenceSymbol[u];
        reprice(mask, now);
        core.refreshExposed(mask, now);
        return view(u, now);
    }

    MarketTimeResult advanceMarketTime(AdvanceMarketTime c, long now) {
        if (c.millis() < 1 || c.millis() > MAX_ADVANCE_MILLIS) {
            throw new ApiException(ErrorCode.BAD_PARAM_VALUE, "Parameter 'millis' must be between 1 and "
                    + MAX_ADVANCE_MILLIS + " (ten years).");
        }
        om.offsetMillis += c.millis();
        long mask = om.referenceMask();
        reprice(mask, now);
        settleDue(now);
        core.refreshExposed(mask, now);
        return new MarketTimeResult(om.marketTime(now), om.offsetMillis);
    }

    List<VolSurfaceView> surfaces(long now) {
        List<VolSurfaceView> out = new ArrayList<>();
        for (int u = 0; u < market.underlyingCount; u++) {
            if (om.surface.has(u)) {
                out.add(view(u, now));
            }
        }
        return List.copyOf(out);
    }

    List<OptionMarkView> optionMarks(String symbol) {
        int only = -1;
        if (symbol != null) {
            only = market.symbol(symbol);
            if (only < 0 || !market.isOption[only]) {
                throw new ApiException(ErrorCode.BAD_SYMBOL, ErrorCode.BAD_SYMBOL.message(symbol));
            }
        }
        Greeks g = new Greeks();
        List<OptionMarkView> out = new ArrayList<>();
        for (int s = market.futuresCount; s < market.symbolCount; s++) {
            if (only >= 0 && s != only) {
                continue;
            }
            om.pricer.greeks(s, g);
            out.add(new OptionMarkView(market.symbolNames[s], core.marks.of(s), Views.greek(om.pricer.vol(s)),
                    Views.greek(g.delta), Views.greek(g.gamma), Views.greek(g.vega), Views.greek(g.theta),
                    core.marks.of(market.exposureSymbol[s]), market.optionExpiry[s], om.pricer.frozen(s)));
        }
        return List.copyOf(out);
    }

    private VolSurfaceView view(int u, long now) {
        return new VolSurfaceView(market.underlyingNames[u], om.surface.atmVol(u), om.surface.skew(u),
                om.surface.termSlope(u), core.marks.of(market.referenceSymbol[u]), om.marketTime(now));
    }

    // ------------------------------------------------------------------ settlement

    /** {@code SettleOptions}: settles every expiry the market clock has reached. */
    Ack settle(long now) {
        settleDue(now);
        return Ack.INSTANCE;
    }

    /** Settles, in expiry order, every expiry due at engine time {@code now}. */
    void settleDue(long now) {
        for (long expiry : om.due(now)) {
            BitSet symbols = new BitSet(market.symbolCount);
            for (int s = market.futuresCount; s < market.symbolCount; s++) {
                if (market.optionExpiry[s] == expiry) {
                    symbols.set(s);
                    BigDecimal value = intrinsic(s);
                    om.pricer.freeze(s, value.doubleValue());
                    core.marks.settle(s, value, now);
                }
            }
            core.resting.expireSettled(symbols, now);
            for (Account a : core.accounts.all()) {
                settleAccount(a, symbols, now);
            }
            om.settledThrough = expiry;
        }
    }

    private void settleAccount(Account a, BitSet symbols, long now) {
        BigDecimal total = BigDecimal.ZERO;
        List<PositionAmount> closed = null;
        for (int s = symbols.nextSetBit(0); s >= 0; s = symbols.nextSetBit(s + 1)) {
            Position p = a.positions[s];
            if (p == null) {
                continue;
            }
            BigDecimal realized = core.fills.pnl(s, p.amount, p.entryPrice, core.marks.of(s));
            a.positions[s] = null;
            total = total.add(realized);
            if (closed == null) {
                closed = new ArrayList<>();
            }
            closed.add(new PositionAmount(market.symbolNames[s], BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
                    "BOTH"));
        }
        if (closed == null) {
            return;
        }
        a.add(Wallet.UM, market.usdtAsset, total);
        a.updateTime = now;
        BigDecimal wb = a.balance(Wallet.UM, market.usdtAsset);
        core.output.emit(a, new AccountUpdated(core.output.nextU(a), now, now, FuturesType.UM,
                total.signum() < 0 ? SETTLE_LOSS : SETTLE_PROFIT,
                List.of(new WalletBalance(Market.UM_SETTLEMENT_ASSET, wb, wb, total)), List.copyOf(closed)));
        core.evaluator.afterChange(a, now);
    }

    /** The exact intrinsic value of option {@code s} at the exact mark of its underlying. */
    private BigDecimal intrinsic(int s) {
        BigDecimal f = core.marks.of(market.exposureSymbol[s]);
        BigDecimal k = market.options.get(s - market.futuresCount).strike();
        BigDecimal v = market.optionCall[s] ? f.subtract(k) : k.subtract(f);
        return v.signum() > 0 ? v : BigDecimal.ZERO;
    }

    // ------------------------------------------------------------------ checks

    private int underlyingWithOptions(String name, String param) {
        int u = market.underlying(name);
        if (u < 0 || !om.surface.has(u)) {
            throw new ApiException(ErrorCode.BAD_PARAM_VALUE, "Parameter '" + param + "' names '" + name
                    + "', which has no options.");
        }
        return u;
    }

    /** {@code v} (if given) has at most 8 decimals and lies in {@code (min, max]} or {@code [min, max]}. */
    private static void checkRange(BigDecimal v, BigDecimal min, boolean minIncluded, BigDecimal max, String param) {
        if (v == null) {
            return;
        }
        if (v.stripTrailingZeros().scale() > Params.MAX_DECIMALS) {
            throw new ApiException(ErrorCode.BAD_PRECISION, ErrorCode.BAD_PRECISION.message(param));
        }
        int lo = v.compareTo(min);
        if (lo < 0 || (lo == 0 && !minIncluded) || v.compareTo(max) > 0) {
            throw new ApiException(ErrorCode.BAD_PARAM_VALUE, "Parameter '" + param + "' must be "
                    + (minIncluded ? "between " + min.toPlainString() + " and " : "greater than "
                    + min.toPlainString() + " and at most ") + max.toPlainString() + ".");
        }
    }
}
