package io.marginstream.gateway.session;

import io.marginstream.gateway.engine.AccountEvent;
import io.marginstream.protocol.Decimals;
import io.marginstream.protocol.ProtocolJson;
import io.marginstream.protocol.message.AccountUpdate;
import io.marginstream.protocol.message.BalanceUpdate;
import io.marginstream.protocol.message.MarginAlert;
import io.marginstream.protocol.message.OrderTradeUpdate;
import io.marginstream.protocol.message.OutboundAccountPosition;
import io.marginstream.protocol.message.RiskLevelChange;
import io.marginstream.protocol.message.StreamEvent;
import io.marginstream.protocol.message.TransferUpdate;

import java.math.BigDecimal;

/**
 * The {@code userData} encoding that {@link UserDataEncoding} replaced: each account event mapped to its protocol
 * record (amounts at 8 decimals) and written by the shared mapper. The reference the hand encoder is held to, byte
 * for byte, and the benchmark's baseline.
 */
final class JacksonUserData {
    private JacksonUserData() {
    }

    /** {@code {"stream":"userData","data":..}} through databind. */
    static byte[] frame(AccountEvent event) {
        return ProtocolJson.eventBytes("userData", toWire(event));
    }

    /** The §6 wire record of one account event (amounts at 8 decimals). */
    static StreamEvent toWire(AccountEvent event) {
        if (event instanceof AccountEvent.BalanceChanged e) {
            return new BalanceUpdate(e.eventTime(), e.asset(), d(e.delta()), e.updateId(), e.transactionTime());
        } else if (event instanceof AccountEvent.AccountPositionUpdated e) {
            return new OutboundAccountPosition(e.eventTime(), e.lastUpdateTime(), e.updateId(), e.balances().stream()
                    .map(f -> new OutboundAccountPosition.Balance(f.asset(), d(f.free()), d(f.locked()))).toList());
        } else if (event instanceof AccountEvent.AccountUpdated e) {
            return new AccountUpdate(e.eventTime(), e.transactionTime(), e.fs(),
                    new AccountUpdate.Update(e.reason(),
                            e.balances().stream().map(w -> new AccountUpdate.Balance(w.asset(), d(w.walletBalance()),
                                    d(w.crossWalletBalance()), d(w.balanceChange()))).toList(),
                            e.positions().stream().map(p -> new AccountUpdate.Position(p.symbol(),
                                    d(p.positionAmt()), d(p.entryPrice()), d(p.unrealizedProfit()),
                                    p.positionSide())).toList()), e.updateId());
        } else if (event instanceof AccountEvent.OrderUpdated e) {
            return new OrderTradeUpdate(e.eventTime(), e.transactionTime(), e.fs(),
                    new OrderTradeUpdate.Order(e.symbol(), e.clientOrderId(), e.side(), e.orderType(),
                            e.timeInForce(), d(e.quantity()), d(e.price()), d(e.avgPrice()), d(e.stopPrice()),
                            e.executionType(), e.status(), e.orderId(), d(e.lastFilledQty()), d(e.cumulativeQty()),
                            d(e.lastFilledPrice()), e.commissionAsset(), d(e.commission()), e.transactionTime(),
                            e.maker(), e.reduceOnly(), e.closePosition(), d(e.realizedProfit()), e.reason()),
                    e.updateId());
        } else if (event instanceof AccountEvent.RiskLevelChanged e) {
            return new RiskLevelChange(e.eventTime(), d(e.uniMMR()), e.accountStatus(), d(e.accountEquity()),
                    d(e.actualEquity()), d(e.maintMargin()), e.updateId());
        } else if (event instanceof AccountEvent.MarginAlertRaised e) {
            return new MarginAlert(e.eventTime(), d(e.uniMMR()), e.accountStatus(), d(e.accountEquity()),
                    d(e.actualEquity()), d(e.maintMargin()), e.threshold(), e.updateId());
        } else if (event instanceof AccountEvent.TransferCompleted e) {
            return new TransferUpdate(e.eventTime(), e.tranId(), e.asset(), d(e.amount()), e.from(), e.to(),
                    e.updateId());
        }
        throw new IllegalArgumentException("unknown event type " + event.getClass().getName());
    }

    private static BigDecimal d(BigDecimal v) {
        return v == null ? null : Decimals.scale8(v);
    }
}
