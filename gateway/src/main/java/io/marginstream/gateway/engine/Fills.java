package io.marginstream.gateway.engine;

import io.marginstream.gateway.engine.AccountEvent.AccountUpdated;
import io.marginstream.gateway.engine.AccountEvent.PositionAmount;
import io.marginstream.gateway.engine.AccountEvent.WalletBalance;
import io.marginstream.gateway.engine.margin.Market;
import io.marginstream.protocol.message.FuturesType;
import io.marginstream.protocol.message.Wallet;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;

/**
 * Fills and PnL: one-way position arithmetic at a price, realized PnL into the instrument's wallet, unrealized PnL
 * at a mark, and the {@code ACCOUNT_UPDATE} of a fill. Used by orders and the liquidation; owned by the engine
 * thread.
 */
final class Fills {
    private static final MathContext MC = MathContext.DECIMAL128;

    private final Market market;
    private final Catalog catalog;
    private final Marks marks;
    private final BatchOutput output;

    Fills(Market market, Catalog catalog, Marks marks, BatchOutput output) {
        this.market = market;
        this.catalog = catalog;
        this.marks = marks;
        this.output = output;
    }

    /**
     * Fills {@code signed} of symbol {@code s} at {@code price}: one-way position arithmetic (average entry when
     * adding, realized PnL when reducing, entry at the fill price when flipping); the realized PnL is credited to the
     * instrument's wallet (UM: USDT in UM, CM: the coin in CM). Returns the realized PnL.
     */
    BigDecimal fill(Account a, int s, BigDecimal signed, BigDecimal price) {
        Position p = a.positions[s];
        BigDecimal amt = p == null ? BigDecimal.ZERO : p.amount;
        BigDecimal realized = BigDecimal.ZERO;
        BigDecimal newAmt = amt.add(signed);
        BigDecimal newEntry;
        if (amt.signum() == 0 || amt.signum() == signed.signum()) {
            newEntry = amt.signum() == 0 ? price : averageEntry(s, amt.abs(), p.entryPrice, signed.abs(), price);
        } else {
            BigDecimal closing = signed.abs().min(amt.abs());
            realized = pnl(s, amt.signum() > 0 ? closing : closing.negate(), p.entryPrice, price);
            newEntry = newAmt.signum() == amt.signum() ? p.entryPrice : price;
        }
        a.positions[s] = newAmt.signum() == 0 ? null : new Position(s, newAmt, newEntry);
        if (realized.signum() != 0) {
            Wallet wallet = market.inverse[s] ? Wallet.CM : Wallet.UM;
            a.add(wallet, market.settlementAsset[s], realized);
        }
        return realized;
    }

    private BigDecimal averageEntry(int s, BigDecimal oldQty, BigDecimal oldEntry, BigDecimal addQty, BigDecimal px) {
        BigDecimal total = oldQty.add(addQty);
        if (market.inverse[s]) {
            BigDecimal weight = oldQty.divide(oldEntry, MC).add(addQty.divide(px, MC));
            return total.divide(weight, MC).setScale(Params.MAX_DECIMALS, RoundingMode.HALF_EVEN);
        }
        return oldQty.multiply(oldEntry).add(addQty.multiply(px))
                .divide(total, Params.MAX_DECIMALS, RoundingMode.HALF_EVEN);
    }

    /** PnL of {@code n} (signed) from {@code entry} to {@code price}, in the settlement asset, 8 decimals. */
    BigDecimal pnl(int s, BigDecimal n, BigDecimal entry, BigDecimal price) {
        if (market.inverse[s]) {
            BigDecimal size = catalog.contractSizes[s];
            return n.multiply(size).multiply(price.subtract(entry))
                    .divide(entry.multiply(price), Params.MAX_DECIMALS, RoundingMode.HALF_EVEN);
        }
        return n.multiply(price.subtract(entry)).setScale(Params.MAX_DECIMALS, RoundingMode.HALF_EVEN);
    }

    /** Emits the {@code ACCOUNT_UPDATE} (reason {@code ORDER}) of a fill on {@code s}: the wallet and position. */
    void emitAccountUpdate(Account a, int s, long now) {
        FuturesType fs = market.inverse[s] ? FuturesType.CM : FuturesType.UM;
        int settle = market.settlementAsset[s];
        Wallet wallet = market.inverse[s] ? Wallet.CM : Wallet.UM;
        BigDecimal wb = a.balance(wallet, settle);
        Position p = a.positions[s];
        PositionAmount pos = p == null
                ? new PositionAmount(market.symbolNames[s], BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, "BOTH")
                : new PositionAmount(market.symbolNames[s], p.amount, p.entryPrice, pnl(s, p.amount, p.entryPrice,
                marks.of(s)), "BOTH");
        output.emit(a, new AccountUpdated(output.nextU(a), now, now, fs, "ORDER",
                List.of(new WalletBalance(market.assetNames[settle], wb, wb, BigDecimal.ZERO)), List.of(pos)));
    }
}
