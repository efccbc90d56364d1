package io.marginstream.gateway.engine;

import io.marginstream.gateway.engine.EngineCommand.PlaceOrder;
import io.marginstream.protocol.ApiException;
import io.marginstream.protocol.ErrorCode;

import java.math.BigDecimal;

/**
 * {@code order.place} (§4.6): MARKET orders filled at mark, with the IM, reduce-only and liquidation rules. Options
 * (§5.3a) trade the same way at their mark until they expire; no premium changes hands at the fill (futures-style
 * premium, see docs/ENGINE.md).
 */
final class OrderCommands {
    private final EngineCore core;

    OrderCommands(EngineCore core) {
        this.core = core;
    }

    OrderResult placeOrder(PlaceOrder c, long now) {
        Account a = core.accounts.get(c.accountId());
        if (c.symbol() == null || c.symbol().isEmpty()) {
            throw Params.missing("symbol");
        }
        int s = core.market.symbol(c.symbol());
        if (s < 0) {
            throw new ApiException(ErrorCode.BAD_SYMBOL, ErrorCode.BAD_SYMBOL.message(c.symbol()));
        }
        if (core.market.isOption[s] && core.options.expired(s, now)) {
            throw new ApiException(ErrorCode.BAD_SYMBOL, "Option " + c.symbol() + " expired at "
                    + java.time.Instant.ofEpochMilli(core.market.optionExpiry[s]) + " (market clock); it no longer "
                    + "trades.");
        }
        if (c.side() == null || c.side().isEmpty()) {
            throw Params.missing("side");
        }
        if (!"BUY".equals(c.side()) && !"SELL".equals(c.side())) {
            throw new ApiException(ErrorCode.BAD_PARAM_VALUE, "Parameter 'side' must be BUY or SELL; got '"
                    + c.side() + "'.");
        }
        BigDecimal qty = Params.positiveAmount(c.quantity(), "quantity");
        if (qty.remainder(core.catalog.stepSizes[s]).signum() != 0) {
            throw new ApiException(ErrorCode.BAD_PARAM_VALUE, "Parameter 'quantity' must be a multiple of stepSize "
                    + core.catalog.stepSizes[s].toPlainString() + " for " + c.symbol() + ".");
        }
        String coid = Params.clientId(c.clientOrderId(), "newClientOrderId");
        Params.requireNotBankrupt(a);
        if (!a.portfolioMargin) {
            throw new ApiException(ErrorCode.WRONG_MODE,
                    "Orders need portfolio-margin mode; the account is in classic mode.");
        }
        if (a.status == AccountStatus.FORCE_LIQUIDATION) {
            throw new ApiException(ErrorCode.ACCOUNT_IN_LIQUIDATION, "The account is in liquidation; no orders.");
        }
        BigDecimal signed = "BUY".equals(c.side()) ? qty : qty.negate();
        Position p = a.positions[s];
        BigDecimal amt = p == null ? BigDecimal.ZERO : p.amount;
        boolean reduces = amt.signum() != 0 && signed.signum() != amt.signum() && qty.compareTo(amt.abs()) <= 0;
        if (c.reduceOnly() && !reduces) {
            throw new ApiException(ErrorCode.BAD_PARAM_VALUE,
                    "Parameter 'reduceOnly' is set but the order would not only reduce the " + c.symbol()
                            + " position.");
        }
        if (a.status == AccountStatus.REDUCE_ONLY && !reduces) {
            throw new ApiException(ErrorCode.REDUCE_ONLY, ErrorCode.REDUCE_ONLY.message());
        }
        Wallet wallet = core.market.inverse[s] ? Wallet.CM : Wallet.UM;
        int settle = core.market.settlementAsset[s];
        BigDecimal oldBalance = a.balance(wallet, settle);
        BigDecimal oldAmt = p == null ? null : p.amount;
        BigDecimal oldEntry = p == null ? null : p.entryPrice;
        BigDecimal mark = core.marks.of(s);
        BigDecimal realized = core.fills.fill(a, s, signed, mark);
        if (!reduces) {
            a.rebuildBook(core.market);
            core.evaluator.store(a, now);
            if (a.accountEquityE8 < a.initialMarginE8) {
                a.set(wallet, settle, oldBalance);
                a.positions[s] = oldAmt == null ? null : new Position(s, oldAmt, oldEntry);
                a.rebuildBook(core.market);
                core.evaluator.store(a, now);
                throw new ApiException(ErrorCode.INSUFFICIENT_MARGIN, "After this order accountEquity would be below "
                        + "accountInitialMargin.");
            }
        }
        long orderId = core.nextOrderId++;
        String clientOrderId = coid != null ? coid : "ms-" + orderId;
        a.updateTime = now;
        core.fills.emitFill(a, s, clientOrderId, c.side(), qty, mark, orderId, realized, BigDecimal.ZERO, now);
        core.evaluator.afterChange(a, now);
        return new OrderResult(orderId, clientOrderId, c.symbol(), c.side(), "MARKET", "FILLED", qty, mark, now);
    }
}
