package io.marginstream.gateway.session;

import io.marginstream.gateway.engine.AccountEvent;
import io.marginstream.protocol.JsonBytes;
import io.marginstream.protocol.message.AccountUpdate;
import io.marginstream.protocol.message.BalanceUpdate;
import io.marginstream.protocol.message.MarginAlert;
import io.marginstream.protocol.message.OrderTradeUpdate;
import io.marginstream.protocol.message.OutboundAccountPosition;
import io.marginstream.protocol.message.RiskLevelChange;
import io.marginstream.protocol.message.TransferUpdate;

import java.util.List;

/**
 * The {@code userData} frames of the engine's account events (PROTOCOL.md §6),
 * {@code {"stream":"userData","data":{"e":type,"E":..,...}}}, written by hand straight from the {@link AccountEvent}
 * into bytes with {@link JsonBytes}: the hot path (about 4.5 events per transfer, on the engine thread). The bytes
 * are exactly those the shared mapper writes for the protocol's event records ({@link BalanceUpdate},
 * {@link OutboundAccountPosition}, {@link AccountUpdate}, {@link OrderTradeUpdate}, {@link RiskLevelChange},
 * {@link MarginAlert}, {@link TransferUpdate}) with amounts at 8 decimals: the type id first, then each record's
 * {@code @JsonPropertyOrder} ({@code UserDataEncodingTest} holds the two encodings to the same bytes). Stateless.
 */
final class UserDataEncoding {
    private static final byte[] BALANCE_UPDATE = head(BalanceUpdate.TYPE);
    private static final byte[] ACCOUNT_POSITION = head(OutboundAccountPosition.TYPE);
    private static final byte[] ACCOUNT_UPDATE = head(AccountUpdate.TYPE);
    private static final byte[] ORDER_TRADE_UPDATE = head(OrderTradeUpdate.TYPE);
    private static final byte[] RISK_LEVEL_CHANGE = head(RiskLevelChange.TYPE);
    private static final byte[] MARGIN_ALERT = head(MarginAlert.TYPE);
    private static final byte[] TRANSFER_UPDATE = head(TransferUpdate.TYPE);
    private static final byte[] END = JsonBytes.ascii("}}");

    private static final byte[] UPDATE_ID = JsonBytes.field("U");
    private static final byte[] TIME = JsonBytes.field("T");
    private static final byte[] ASSET_A = JsonBytes.field("a");
    private static final byte[] DELTA = JsonBytes.field("d");
    private static final byte[] LAST_UPDATE_TIME = JsonBytes.field("u");
    private static final byte[] FS = JsonBytes.field("fs");
    private static final byte[] BALANCES_OPEN = JsonBytes.ascii(",\"B\":[");
    private static final byte[] ENTRY_ASSET = JsonBytes.ascii("{\"a\":");
    private static final byte[] FREE = JsonBytes.field("f");
    private static final byte[] LOCKED = JsonBytes.field("l");
    private static final byte[] UPDATE_OPEN = JsonBytes.ascii(",\"a\":{\"m\":");
    private static final byte[] POSITIONS_OPEN = JsonBytes.ascii("],\"P\":[");
    private static final byte[] WALLET_BALANCE = JsonBytes.field("wb");
    private static final byte[] CROSS_WALLET = JsonBytes.field("cw");
    private static final byte[] BALANCE_CHANGE = JsonBytes.field("bc");
    private static final byte[] POSITION_OPEN = JsonBytes.ascii("{\"s\":");
    private static final byte[] POSITION_AMT = JsonBytes.field("pa");
    private static final byte[] ENTRY_PRICE = JsonBytes.field("ep");
    private static final byte[] UNREALIZED = JsonBytes.field("up");
    private static final byte[] POSITION_SIDE = JsonBytes.field("ps");
    private static final byte[] UPDATE_CLOSE = JsonBytes.ascii("]}");

