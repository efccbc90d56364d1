package io.marginstream.gateway.engine;

import io.marginstream.gateway.engine.AccountEvent.TransferCompleted;
import io.marginstream.gateway.engine.EngineCommand.AutoCollect;
import io.marginstream.gateway.engine.EngineCommand.CollectAsset;
import io.marginstream.gateway.engine.EngineCommand.Deposit;
import io.marginstream.gateway.engine.EngineCommand.Transfer;
import io.marginstream.gateway.engine.EngineCommand.TransferBnb;
import io.marginstream.gateway.engine.EngineState.AutoCollection;
import io.marginstream.gateway.engine.EngineState.ClientTranIdEntry;
import io.marginstream.protocol.ApiException;
import io.marginstream.protocol.ErrorCode;
import io.marginstream.protocol.message.AccountStatus;
import io.marginstream.protocol.message.TransferSide;
import io.marginstream.protocol.message.TransferStatus;
import io.marginstream.protocol.message.TransferType;
import io.marginstream.protocol.message.Wallet;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The wallet commands of §4.4–4.5 and {@code admin.deposit}: {@code transfer} (routes, balance and margin checks,
 * clientTranId idempotency), {@code autoCollection}, {@code assetCollection}, {@code bnbTransfer}. Each validates
 * everything before it changes anything. Engine thread only.
 */
final class WalletCommands {
    static final long DAY_MILLIS = 86_400_000L;
    static final long BNB_WINDOW_MILLIS = 600_000L;
    static final long CLIENT_TRAN_ID_RETENTION_MILLIS = DAY_MILLIS;

    private final EngineCore core;

    WalletCommands(EngineCore core) {
        this.core = core;
    }

    private static boolean routeAllowed(Wallet from, Wallet to) {
        return (from == Wallet.SPOT && to == Wallet.CROSS_MARGIN) || (from == Wallet.CROSS_MARGIN && to == Wallet.SPOT)
                || (from == Wallet.UM && to == Wallet.CROSS_MARGIN) || (from == Wallet.CM && to == Wallet.CROSS_MARGIN);
    }

    TransferResult transfer(Transfer c, long now) {
        Account a = core.accounts.get(c.accountId());
        if (c.asset() == null || c.asset().isEmpty()) {
            throw Params.missing("asset");
        }
        BigDecimal amount = Params.positiveAmount(c.amount(), "amount");
        Wallet from = Params.required(c.from(), "from");
        Wallet to = Params.required(c.to(), "to");
        String ctid = Params.clientId(c.clientTranId(), "clientTranId");
        int asset = core.market.asset(c.asset());
        if (asset < 0) {
            throw new ApiException(ErrorCode.ROUTE_NOT_ALLOWED, "Asset '" + c.asset() + "' cannot be transferred.");
        }
        if (!routeAllowed(from, to)) {
            throw new ApiException(ErrorCode.ROUTE_NOT_ALLOWED, "Transfer route " + from + " -> " + to
                    + " is not allowed.");
        }
        String assetName = core.market.assetNames[asset];
        if (ctid != null) {
            ClientTranIdEntry seen = remembered(a, ctid, now);
            if (seen != null) {
                if (seen instanceof TransferRecord r && r.fingerprint().equals(
                        TransferRecord.fingerprint(TransferType.TRANSFER, assetName, amount, from, to))) {
                    return TransferResult.of(r);
                }
                throw reused(ctid);
            }
        }
        Params.requireNotBankrupt(a);
        boolean outOfPm = from == Wallet.CROSS_MARGIN && to == Wallet.SPOT;
        if (outOfPm && a.portfolioMargin) {
            if (a.status == AccountStatus.FORCE_LIQUIDATION) {
                throw new ApiException(ErrorCode.ACCOUNT_IN_LIQUIDATION,
                        "The account is in liquidation; no transfer out of portfolio margin is allowed.");
            }
            if (a.status == AccountStatus.REDUCE_ONLY) {
                throw new ApiException(ErrorCode.REDUCE_ONLY,
                        "The account is REDUCE_ONLY; no transfer out of portfolio margin is allowed.");
            }
        }
        if (a.balance(from, asset).compareTo(amount) < 0) {
            throw new ApiException(ErrorCode.INSUFFICIENT_BALANCE, "The " + from + " balance of " + c.asset()
                    + " is insufficient for amount " + amount.toPlainString() + ".");
        }
        if (outOfPm && a.portfolioMargin) {
            BigDecimal old = a.balance(from, asset);
            a.set(from, asset, old.subtract(amount));
            a.rebuildBook(core.market);
            core.evaluator.store(a, now);
            boolean ok = a.accountEquityE8 >= a.initialMarginE8;
            a.set(from, asset, old);
            a.rebuildBook(core.market);
            core.evaluator.store(a, now);
            if (!ok) {
                throw new ApiException(ErrorCode.INSUFFICIENT_MARGIN, "Transferring " + amount.toPlainString() + " "
                        + c.asset() + " out would leave accountEquity below accountInitialMargin.");
            }
        }
        long tranId = core.nextTranId++;
        Moves moves = new Moves();
        move(a, asset, amount, from, to, moves);
        a.updateTime = now;
        core.output.emitMoves(a, now, "ASSET_TRANSFER", moves);
        core.output.emit(a, new TransferCompleted(core.output.nextU(a), now, tranId, assetName, amount, from, to));
        TransferRecord r = new TransferRecord(tranId, ctid, TransferType.TRANSFER, assetName, amount, from, to,
                TransferStatus.CONFIRMED, now);
        a.remember(r);
        if (ctid != null) {
            a.clientTranIds.add(r);
        }
        core.evaluator.afterChange(a, now);
        return TransferResult.of(r);
    }

