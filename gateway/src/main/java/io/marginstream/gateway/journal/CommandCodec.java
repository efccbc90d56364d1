package io.marginstream.gateway.journal;

import io.marginstream.gateway.engine.EngineCommand;
import io.marginstream.gateway.engine.EngineCommand.AdvanceMarketTime;
import io.marginstream.gateway.engine.EngineCommand.ApplyMarks;
import io.marginstream.gateway.engine.EngineCommand.AutoCollect;
import io.marginstream.gateway.engine.EngineCommand.CancelAllOrders;
import io.marginstream.gateway.engine.EngineCommand.CancelOrder;
import io.marginstream.gateway.engine.EngineCommand.CollectAsset;
import io.marginstream.gateway.engine.EngineCommand.Deposit;
import io.marginstream.gateway.engine.EngineCommand.PlaceOrder;
import io.marginstream.gateway.engine.EngineCommand.RiskSettingsPatch;
import io.marginstream.gateway.engine.EngineCommand.SetFeedEnabled;
import io.marginstream.gateway.engine.EngineCommand.SetImpliedVol;
import io.marginstream.gateway.engine.EngineCommand.SetMarkPrice;
import io.marginstream.gateway.engine.EngineCommand.SetPortfolioMargin;
import io.marginstream.gateway.engine.EngineCommand.SettleOptions;
import io.marginstream.gateway.engine.EngineCommand.Transfer;
import io.marginstream.gateway.engine.EngineCommand.TransferBnb;
import io.marginstream.gateway.engine.EngineCommand.UpdateRiskSettings;
import io.marginstream.protocol.message.OrderType;
import io.marginstream.protocol.message.Side;
import io.marginstream.protocol.message.TimeInForce;
import io.marginstream.protocol.message.TransferSide;
import io.marginstream.protocol.message.Wallet;
import java.io.IOException;

/**
 * The journal payload of one applied command: {@code byte tag | varlong timeMillis | fields}, encoded with
 * {@link BinaryOut} (strings UTF-8 with a length prefix, {@code BigDecimal} as unscaled bytes + scale, maps in key
 * order, {@code null} kept as {@code null}). Enum fields (wallets, sides, order types) are written as their names, as
 * strings — the bytes gateways wrote when these fields were strings, so every tag reads old and new journals alike.
 *
 * <p>The tag names the command type <em>and</em> the version of its field layout: a layout change gets a new tag and
 * the old tag keeps its decoder, so a journal written by an older gateway stays readable. Tags in use:
 * <pre>
 *  1 Transfer          2 AutoCollect      3 CollectAsset     4 TransferBnb
 *  5 PlaceOrder v1 (MARKET only; still read, no longer written)
 *  6 UpdateRiskSettings                   7 SetPortfolioMargin
 *  8 SetMarkPrice      9 Deposit         10 SetFeedEnabled  11 ApplyMarks (marks only)
 * 20 PlaceOrder v2 (every type, §12)     21 CancelOrder     22 CancelAllOrders
 * 41 ApplyMarks with ATM volatilities    42 SetImpliedVol   43 AdvanceMarketTime   44 SettleOptions
 * </pre>
 * Tags 20–29 belong to resting orders (§12); the option commands of §5.3a take tags from 41 on. An
 * {@code ApplyMarks} without volatilities keeps tag 11, so a config without options journals exactly as before.
 * Queries ({@link EngineCommand.Query}) change nothing and are never journaled. Stateless and thread-safe.
 */
public final class CommandCodec {
    static final int TRANSFER_V1 = 1;
    static final int AUTO_COLLECT_V1 = 2;
    static final int COLLECT_ASSET_V1 = 3;
    static final int TRANSFER_BNB_V1 = 4;
    static final int PLACE_ORDER_V1 = 5;
    static final int UPDATE_RISK_SETTINGS_V1 = 6;
    static final int SET_PORTFOLIO_MARGIN_V1 = 7;
    static final int SET_MARK_PRICE_V1 = 8;
    static final int DEPOSIT_V1 = 9;
    static final int SET_FEED_ENABLED_V1 = 10;
    static final int APPLY_MARKS_V1 = 11;
    static final int PLACE_ORDER_V2 = 20;
    static final int CANCEL_ORDER_V1 = 21;
    static final int CANCEL_ALL_ORDERS_V1 = 22;
    static final int APPLY_MARKS_WITH_VOLS_V1 = 41;
    static final int SET_IMPLIED_VOL_V1 = 42;
    static final int ADVANCE_MARKET_TIME_V1 = 43;
    static final int SETTLE_OPTIONS_V1 = 44;