    private static final byte[] ORDER_OPEN = JsonBytes.ascii(",\"o\":{\"s\":");
    private static final byte[] CLIENT_ORDER_ID = JsonBytes.field("c");
    private static final byte[] SIDE = JsonBytes.field("S");
    private static final byte[] ORDER_TYPE = JsonBytes.field("o");
    private static final byte[] TIME_IN_FORCE = JsonBytes.field("f");
    private static final byte[] QUANTITY = JsonBytes.field("q");
    private static final byte[] PRICE = JsonBytes.field("p");
    private static final byte[] AVG_PRICE = JsonBytes.field("ap");
    private static final byte[] STOP_PRICE = JsonBytes.field("sp");
    private static final byte[] EXECUTION_TYPE = JsonBytes.field("x");
    private static final byte[] STATUS_X = JsonBytes.field("X");
    private static final byte[] ORDER_ID = JsonBytes.field("i");
    private static final byte[] LAST_FILLED_QTY = JsonBytes.field("l");
    private static final byte[] EXECUTED_QTY = JsonBytes.field("z");
    private static final byte[] LAST_FILLED_PRICE = JsonBytes.field("L");
    private static final byte[] COMMISSION_ASSET = JsonBytes.field("N");
    private static final byte[] COMMISSION = JsonBytes.field("n");
    private static final byte[] MAKER = JsonBytes.field("m");
    private static final byte[] REDUCE_ONLY = JsonBytes.field("R");
    private static final byte[] CLOSE_POSITION = JsonBytes.field("cp");
    private static final byte[] REALIZED_PROFIT = JsonBytes.field("rp");
    private static final byte[] REASON = JsonBytes.field("r");

    private static final byte[] UNI_MMR = JsonBytes.field("u");
    private static final byte[] ACCOUNT_STATUS = JsonBytes.field("s");
    private static final byte[] EQUITY = JsonBytes.field("eq");
    private static final byte[] ACTUAL_EQUITY = JsonBytes.field("ae");
    private static final byte[] MAINT_MARGIN = JsonBytes.field("m");
    private static final byte[] THRESHOLD = JsonBytes.field("threshold");

    private static final byte[] TRAN_ID = JsonBytes.field("tranId");
    private static final byte[] ASSET = JsonBytes.field("asset");
    private static final byte[] AMOUNT = JsonBytes.field("amount");
    private static final byte[] FROM = JsonBytes.field("from");
    private static final byte[] TO = JsonBytes.field("to");

    private UserDataEncoding() {
    }

    private static byte[] head(String type) {
        return JsonBytes.ascii("{\"stream\":\"userData\",\"data\":{\"e\":\"" + type + "\",\"E\":");
    }

    /** The frame of one account event. */
    static byte[] frame(AccountEvent event) {
        JsonBytes w = JsonBytes.open();
        if (event instanceof AccountEvent.BalanceChanged e) {
            w.raw(BALANCE_UPDATE).number(e.eventTime()).raw(ASSET_A).string(e.asset()).raw(DELTA).decimal(e.delta())
                    .raw(UPDATE_ID).number(e.updateId()).raw(TIME).number(e.transactionTime());
        } else if (event instanceof AccountEvent.AccountPositionUpdated e) {
            w.raw(ACCOUNT_POSITION).number(e.eventTime()).raw(LAST_UPDATE_TIME).number(e.lastUpdateTime())
                    .raw(UPDATE_ID).number(e.updateId()).raw(BALANCES_OPEN);
            List<AccountEvent.FreeLocked> balances = e.balances();
            for (int i = 0; i < balances.size(); i++) {
                AccountEvent.FreeLocked b = balances.get(i);
                if (i > 0) {
                    w.raw(',');
                }
                w.raw(ENTRY_ASSET).string(b.asset()).raw(FREE).decimal(b.free()).raw(LOCKED).decimal(b.locked())
                        .raw('}');
            }
            w.raw(']');
        } else if (event instanceof AccountEvent.AccountUpdated e) {
            accountUpdate(w, e);
        } else if (event instanceof AccountEvent.OrderUpdated e) {
            orderUpdate(w, e);
        } else if (event instanceof AccountEvent.RiskLevelChanged e) {
            w.raw(RISK_LEVEL_CHANGE).number(e.eventTime()).raw(UNI_MMR).decimal(e.uniMMR())
                    .raw(ACCOUNT_STATUS).name(e.accountStatus()).raw(EQUITY).decimal(e.accountEquity())
                    .raw(ACTUAL_EQUITY).decimal(e.actualEquity()).raw(MAINT_MARGIN).decimal(e.maintMargin())
                    .raw(UPDATE_ID).number(e.updateId());
        } else if (event instanceof AccountEvent.MarginAlertRaised e) {
            w.raw(MARGIN_ALERT).number(e.eventTime()).raw(UNI_MMR).decimal(e.uniMMR())
                    .raw(ACCOUNT_STATUS).name(e.accountStatus()).raw(EQUITY).decimal(e.accountEquity())
                    .raw(ACTUAL_EQUITY).decimal(e.actualEquity()).raw(MAINT_MARGIN).decimal(e.maintMargin())
                    .raw(THRESHOLD).decimal(e.threshold()).raw(UPDATE_ID).number(e.updateId());
        } else if (event instanceof AccountEvent.TransferCompleted e) {
            w.raw(TRANSFER_UPDATE).number(e.eventTime()).raw(TRAN_ID).number(e.tranId()).raw(ASSET).string(e.asset())
                    .raw(AMOUNT).decimal(e.amount()).raw(FROM).name(e.from()).raw(TO).name(e.to())
                    .raw(UPDATE_ID).number(e.updateId());
        } else {
            throw new IllegalArgumentException("unknown event type " + event.getClass().getName());
        }
        return w.raw(END).toBytes();
    }

