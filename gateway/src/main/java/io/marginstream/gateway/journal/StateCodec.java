package io.marginstream.gateway.journal;

import io.marginstream.gateway.engine.CollectionResult;
import io.marginstream.gateway.engine.EngineState;
import io.marginstream.gateway.engine.EngineState.AccountState;
import io.marginstream.gateway.engine.EngineState.AutoCollection;
import io.marginstream.gateway.engine.EngineState.ClientTranIdEntry;
import io.marginstream.gateway.engine.EngineState.OptionsState;
import io.marginstream.gateway.engine.EngineState.PositionState;
import io.marginstream.gateway.engine.EngineState.SurfaceState;
import io.marginstream.gateway.engine.OrderResult;
import io.marginstream.gateway.engine.RiskSettings;
import io.marginstream.gateway.engine.TransferRecord;
import io.marginstream.protocol.message.AccountStatus;
import io.marginstream.protocol.message.OrderStatus;
import io.marginstream.protocol.message.OrderType;
import io.marginstream.protocol.message.Side;
import io.marginstream.protocol.message.TimeInForce;
import io.marginstream.protocol.message.TransferStatus;
import io.marginstream.protocol.message.TransferType;
import io.marginstream.protocol.message.Wallet;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;

/**
 * The snapshot payload: an {@link EngineState} as {@code byte version | fields}, encoded with {@link BinaryOut}
 * (maps in key order, lists in their order, {@code BigDecimal} exact). The version byte changes whenever the layout
 * does, and every older version keeps its decoder; a snapshot of an unknown version is refused (and recovery falls
 * back to an older snapshot or the journal). Version 2 appends the option state (§5.3a: market clock offset, settled
 * expiries, surfaces); version 3 adds each transfer-history entry's {@code clientTranId} (a deposit's {@code from} is
 * {@code null}, was {@code EXTERNAL}); version 4 lists each account's open and closed orders (§12) after its
 * transfer history; version 5 (written now) drops the fingerprint of each kept clientTranId: {@code id | time | its
 * first result}, the fingerprint being derived from the result (the engine keeps none either; versions 1–4 carry
 * {@code id | fingerprint | time | result}, and decoding them checks the fingerprint against the result). Versions
 * 1 (no option state), 2 and 3 are still read, as accounts without orders.
 * Stateless and thread-safe; runs on the snapshot thread, never on the engine thread.
 */
public final class StateCodec {
    static final int VERSION_1 = 1;
    static final int VERSION_2 = 2;
    /** Adds each transfer-history entry's {@code clientTranId}; deposits' {@code from} is {@code null}. */
    static final int VERSION_3 = 3;
    /** Adds each account's open and closed orders after its transfer history. */
    static final int VERSION_4 = 4;
    /**
     * Kept clientTranIds without their fingerprint: deriving it for hundreds of thousands of ids was 45 % of the
     * snapshot thread's CPU at 20,000 keyed transfers/s.
     */
    static final int VERSION_5 = 5;

    private StateCodec() {}

    public static byte[] encode(EngineState s) {
        BinaryOut out = new BinaryOut(4096 + s.accounts().size() * 512);
        out.tag(VERSION_5).varlong(s.lastSeq()).varlong(s.nextTranId()).varlong(s.nextOrderId())
                .bool(s.feedEnabled()).varlong(s.lastTimeMillis())
                .map(s.marks(), BinaryOut::decimal)
                .list(s.accounts(), StateCodec::writeAccount);
        OptionsState o = s.options();
        out.bool(o != null);
        if (o != null) {
            out.varlong(o.marketOffsetMillis()).varlong(o.settledThroughMillis())
                    .list(o.surfaces(), (w, x) -> w.string(x.underlying()).decimal(x.atmVol()).decimal(x.skew())
                            .decimal(x.termSlope()).varlong(x.pricedAtMillis()));
        }
        return out.toByteArray();
    }