    /** A decoded journal payload: the command and the time the engine applied it at. */
    public record JournaledCommand(long timeMillis, EngineCommand command) {}

    private CommandCodec() {}

    /**
     * Encodes a state-changing command applied at {@code timeMillis}.
     *
     * @throws IllegalArgumentException for a query or a command type without an encoding
     */
    public static byte[] encode(long timeMillis, EngineCommand cmd) {
        BinaryOut out = new BinaryOut(64);
        write(out.tag(tagOf(cmd)).varlong(timeMillis), cmd);
        return out.toByteArray();
    }

    /**
     * Decodes a payload written by {@link #encode}.
     *
     * @throws IOException naming the problem when the payload is not a valid encoding (unknown tag, truncated,
     *     trailing bytes)
     */
    public static JournaledCommand decode(byte[] payload) throws IOException {
        try {
            return read(new BinaryIn(payload));
        } catch (RuntimeException e) {
            throw new IOException("invalid journal command: " + e, e);
        }
    }

    private static JournaledCommand read(BinaryIn in) throws IOException {
        int tag = in.tag();
        long time = in.varlong();
        EngineCommand cmd = switch (tag) {
            case TRANSFER_V1 -> new Transfer(in.string(), in.string(), in.decimal(), in.name(Wallet.class),
                    in.name(Wallet.class), in.string());
            case AUTO_COLLECT_V1 -> new AutoCollect(in.string(), in.string());
            case COLLECT_ASSET_V1 -> new CollectAsset(in.string(), in.string());
            case TRANSFER_BNB_V1 -> new TransferBnb(in.string(), in.decimal(), in.name(TransferSide.class));
            case PLACE_ORDER_V1 -> new PlaceOrder(in.string(), in.string(), in.name(Side.class), in.decimal(),
                    in.bool(), in.string());
            case UPDATE_RISK_SETTINGS_V1 -> new UpdateRiskSettings(in.string(), readPatch(in));
            case SET_PORTFOLIO_MARGIN_V1 -> new SetPortfolioMargin(in.string(), in.bool());
            case SET_MARK_PRICE_V1 -> new SetMarkPrice(in.string(), in.decimal());
            case DEPOSIT_V1 -> new Deposit(in.string(), in.string(), in.decimal(), in.name(Wallet.class));
            case SET_FEED_ENABLED_V1 -> new SetFeedEnabled(in.bool());
            case APPLY_MARKS_V1 -> new ApplyMarks(in.map(BinaryIn::decimal));
            case PLACE_ORDER_V2 -> new PlaceOrder(in.string(), in.string(), in.name(Side.class),
                    in.name(OrderType.class), in.decimal(), in.decimal(), in.decimal(), in.name(TimeInForce.class),
                    in.bool(), in.bool(), in.string());
            case CANCEL_ORDER_V1 -> new CancelOrder(in.string(), in.string(), in.nullableLong(), in.string());
            case CANCEL_ALL_ORDERS_V1 -> new CancelAllOrders(in.string(), in.string());
            case APPLY_MARKS_WITH_VOLS_V1 -> new ApplyMarks(in.map(BinaryIn::decimal), in.map(BinaryIn::decimal));
            case SET_IMPLIED_VOL_V1 -> new SetImpliedVol(in.string(), in.decimal(), in.decimal(), in.decimal());
            case ADVANCE_MARKET_TIME_V1 -> new AdvanceMarketTime(in.varlong());
            case SETTLE_OPTIONS_V1 -> new SettleOptions();
            default -> throw new IOException("unknown journal command tag " + tag);
        };
        in.expectEnd();
        return new JournaledCommand(time, cmd);
    }