    private static void accountUpdate(JsonBytes w, AccountEvent.AccountUpdated e) {
        w.raw(ACCOUNT_UPDATE).number(e.eventTime()).raw(TIME).number(e.transactionTime()).raw(FS).name(e.fs())
                .raw(UPDATE_OPEN).string(e.reason()).raw(BALANCES_OPEN);
        List<AccountEvent.WalletBalance> balances = e.balances();
        for (int i = 0; i < balances.size(); i++) {
            AccountEvent.WalletBalance b = balances.get(i);
            if (i > 0) {
                w.raw(',');
            }
            w.raw(ENTRY_ASSET).string(b.asset()).raw(WALLET_BALANCE).decimal(b.walletBalance())
                    .raw(CROSS_WALLET).decimal(b.crossWalletBalance()).raw(BALANCE_CHANGE).decimal(b.balanceChange())
                    .raw('}');
        }
        w.raw(POSITIONS_OPEN);
        List<AccountEvent.PositionAmount> positions = e.positions();
        for (int i = 0; i < positions.size(); i++) {
            AccountEvent.PositionAmount p = positions.get(i);
            if (i > 0) {
                w.raw(',');
            }
            w.raw(POSITION_OPEN).string(p.symbol()).raw(POSITION_AMT).decimal(p.positionAmt())
                    .raw(ENTRY_PRICE).decimal(p.entryPrice()).raw(UNREALIZED).decimal(p.unrealizedProfit())
                    .raw(POSITION_SIDE).string(p.positionSide()).raw('}');
        }
        w.raw(UPDATE_CLOSE).raw(UPDATE_ID).number(e.updateId());
    }

    private static void orderUpdate(JsonBytes w, AccountEvent.OrderUpdated e) {
        w.raw(ORDER_TRADE_UPDATE).number(e.eventTime()).raw(TIME).number(e.transactionTime()).raw(FS).name(e.fs())
                .raw(ORDER_OPEN).string(e.symbol()).raw(CLIENT_ORDER_ID).string(e.clientOrderId())
                .raw(SIDE).name(e.side()).raw(ORDER_TYPE).name(e.orderType()).raw(TIME_IN_FORCE).name(e.timeInForce())
                .raw(QUANTITY).decimal(e.quantity()).raw(PRICE).decimal(e.price()).raw(AVG_PRICE).decimal(e.avgPrice())
                .raw(STOP_PRICE).decimal(e.stopPrice()).raw(EXECUTION_TYPE).name(e.executionType())
                .raw(STATUS_X).name(e.status()).raw(ORDER_ID).number(e.orderId())
                .raw(LAST_FILLED_QTY).decimal(e.lastFilledQty()).raw(EXECUTED_QTY).decimal(e.cumulativeQty())
                .raw(LAST_FILLED_PRICE).decimal(e.lastFilledPrice()).raw(COMMISSION_ASSET).string(e.commissionAsset())
                .raw(COMMISSION).decimal(e.commission()).raw(TIME).number(e.transactionTime())
                .raw(MAKER).bool(e.maker()).raw(REDUCE_ONLY).bool(e.reduceOnly()).raw(CLOSE_POSITION)
                .bool(e.closePosition()).raw(REALIZED_PROFIT).decimal(e.realizedProfit()).raw(REASON).string(e.reason())
                .raw('}').raw(UPDATE_ID).number(e.updateId());
    }
}
