package io.marginstream.gateway.engine;

import io.marginstream.protocol.message.AccountStatus;
import io.marginstream.protocol.message.ExecutionType;
import io.marginstream.protocol.message.FuturesType;
import io.marginstream.protocol.message.OrderStatus;
import io.marginstream.protocol.message.OrderType;
import io.marginstream.protocol.message.Side;
import io.marginstream.protocol.message.TimeInForce;
import io.marginstream.protocol.message.Wallet;

import java.math.BigDecimal;
import java.util.List;

/**
 * An event of one account's {@code userData} stream (PROTOCOL.md §6), past tense, immutable. Every event carries
 * {@link #updateId()}: the account's {@code U}, one more than the previous event of that account, so a client that
 * sees a gap re-reads the account. Amounts are exact; record components are named after the wire fields they
 * become (in comments where the wire name is a single letter).
 */
public sealed interface AccountEvent {

    /** The account's update id {@code U} after this event. */
    long updateId();

    /** {@code E}: when the change was applied (engine clock, ms). */
    long eventTime();

    /** {@code balanceUpdate} for a {@code SPOT} or {@code CROSS_MARGIN} change: {@code a}, {@code d}, {@code T}. */
    record BalanceChanged(long updateId, long eventTime, Wallet wallet, String asset, BigDecimal delta,
                          long transactionTime) implements AccountEvent {
    }

    /**
     * {@code outboundAccountPosition}: the new cross-margin balances of the assets a change touched
     * ({@code u} = {@code lastUpdateTime}, {@code B} = {@code balances}).
     */
    record AccountPositionUpdated(long updateId, long eventTime, long lastUpdateTime, List<FreeLocked> balances)
            implements AccountEvent {
    }

    /** One entry of {@code outboundAccountPosition.B}: {@code a}, {@code f}, {@code l}. */
    record FreeLocked(String asset, BigDecimal free, BigDecimal locked) {
    }

    /**
     * {@code ACCOUNT_UPDATE} for a {@code UM} or {@code CM} change: {@code T}, {@code fs}, {@code a.m} =
     * {@code reason} ({@code ORDER}, {@code DEPOSIT}, {@code ASSET_TRANSFER}, {@code AUTO_EXCHANGE},
     * {@code OPTIONS_SETTLE_PROFIT}, {@code OPTIONS_SETTLE_LOSS}),
     * {@code a.B} = {@code balances}, {@code a.P} = {@code positions} (only those that changed).
     */
    record AccountUpdated(long updateId, long eventTime, long transactionTime, FuturesType fs, String reason,
                          List<WalletBalance> balances, List<PositionAmount> positions) implements AccountEvent {
    }

    /** {@code a.B[]}: {@code a} asset, {@code wb} wallet balance, {@code cw} cross wallet, {@code bc} change. */
    record WalletBalance(String asset, BigDecimal walletBalance, BigDecimal crossWalletBalance,
                         BigDecimal balanceChange) {
    }

    /** {@code a.P[]}: {@code s}, {@code pa}, {@code ep}, {@code up}, {@code ps} (always {@code BOTH}). */
    record PositionAmount(String symbol, BigDecimal positionAmt, BigDecimal entryPrice, BigDecimal unrealizedProfit,
                          String positionSide) {
    }

    /**
     * {@code ORDER_TRADE_UPDATE}: one step of an order's life — {@code executionType} ({@code o.x}) {@code NEW}
     * (accepted), {@code TRADE} (filled in full, {@code status} {@code FILLED}), {@code CANCELED} or
     * {@code EXPIRED}, with {@code status} ({@code o.X}) the order's status after it. {@code fs}; {@code o.s}
     * symbol, {@code o.c} clientOrderId, {@code o.S} side, {@code o.o} orderType, {@code o.f} timeInForce,
     * {@code o.q} quantity (0 for closePosition), {@code o.p} price, {@code o.sp} stopPrice (0 when absent),
     * {@code o.i} orderId, {@code o.l}/{@code o.L} last filled quantity and price, {@code o.z} cumulativeQty,
     * {@code o.ap} avgPrice, {@code o.n} commission in {@code o.N} commissionAsset (the liquidation fee, else 0),
     * {@code o.rp} realizedProfit, {@code o.m} maker (a resting LIMIT filled at its price), {@code o.R} reduceOnly,
     * {@code o.cp} closePosition, and {@code reason}
     * ({@code NONE}, {@code USER}, {@code LIQUIDATION}, {@code NOT_MARKETABLE}, {@code NO_POSITION},
     * {@code ACCOUNT_REDUCE_ONLY}, {@code OPTION_SETTLED}). Liquidation fills have clientOrderId {@code autoclose-<n>}.
     */
    record OrderUpdated(long updateId, long eventTime, long transactionTime, FuturesType fs, String symbol,
                        String clientOrderId, Side side, OrderType orderType, TimeInForce timeInForce,
                        BigDecimal quantity, BigDecimal price, BigDecimal stopPrice, ExecutionType executionType,
                        OrderStatus status, long orderId,
                        BigDecimal lastFilledQty, BigDecimal lastFilledPrice, BigDecimal cumulativeQty,
                        BigDecimal avgPrice, BigDecimal commission, String commissionAsset,
                        BigDecimal realizedProfit, boolean maker, boolean reduceOnly, boolean closePosition,
                        String reason)
            implements AccountEvent {
    }

    /**
     * {@code riskLevelChange}: {@code u} uniMMR ({@code null} when MM is 0), {@code s} the new status, {@code eq},
     * {@code ae}, {@code m} maintenance margin.
     */
    record RiskLevelChanged(long updateId, long eventTime, BigDecimal uniMMR, AccountStatus accountStatus,
                            BigDecimal accountEquity, BigDecimal actualEquity, BigDecimal maintMargin)
            implements AccountEvent {
    }

    /** {@code marginAlert}: as {@link RiskLevelChanged} plus the {@code threshold} uniMMR fell below. */
    record MarginAlertRaised(long updateId, long eventTime, BigDecimal uniMMR, AccountStatus accountStatus,
                             BigDecimal accountEquity, BigDecimal actualEquity, BigDecimal maintMargin,
                             BigDecimal threshold) implements AccountEvent {
    }

    /** {@code transferUpdate}: {@code tranId}, {@code asset}, {@code amount}, {@code from}, {@code to}. */
    record TransferCompleted(long updateId, long eventTime, long tranId, String asset, BigDecimal amount,
                             Wallet from, Wallet to) implements AccountEvent {
    }
}