    private static int tagOf(EngineCommand cmd) {
        if (cmd instanceof EngineCommand.Query) {
            throw new IllegalArgumentException("queries are not journaled: " + cmd.getClass().getSimpleName());
        } else if (cmd instanceof Transfer) {
            return TRANSFER_V1;
        } else if (cmd instanceof AutoCollect) {
            return AUTO_COLLECT_V1;
        } else if (cmd instanceof CollectAsset) {
            return COLLECT_ASSET_V1;
        } else if (cmd instanceof TransferBnb) {
            return TRANSFER_BNB_V1;
        } else if (cmd instanceof PlaceOrder) {
            return PLACE_ORDER_V2;
        } else if (cmd instanceof CancelOrder) {
            return CANCEL_ORDER_V1;
        } else if (cmd instanceof CancelAllOrders) {
            return CANCEL_ALL_ORDERS_V1;
        } else if (cmd instanceof UpdateRiskSettings) {
            return UPDATE_RISK_SETTINGS_V1;
        } else if (cmd instanceof SetPortfolioMargin) {
            return SET_PORTFOLIO_MARGIN_V1;
        } else if (cmd instanceof SetMarkPrice) {
            return SET_MARK_PRICE_V1;
        } else if (cmd instanceof Deposit) {
            return DEPOSIT_V1;
        } else if (cmd instanceof SetFeedEnabled) {
            return SET_FEED_ENABLED_V1;
        } else if (cmd instanceof ApplyMarks c) {
            return c.atmVols().isEmpty() ? APPLY_MARKS_V1 : APPLY_MARKS_WITH_VOLS_V1;
        } else if (cmd instanceof SetImpliedVol) {
            return SET_IMPLIED_VOL_V1;
        } else if (cmd instanceof AdvanceMarketTime) {
            return ADVANCE_MARKET_TIME_V1;
        } else if (cmd instanceof SettleOptions) {
            return SETTLE_OPTIONS_V1;
        }
        throw new IllegalArgumentException("no journal encoding for " + cmd.getClass().getName());
    }

    private static void write(BinaryOut out, EngineCommand cmd) {
        if (cmd instanceof Transfer c) {
            out.string(c.accountId()).string(c.asset()).decimal(c.amount()).name(c.from()).name(c.to())
                    .string(c.clientTranId());
        } else if (cmd instanceof AutoCollect c) {
            out.string(c.accountId()).string(c.clientTranId());
        } else if (cmd instanceof CollectAsset c) {
            out.string(c.accountId()).string(c.asset());
        } else if (cmd instanceof TransferBnb c) {
            out.string(c.accountId()).decimal(c.amount()).name(c.side());
        } else if (cmd instanceof PlaceOrder c) {
            out.string(c.accountId()).string(c.symbol()).name(c.side()).name(c.type()).decimal(c.quantity())
                    .decimal(c.price()).decimal(c.stopPrice()).name(c.timeInForce()).bool(c.reduceOnly())
                    .bool(c.closePosition()).string(c.clientOrderId());
        } else if (cmd instanceof CancelOrder c) {
            out.string(c.accountId()).string(c.symbol()).nullableLong(c.orderId()).string(c.origClientOrderId());
        } else if (cmd instanceof CancelAllOrders c) {
            out.string(c.accountId()).string(c.symbol());
        } else if (cmd instanceof UpdateRiskSettings c) {
            out.string(c.accountId());
            writePatch(out, c.patch());
        } else if (cmd instanceof SetPortfolioMargin c) {
            out.string(c.accountId()).bool(c.enabled());
        } else if (cmd instanceof SetMarkPrice c) {
            out.string(c.symbol()).decimal(c.price());
        } else if (cmd instanceof Deposit c) {
            out.string(c.accountId()).string(c.asset()).decimal(c.amount()).name(c.wallet());
        } else if (cmd instanceof SetFeedEnabled c) {
            out.bool(c.enabled());
        } else if (cmd instanceof ApplyMarks c) {
            out.map(c.marks(), BinaryOut::decimal);
            if (!c.atmVols().isEmpty()) {
                out.map(c.atmVols(), BinaryOut::decimal);
            }
        } else if (cmd instanceof SetImpliedVol c) {
            out.string(c.underlying()).decimal(c.atmVol()).decimal(c.skew()).decimal(c.termSlope());
        } else if (cmd instanceof AdvanceMarketTime c) {
            out.varlong(c.millis());
        }
    }

    private static void writePatch(BinaryOut out, RiskSettingsPatch p) {
        out.bool(p != null);
        if (p == null) {
            return;
        }
        out.decimal(p.riskMultiplier())
                .map(p.volatilityFloors(), BinaryOut::decimal)
                .map(p.correlationOverrides(), BinaryOut::decimal)
                .list(p.excludedSymbols(), BinaryOut::string)
                .list(p.alertThresholds(), BinaryOut::decimal)
                .map(p.leverage(), BinaryOut::nullableInt);
    }

    private static RiskSettingsPatch readPatch(BinaryIn in) throws IOException {
        if (!in.bool()) {
            return null;
        }
        return new RiskSettingsPatch(in.decimal(), in.map(BinaryIn::decimal), in.map(BinaryIn::decimal),
                in.list(BinaryIn::string), in.list(BinaryIn::decimal), in.map(BinaryIn::nullableInt));
    }
}