    /** @throws IOException naming the problem when {@code bytes} is not a valid encoding */
    public static EngineState decode(byte[] bytes) throws IOException {
        BinaryIn in = new BinaryIn(bytes);
        int version = in.tag();
        if (version < VERSION_1 || version > VERSION_5) {
            throw new IOException("unknown engine state version " + version);
        }
        EngineState s;
        try {
            s = new EngineState(in.varlong(), in.varlong(), in.varlong(), in.bool(), in.varlong(),
                    in.map(BinaryIn::decimal), in.list(i -> readAccount(i, version)),
                    version >= VERSION_2 ? readOptions(in) : null);
        } catch (RuntimeException e) {
            throw new IOException("invalid engine state: " + e, e);
        }
        in.expectEnd();
        return s;
    }

    private static OptionsState readOptions(BinaryIn in) throws IOException {
        if (!in.bool()) {
            return null;
        }
        return new OptionsState(in.varlong(), in.varlong(), in.list(i -> new SurfaceState(i.string(), i.decimal(),
                i.decimal(), i.decimal(), i.varlong())));
    }

    private static void writeAccount(BinaryOut out, AccountState a) {
        out.string(a.id()).varint(a.vipLevel()).bool(a.portfolioMargin()).name(a.accountStatus())
                .varlong(a.updateId()).varlong(a.updateTime())
                .map(a.balances(), (o, wallet) -> o.map(wallet, BinaryOut::decimal))
                .list(a.positions(), (o, p) -> o.string(p.symbol()).decimal(p.positionAmt()).decimal(p.entryPrice()));
        writeRiskSettings(out, a.riskSettings());
        out.varlong(a.alertsBelowMask()).varlong(a.autoCollectionDay()).varint(a.autoCollectionUsed())
                .list(a.bnbTransferTimes(), BinaryOut::varlong)
                .varlong(a.autocloseCount())
                .list(a.clientTranIds(), StateCodec::writeClientTranId)
                .list(a.history(), StateCodec::writeTransferRecord)
                .list(a.openOrders(), StateCodec::writeOrder)
                .list(a.closedOrders(), StateCodec::writeOrder);
    }

    private static AccountState readAccount(BinaryIn in, int version) throws IOException {
        boolean orders = version >= VERSION_4;
        return new AccountState(in.string(), in.varint(), in.bool(), in.name(AccountStatus.class), in.varlong(),
                in.varlong(),
                in.map(i -> i.map(BinaryIn::decimal)),
                in.list(i -> new PositionState(i.string(), i.decimal(), i.decimal())),
                readRiskSettings(in), in.varlong(), in.varlong(), in.varint(), in.list(BinaryIn::varlong),
                in.varlong(), in.list(i -> readClientTranId(i, version)),
                in.list(i -> readTransferRecord(i, version)),
                orders ? in.list(StateCodec::readOrder) : List.of(), orders ? in.list(StateCodec::readOrder) : List.of());
    }

    private static void writeOrder(BinaryOut out, OrderResult o) {
        out.varlong(o.orderId()).string(o.clientOrderId()).string(o.symbol()).name(o.side()).name(o.type())
                .name(o.status()).decimal(o.executedQty()).decimal(o.avgPrice()).varlong(o.updateTime())
                .name(o.timeInForce()).decimal(o.origQty()).decimal(o.price()).decimal(o.stopPrice())
                .bool(o.reduceOnly()).bool(o.closePosition()).varlong(o.time());
    }

    private static OrderResult readOrder(BinaryIn in) throws IOException {
        return new OrderResult(in.varlong(), in.string(), in.string(), in.name(Side.class), in.name(OrderType.class),
                in.name(OrderStatus.class), in.decimal(), in.decimal(), in.varlong(), in.name(TimeInForce.class),
                in.decimal(), in.decimal(), in.decimal(),
                in.bool(), in.bool(), in.varlong());
    }

    private static void writeRiskSettings(BinaryOut out, RiskSettings r) {
        out.bool(r != null);
        if (r != null) {
            out.decimal(r.riskMultiplier()).map(r.volatilityFloors(), BinaryOut::decimal)
                    .map(r.correlationOverrides(), BinaryOut::decimal).list(r.excludedSymbols(), BinaryOut::string)
                    .list(r.alertThresholds(), BinaryOut::decimal).map(r.leverageOverrides(), BinaryOut::varint);
        }
    }