    /**
     * The remembered entry of {@code ctid}, or {@code null} if new, after forgetting the entries older than
     * {@link #CLIENT_TRAN_ID_RETENTION_MILLIS}. A repeat answers the entry's first result when its
     * {@linkplain ClientTranIdEntry#fingerprint() fingerprint} is the request's (an autoCollection's is
     * {@link AutoCollection#FINGERPRINT}), else it is {@link #reused}.
     */
    private static ClientTranIdEntry remembered(Account a, String ctid, long now) {
        a.clientTranIds.expire(now, CLIENT_TRAN_ID_RETENTION_MILLIS);
        return a.clientTranIds.get(ctid);
    }

    private static ApiException reused(String ctid) {
        return new ApiException(ErrorCode.CLIENT_TRAN_ID_REUSED, ErrorCode.CLIENT_TRAN_ID_REUSED.message(ctid));
    }

    private void move(Account a, int asset, BigDecimal amount, Wallet from, Wallet to, Moves moves) {
        a.add(from, asset, amount.negate());
        a.add(to, asset, amount);
        moves.add(from, asset, amount.negate());
        moves.add(to, asset, amount);
    }

    CollectionResult autoCollect(AutoCollect c, long now) {
        Account a = core.accounts.get(c.accountId());
        String ctid = Params.clientId(c.clientTranId(), "clientTranId");
        if (ctid != null) {
            ClientTranIdEntry seen = remembered(a, ctid, now);
            if (seen != null) {
                if (seen instanceof AutoCollection k) {
                    return k.result();
                }
                throw reused(ctid);
            }
        }
        Params.requireNotBankrupt(a);
        long day = Math.floorDiv(now, DAY_MILLIS);
        int used = a.autoCollectionDay == day ? a.autoCollectionUsed : 0;
        int limit = core.config.limits().autoCollectionPerDay();
        if (used >= limit) {
            throw new ApiException(ErrorCode.USE_LIMIT_REACHED, "autoCollection is limited to " + limit
                    + " uses per account per UTC day and all are used.")
                    .withData(Map.of("retryAfter", (day + 1) * DAY_MILLIS));
        }
        long tranId = core.nextTranId++;
        List<CollectionResult.Collected> collected = collect(a, -1, tranId, ctid, TransferType.AUTO_COLLECTION, now);
        a.autoCollectionDay = day;
        a.autoCollectionUsed = used + 1;
        a.updateTime = now;
        CollectionResult r = new CollectionResult("success", tranId, collected, used + 1, limit);
        if (ctid != null) {
            a.clientTranIds.add(new AutoCollection(ctid, now, r));
        }
        core.evaluator.afterChange(a, now);
        return r;
    }

    /** The auto-collection uses of {@code now}'s UTC day, as {@link #autoCollect} counts them. */
    CollectionUsage collectionUsage(Account a, long now) {
        long day = Math.floorDiv(now, DAY_MILLIS);
        int used = a.autoCollectionDay == day ? a.autoCollectionUsed : 0;
        return new CollectionUsage(used, core.config.limits().autoCollectionPerDay(), (day + 1) * DAY_MILLIS);
    }

    CollectionResult collectAsset(CollectAsset c, long now) {
        Account a = core.accounts.get(c.accountId());
        if (c.asset() == null || c.asset().isEmpty()) {
            throw Params.missing("asset");
        }
        int asset = core.market.asset(c.asset());
        if (asset < 0 || asset == core.catalog.bnbAsset) {
            throw new ApiException(ErrorCode.ROUTE_NOT_ALLOWED, "Asset '" + c.asset()
                    + "' cannot be collected by assetCollection.");
        }
        Params.requireNotBankrupt(a);
        long tranId = core.nextTranId++;
        List<CollectionResult.Collected> collected = collect(a, asset, tranId, null, TransferType.ASSET_COLLECTION,
                now);
        a.updateTime = now;
        long day = Math.floorDiv(now, DAY_MILLIS);
        int used = a.autoCollectionDay == day ? a.autoCollectionUsed : 0;
        core.evaluator.afterChange(a, now);
        return new CollectionResult("success", tranId, collected, used, core.config.limits().autoCollectionPerDay());
    }

