package io.marginstream.gateway.session;

import io.marginstream.gateway.engine.AccountEvent;
import io.marginstream.protocol.JsonBytes;
import io.marginstream.protocol.ProtocolJson;
import io.marginstream.protocol.binance.BinanceEvent;
import io.marginstream.protocol.binance.PmEvents;
import io.marginstream.protocol.message.ExecutionType;
import io.marginstream.protocol.message.Side;
import io.marginstream.protocol.message.Wallet;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The engine's account events in Binance's portfolio-margin user-data shapes (§11), and the byte-level envelope of
 * combined streams. The fan-out encodes each event once per shape: the raw Binance object once ({@link #frame}, by
 * hand), then, for combined connections, the same bytes wrapped as {@code {"stream":name,"data":raw}} once per
 * stream name. The rarer Binance events ({@code listenKeyExpired}, {@code markPriceUpdate}, once per symbol and
 * tick) go through the shared mapper ({@link #encode}). Stateless.
 *
 * <p>Mapping: {@code BalanceChanged} of {@code CROSS_MARGIN} → {@code balanceUpdate} (spot changes are outside PM
 * and not sent); {@code AccountPositionUpdated} → {@code outboundAccountPosition}; {@code AccountUpdated} →
 * {@code ACCOUNT_UPDATE}; {@code OrderUpdated} → one {@code ORDER_TRADE_UPDATE} per step ({@code x} NEW, TRADE,
 * CANCELED, EXPIRED; a MARKET order reports NEW then TRADE, as Binance does); {@code RiskLevelChanged} →
 * {@code riskLevelChange}. {@code marginAlert} and {@code transferUpdate} are MarginStream's own and not sent here.
 */
final class PmEncoding {
    private static final byte[] BALANCE_UPDATE = head(PmEvents.BalanceUpdate.TYPE, "E");
    private static final byte[] ACCOUNT_POSITION = head(PmEvents.OutboundAccountPosition.TYPE, "E");
    private static final byte[] ACCOUNT_UPDATE = head(PmEvents.AccountUpdate.TYPE, "fs");
    private static final byte[] ORDER_TRADE_UPDATE = head(PmEvents.OrderTradeUpdate.TYPE, "fs");
    private static final byte[] RISK_LEVEL_CHANGE = head(PmEvents.RiskLevelChange.TYPE, "E");
    private static final byte[] EVENT_TIME = JsonBytes.field("E");
    private static final byte[] UPDATE_ID = JsonBytes.field("U");
    private static final byte[] TIME = JsonBytes.field("T");
    private static final byte[] ASSET = JsonBytes.field("a");
    private static final byte[] DELTA = JsonBytes.field("d");
    private static final byte[] LAST_UPDATE_TIME = JsonBytes.field("u");
    private static final byte[] BALANCES = JsonBytes.ascii(",\"B\":[");
    private static final byte[] ENTRY_ASSET = JsonBytes.ascii("{\"a\":");
    private static final byte[] FREE = JsonBytes.field("f");
    private static final byte[] LOCKED = JsonBytes.field("l");
    private static final byte[] UPDATE_OPEN = JsonBytes.ascii(",\"i\":\"\",\"a\":{\"m\":");
    private static final byte[] WALLET_BALANCE = JsonBytes.field("wb");
    private static final byte[] CROSS_WALLET = JsonBytes.field("cw");
    private static final byte[] BALANCE_CHANGE = JsonBytes.field("bc");
    private static final byte[] POSITIONS = JsonBytes.ascii("],\"P\":[");
    private static final byte[] POSITION_SYMBOL = JsonBytes.ascii("{\"s\":");
    private static final byte[] POSITION_AMT = JsonBytes.field("pa");
    private static final byte[] ENTRY_PRICE = JsonBytes.field("ep");
    /** {@code cr} (accumulated realized, always 0 here), then the uPnL's name. */
    private static final byte[] REALIZED_ZERO = JsonBytes.ascii(",\"cr\":\"0.00000000\",\"up\":");
    private static final byte[] POSITION_SIDE = JsonBytes.field("ps");
    private static final byte[] BREAK_EVEN = JsonBytes.field("bep");
    private static final byte[] UPDATE_CLOSE = JsonBytes.ascii("]}}");
    private static final byte[] ORDER_OPEN = JsonBytes.ascii(",\"i\":\"\",\"o\":{\"s\":");
    private static final byte[] CLIENT_ORDER_ID = JsonBytes.field("c");
    private static final byte[] SIDE = JsonBytes.field("S");
    private static final byte[] ORDER_TYPE = JsonBytes.field("o");
    private static final byte[] TIME_IN_FORCE = JsonBytes.field("f");
    private static final byte[] QUANTITY = JsonBytes.field("q");
    private static final byte[] PRICE = JsonBytes.field("p");
    private static final byte[] AVG_PRICE = JsonBytes.field("ap");
    private static final byte[] STOP_PRICE = JsonBytes.field("sp");
    private static final byte[] EXECUTION_TYPE = JsonBytes.field("x");
    private static final byte[] STATUS = JsonBytes.field("X");
    private static final byte[] ORDER_ID = JsonBytes.field("i");
    private static final byte[] LAST_FILLED_QTY = JsonBytes.field("l");
    private static final byte[] CUMULATIVE_QTY = JsonBytes.field("z");
    private static final byte[] LAST_FILLED_PRICE = JsonBytes.field("L");
    private static final byte[] COMMISSION_ASSET = JsonBytes.field("N");
    private static final byte[] COMMISSION = JsonBytes.field("n");
    private static final byte[] TRADE_ID = JsonBytes.field("t");
    private static final byte[] BID_NOTIONAL = JsonBytes.field("b");
    private static final byte[] ASK_NOTIONAL = JsonBytes.field("a");
    private static final byte[] MAKER = JsonBytes.field("m");
    private static final byte[] REDUCE_ONLY = JsonBytes.field("R");
    /** {@code ps} (always {@code BOTH}), then the realized profit's name. */
    private static final byte[] ORDER_TAIL_BEFORE_RP = JsonBytes.ascii(",\"ps\":\"BOTH\",\"rp\":");
    /** Strategy type and id, self-trade prevention and good-till date: none here. */
    private static final byte[] ORDER_TAIL = JsonBytes.ascii(",\"st\":\"\",\"si\":0,\"V\":\"NONE\",\"gtd\":0}}");
    private static final byte[] UNI_MMR = JsonBytes.field("u");
    private static final byte[] EMPTY = JsonBytes.ascii("\"\"");
    private static final byte[] ACCOUNT_STATUS = JsonBytes.field("s");
    private static final byte[] EQUITY = JsonBytes.field("eq");
    private static final byte[] ACTUAL_EQUITY = JsonBytes.field("ae");
    private static final byte[] MAINT_MARGIN = JsonBytes.field("m");
    private static final byte[] STREAM_HEAD = "{\"stream\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "\",\"data\":".getBytes(StandardCharsets.US_ASCII);

    private PmEncoding() {
    }

    private static byte[] head(String type, String firstField) {
        return JsonBytes.ascii("{\"e\":\"" + type + "\",\"" + firstField + "\":");
    }

    /**
     * The raw frame of one account event, written by hand straight into bytes (the hot path: on the engine thread,
     * once per event for all the account's listenKey connections), or null when the event has no Binance shape.
     * Amounts at 8 decimals, a missing one as 0; strings as {@link JsonBytes#stringAsText}, so that the bytes are
     * exactly those of the {@link PmEvents} record through {@link #encode} ({@code PmEncodingTest}).
     */
    static byte[] frame(AccountEvent event) {
        if (event instanceof AccountEvent.BalanceChanged e) {
            if (e.wallet() != Wallet.CROSS_MARGIN) {
                return null;
            }
            return JsonBytes.open().raw(BALANCE_UPDATE).number(e.eventTime()).raw(ASSET).stringAsText(e.asset())
                    .raw(DELTA).decimal(d(e.delta())).raw(UPDATE_ID).number(e.updateId())
                    .raw(TIME).number(e.transactionTime()).raw('}').toBytes();
        } else if (event instanceof AccountEvent.AccountPositionUpdated e) {
            JsonBytes w = JsonBytes.open().raw(ACCOUNT_POSITION).number(e.eventTime())
                    .raw(LAST_UPDATE_TIME).number(e.lastUpdateTime()).raw(UPDATE_ID).number(e.updateId())
                    .raw(BALANCES);
            List<AccountEvent.FreeLocked> balances = e.balances();
            for (int i = 0; i < balances.size(); i++) {
                AccountEvent.FreeLocked f = balances.get(i);
                if (i > 0) {
                    w.raw(',');
                }
                w.raw(ENTRY_ASSET).stringAsText(f.asset()).raw(FREE).decimal(d(f.free()))
                        .raw(LOCKED).decimal(d(f.locked())).raw('}');
            }
            return w.raw(']').raw('}').toBytes();
        } else if (event instanceof AccountEvent.AccountUpdated e) {
            return accountUpdate(e);
        } else if (event instanceof AccountEvent.OrderUpdated e) {
            return order(e);
        } else if (event instanceof AccountEvent.RiskLevelChanged e) {
            JsonBytes w = JsonBytes.open().raw(RISK_LEVEL_CHANGE).number(e.eventTime()).raw(UNI_MMR);
            if (e.uniMMR() == null) {
                w.raw(EMPTY);
            } else {
                w.decimal(e.uniMMR());
            }
            return w.raw(ACCOUNT_STATUS).name(e.accountStatus()).raw(EQUITY).decimal(d(e.accountEquity()))
                    .raw(ACTUAL_EQUITY).decimal(d(e.actualEquity())).raw(MAINT_MARGIN).decimal(d(e.maintMargin()))
                    .raw('}').toBytes();
        }
        return null;
    }

    private static byte[] accountUpdate(AccountEvent.AccountUpdated e) {
        JsonBytes w = JsonBytes.open().raw(ACCOUNT_UPDATE).name(e.fs()).raw(EVENT_TIME).number(e.eventTime())
                .raw(TIME).number(e.transactionTime()).raw(UPDATE_OPEN).stringAsText(e.reason()).raw(BALANCES);
        List<AccountEvent.WalletBalance> balances = e.balances();
        for (int i = 0; i < balances.size(); i++) {
            AccountEvent.WalletBalance b = balances.get(i);
            if (i > 0) {
                w.raw(',');
            }
            w.raw(ENTRY_ASSET).stringAsText(b.asset()).raw(WALLET_BALANCE).decimal(d(b.walletBalance()))
                    .raw(CROSS_WALLET).decimal(d(b.crossWalletBalance()))
                    .raw(BALANCE_CHANGE).decimal(d(b.balanceChange())).raw('}');
        }
        w.raw(POSITIONS);
        List<AccountEvent.PositionAmount> positions = e.positions();
        for (int i = 0; i < positions.size(); i++) {
            AccountEvent.PositionAmount p = positions.get(i);
            if (i > 0) {
                w.raw(',');
            }
            BigDecimal entry = d(p.entryPrice());
            w.raw(POSITION_SYMBOL).stringAsText(p.symbol()).raw(POSITION_AMT).decimal(d(p.positionAmt()))
                    .raw(ENTRY_PRICE).decimal(entry).raw(REALIZED_ZERO).decimal(d(p.unrealizedProfit()))
                    .raw(POSITION_SIDE).stringAsText(p.positionSide()).raw(BREAK_EVEN).decimal(entry).raw('}');
        }
        return w.raw(UPDATE_CLOSE).toBytes();
    }

    /**
     * One step of an order. {@code b}/{@code a} (bid/ask notional) carry a resting LIMIT's {@code q·p} on its
     * {@code NEW} step; the trade id {@code t} of a fill is the order id (one fill per order).
     */
    private static byte[] order(AccountEvent.OrderUpdated e) {
        BigDecimal zero = BigDecimal.ZERO;
        boolean trade = e.executionType() == ExecutionType.TRADE;
        BigDecimal notional = e.executionType() == ExecutionType.NEW ? e.quantity().multiply(e.price()) : zero;
        boolean buy = e.side() == Side.BUY;
        return JsonBytes.open().raw(ORDER_TRADE_UPDATE).name(e.fs()).raw(EVENT_TIME).number(e.eventTime())
                .raw(TIME).number(e.transactionTime()).raw(ORDER_OPEN).stringAsText(e.symbol())
                .raw(CLIENT_ORDER_ID).stringAsText(e.clientOrderId()).raw(SIDE).name(e.side())
                .raw(ORDER_TYPE).name(e.orderType()).raw(TIME_IN_FORCE).name(e.timeInForce())
                .raw(QUANTITY).decimal(d(e.quantity())).raw(PRICE).decimal(d(e.price()))
                .raw(AVG_PRICE).decimal(d(e.avgPrice())).raw(STOP_PRICE).decimal(d(e.stopPrice()))
                .raw(EXECUTION_TYPE).name(e.executionType()).raw(STATUS).name(e.status())
                .raw(ORDER_ID).number(e.orderId()).raw(LAST_FILLED_QTY).decimal(d(e.lastFilledQty()))
                .raw(CUMULATIVE_QTY).decimal(d(e.cumulativeQty()))
                .raw(LAST_FILLED_PRICE).decimal(d(e.lastFilledPrice()))
                .raw(COMMISSION_ASSET).stringAsText(e.commissionAsset()).raw(COMMISSION).decimal(d(e.commission()))
                .raw(TIME).number(e.transactionTime()).raw(TRADE_ID).number(trade ? e.orderId() : 0)
                .raw(BID_NOTIONAL).decimal(buy ? notional : zero).raw(ASK_NOTIONAL).decimal(buy ? zero : notional)
                .raw(MAKER).bool(e.maker()).raw(REDUCE_ONLY).bool(e.reduceOnly())
                .raw(ORDER_TAIL_BEFORE_RP).decimal(d(e.realizedProfit())).raw(ORDER_TAIL).toBytes();
    }

    /** One Binance event as UTF-8 JSON. */
    static byte[] encode(BinanceEvent e) {
        return ProtocolJson.toJson(e).getBytes(StandardCharsets.UTF_8);
    }

    /** {@code {"stream":name,"data":raw}}, by copying bytes ({@code name} is ASCII: a listenKey or stream name). */
    static byte[] wrap(String name, byte[] raw) {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[STREAM_HEAD.length + n.length + DATA.length + raw.length + 1];
        int p = 0;
        System.arraycopy(STREAM_HEAD, 0, out, p, STREAM_HEAD.length);
        p += STREAM_HEAD.length;
        System.arraycopy(n, 0, out, p, n.length);
        p += n.length;
        System.arraycopy(DATA, 0, out, p, DATA.length);
        p += DATA.length;
        System.arraycopy(raw, 0, out, p, raw.length);
        out[out.length - 1] = '}';
        return out;
    }

    /** A missing amount as 0 (the writer puts every amount at 8 decimals). */
    private static BigDecimal d(BigDecimal v) {
        return v == null ? BigDecimal.ZERO : v;
    }
}