    private static RiskSettings readRiskSettings(BinaryIn in) throws IOException {
        if (!in.bool()) {
            return null;
        }
        return new RiskSettings(in.decimal(), in.map(BinaryIn::decimal), in.map(BinaryIn::decimal),
                in.list(BinaryIn::string), in.list(BinaryIn::decimal), in.map(BinaryIn::varint));
    }

    /**
     * {@code clientTranId | timeMillis | bool transfer [tranId asset amount from to status] |
     * bool collection [msg tranId collected usedToday limitPerDay]} (version 5: no fingerprint).
     */
    private static void writeClientTranId(BinaryOut out, ClientTranIdEntry e) {
        out.string(e.clientTranId()).varlong(e.timestamp());
        TransferRecord t = e instanceof TransferRecord r ? r : null;
        out.bool(t != null);
        if (t != null) {
            out.varlong(t.tranId()).string(t.asset()).decimal(t.amount()).name(t.from()).name(t.to())
                    .name(t.status());
        }
        CollectionResult c = e instanceof AutoCollection k ? k.result() : null;
        out.bool(c != null);
        if (c != null) {
            out.string(c.msg()).varlong(c.tranId())
                    .list(c.collected(), (o, x) -> o.string(x.asset()).name(x.from()).decimal(x.amount()))
                    .varint(c.usedToday()).varint(c.limitPerDay());
        }
    }

    /**
     * A transfer's entry becomes its {@link TransferRecord} (type {@code TRANSFER}, at the entry's time), an
     * autoCollection's an {@link AutoCollection}; before version 5, the fingerprint written must be the one the
     * entry derives (every gateway wrote it so), or the state is refused.
     */
    private static ClientTranIdEntry readClientTranId(BinaryIn in, int version) throws IOException {
        String id = in.string();
        String fingerprint = version < VERSION_5 ? in.string() : null;
        long time = in.varlong();
        TransferRecord t = in.bool()
                ? new TransferRecord(in.varlong(), id, TransferType.TRANSFER, in.string(), in.decimal(),
                        in.name(Wallet.class), in.name(Wallet.class), in.name(TransferStatus.class), time)
                : null;
        CollectionResult c = in.bool()
                ? new CollectionResult(in.string(), in.varlong(),
                        in.list(i -> new CollectionResult.Collected(i.string(), i.name(Wallet.class), i.decimal())),
                        in.varint(), in.varint())
                : null;
        if ((t == null) == (c == null)) {
            throw new IOException("clientTranId " + id + " has " + (t == null ? "no result" : "two results"));
        }
        ClientTranIdEntry e = t != null ? t : new AutoCollection(id, time, c);
        if (fingerprint != null && !e.fingerprint().equals(fingerprint)) {
            throw new IOException("clientTranId " + id + " has fingerprint '" + fingerprint + "', its result '"
                    + e.fingerprint() + "'");
        }
        return e;
    }

    private static void writeTransferRecord(BinaryOut out, TransferRecord r) {
        out.varlong(r.tranId()).string(r.clientTranId()).name(r.type()).string(r.asset()).decimal(r.amount())
                .name(r.from()).name(r.to()).name(r.status()).varlong(r.timestamp());
    }

    /** Versions 1 and 2 had no {@code clientTranId} and wrote a deposit's {@code from} as {@code EXTERNAL}. */
    private static TransferRecord readTransferRecord(BinaryIn in, int version) throws IOException {
        long tranId = in.varlong();
        String clientTranId = version < VERSION_3 ? null : in.string();
        TransferType type = in.name(TransferType.class);
        String asset = in.string();
        BigDecimal amount = in.decimal();
        String from = in.string();
        Wallet fromWallet = version < VERSION_3 && type == TransferType.DEPOSIT ? null
                : BinaryIn.constant(Wallet.class, from);
        return new TransferRecord(tranId, clientTranId, type, asset, amount, fromWallet, in.name(Wallet.class),
                in.name(TransferStatus.class), in.varlong());

    }
}