    /** Moves positive UM and CM balances ({@code only} asset, or all but BNB in UM) into CROSS_MARGIN. */
    private List<CollectionResult.Collected> collect(Account a, int only, long tranId, String ctid,
                                                     TransferType type, long now) {
        List<CollectionResult.Collected> out = new ArrayList<>();
        Moves moves = new Moves();
        for (Wallet w : new Wallet[] {Wallet.UM, Wallet.CM}) {
            for (int asset = 0; asset < core.market.assetCount; asset++) {
                if ((only >= 0 && asset != only) || (w == Wallet.UM && asset == core.catalog.bnbAsset)) {
                    continue;
                }
                BigDecimal b = a.balance(w, asset);
                if (b.signum() > 0) {
                    move(a, asset, b, w, Wallet.CROSS_MARGIN, moves);
                    out.add(new CollectionResult.Collected(core.market.assetNames[asset], w, b));
                }
            }
        }
        core.output.emitMoves(a, now, "ASSET_TRANSFER", moves);
        for (CollectionResult.Collected k : out) {
            core.output.emit(a, new TransferCompleted(core.output.nextU(a), now, tranId, k.asset(), k.amount(),
                    k.from(), Wallet.CROSS_MARGIN));
            a.remember(new TransferRecord(tranId, ctid, type, k.asset(), k.amount(), k.from(), Wallet.CROSS_MARGIN,
                    TransferStatus.CONFIRMED, now));
        }
        return out;
    }

    TranIdResult transferBnb(TransferBnb c, long now) {
        Account a = core.accounts.get(c.accountId());
        BigDecimal amount = Params.positiveAmount(c.amount(), "amount");
        boolean toUm = Params.required(c.side(), "transferSide") == TransferSide.TO_UM;
        Wallet from = toUm ? Wallet.CROSS_MARGIN : Wallet.UM;
        Wallet to = toUm ? Wallet.UM : Wallet.CROSS_MARGIN;
        if (core.catalog.bnbAsset < 0) {
            throw new ApiException(ErrorCode.ROUTE_NOT_ALLOWED, "BNB is not an asset of this gateway.");
        }
        Params.requireNotBankrupt(a);
        while (!a.bnbTransferTimes.isEmpty() && a.bnbTransferTimes.peekFirst() <= now - BNB_WINDOW_MILLIS) {
            a.bnbTransferTimes.removeFirst();
        }
        int limit = core.config.limits().bnbTransfersPer10Minutes();
        if (a.bnbTransferTimes.size() >= limit) {
            throw new ApiException(ErrorCode.USE_LIMIT_REACHED, "bnbTransfer is limited to " + limit
                    + " per rolling 10 minutes and all are used.")
                    .withData(Map.of("retryAfter", a.bnbTransferTimes.peekFirst() + BNB_WINDOW_MILLIS));
        }
        if (a.balance(from, core.catalog.bnbAsset).compareTo(amount) < 0) {
            throw new ApiException(ErrorCode.INSUFFICIENT_BALANCE, "The " + from
                    + " balance of BNB is insufficient for amount " + amount.toPlainString() + ".");
        }
        long tranId = core.nextTranId++;
        Moves moves = new Moves();
        move(a, core.catalog.bnbAsset, amount, from, to, moves);
        a.bnbTransferTimes.addLast(now);
        a.updateTime = now;
        core.output.emitMoves(a, now, "ASSET_TRANSFER", moves);
        core.output.emit(a, new TransferCompleted(core.output.nextU(a), now, tranId, "BNB", amount, from, to));
        a.remember(new TransferRecord(tranId, null, TransferType.BNB_TRANSFER, "BNB", amount, from, to,
                TransferStatus.CONFIRMED, now));
        core.evaluator.afterChange(a, now);
        return new TranIdResult(tranId);
    }

    TranIdResult deposit(Deposit c, long now) {
        Account a = core.accounts.get(c.accountId());
        if (c.asset() == null || c.asset().isEmpty()) {
            throw Params.missing("asset");
        }
        int asset = core.market.asset(c.asset());
        if (asset < 0) {
            throw new ApiException(ErrorCode.BAD_PARAM_VALUE, "Parameter 'asset' names unknown asset '" + c.asset()
                    + "'.");
        }
        BigDecimal amount = Params.positiveAmount(c.amount(), "amount");
        Wallet wallet = c.wallet() == null ? Wallet.SPOT : c.wallet();
        Params.requireNotBankrupt(a);
        long tranId = core.nextTranId++;
        a.add(wallet, asset, amount);
        Moves moves = new Moves();
        moves.add(wallet, asset, amount);
        a.updateTime = now;
        core.output.emitMoves(a, now, "DEPOSIT", moves);
        a.remember(new TransferRecord(tranId, null, TransferType.DEPOSIT, c.asset(), amount, null, wallet,
                TransferStatus.CONFIRMED, now));
        core.evaluator.afterChange(a, now);
        return new TranIdResult(tranId);
    }
}
