package io.marginstream.gateway.engine;

import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.gateway.engine.EngineCommand.AdvanceMarketTime;
import io.marginstream.gateway.engine.EngineCommand.ApplyMarks;
import io.marginstream.gateway.engine.EngineCommand.AutoCollect;
import io.marginstream.gateway.engine.EngineCommand.CancelAllOrders;
import io.marginstream.gateway.engine.EngineCommand.CancelOrder;
import io.marginstream.gateway.engine.EngineCommand.CollectAsset;
import io.marginstream.gateway.engine.EngineCommand.Deposit;
import io.marginstream.gateway.engine.EngineCommand.GetAccountStatus;
import io.marginstream.gateway.engine.EngineCommand.GetAllOrders;
import io.marginstream.gateway.engine.EngineCommand.GetBalances;
import io.marginstream.gateway.engine.EngineCommand.GetOpenOrders;
import io.marginstream.gateway.engine.EngineCommand.GetOrder;
import io.marginstream.gateway.engine.EngineCommand.GetOptionMarks;
import io.marginstream.gateway.engine.EngineCommand.GetPositions;
import io.marginstream.gateway.engine.EngineCommand.GetRiskSettings;
import io.marginstream.gateway.engine.EngineCommand.GetTransferHistory;
import io.marginstream.gateway.engine.EngineCommand.GetVolSurfaces;
import io.marginstream.gateway.engine.EngineCommand.PlaceOrder;
import io.marginstream.gateway.engine.EngineCommand.SetFeedEnabled;
import io.marginstream.gateway.engine.EngineCommand.SetImpliedVol;
import io.marginstream.gateway.engine.EngineCommand.SetMarkPrice;
import io.marginstream.gateway.engine.EngineCommand.SetPortfolioMargin;
import io.marginstream.gateway.engine.EngineCommand.SettleOptions;
import io.marginstream.gateway.engine.EngineCommand.Transfer;
import io.marginstream.gateway.engine.EngineCommand.TransferBnb;
import io.marginstream.gateway.engine.EngineCommand.UpdateRiskSettings;
import io.marginstream.gateway.engine.margin.MarginModel;
import io.marginstream.gateway.engine.margin.Market;
import io.marginstream.protocol.ApiException;
import io.marginstream.protocol.ErrorCode;
import io.marginstream.protocol.message.MarginModelType;

import java.math.BigDecimal;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * The state one single writer owns and the dispatch of every command to the part that applies it: the unit a
 * shard of accounts would own. Owned by the engine thread (or, before start, by the thread that replays or
 * restores), except for the volatile fields and the metadata methods other threads read.
 *
 * <p>Parts, one concept each: {@link Accounts} (the account set) and {@link AccountSetup} (creating it from the
 * config); {@link Marks} and {@link ExposureIndex} (marks and which accounts they move); {@link OptionMarket} and
 * {@link OptionCommands} (the market clock, the volatility surface, option pricing and settlement); {@link Evaluator}
 * (figures and status), {@link Alerts} (status and alert events) and {@link Liquidator} (§5.6); {@link Fills}
 * (positions and PnL); {@link WalletCommands}, {@link OrderCommands} and {@link SettingsCommands} (the
 * state-changing commands); {@link RestingOrders} (open orders, their trigger index and the fill rule on a mark
 * change, §12) and {@link OrderEvents} (order lifecycle events); {@link Views} and {@link OrderViews} (read
 * results); {@link BatchOutput} ({@code U} numbering and publishing
 * to the {@link EngineListener}); {@link Snapshots} (copies to and from {@link EngineState}); the margin maths lives
 * in {@code engine.margin}.
 *
 * <p>Each command is validated completely before anything changes; a command whose effect must be checked against
 * the margin (transfers out, orders, settings) is applied on trial, evaluated and reverted if refused. Every
 * accepted change goes through {@link Evaluator#afterChange}, which rebuilds the account's numeric book and
 * re-evaluates it ({@link Evaluator#refresh}): status, alerts and, when the status reaches
 * {@code FORCE_LIQUIDATION}, the liquidation. A mark change first fires the resting orders it crosses, then
 * re-evaluates only the accounts the {@link ExposureIndex} names.
 */
final class EngineCore {
    final GatewayConfig config;
    final Market market;
    final MarginModelType modelType;
    final MarginModel model;
    final RiskSettingsRules rules;
    final RiskThresholds risk;
    final Catalog catalog;
    final OptionMarket options;
    final Marks marks;
    final ExposureIndex exposure;
    final Accounts accounts = new Accounts();
    final BatchOutput output;
    final Alerts alerts;
    final Evaluator evaluator;
    final Fills fills;
    final Liquidator liquidator;
    final OrderEvents orderEvents;
    final RestingOrders resting;
    private final WalletCommands wallets;
    private final OrderCommands orders;
    private final OrderViews orderViews;
    private final SettingsCommands settings;
    private final OptionCommands optionCommands;

    long nextTranId = 1;
    long nextOrderId = 1;
    volatile long lastSeq;
    long lastTime;
    volatile boolean feedEnabled;

    EngineCore(GatewayConfig config, long nowMillis) {
        this.config = config;
        this.market = new Market(config);
        this.options = new OptionMarket(config, market);
        this.modelType = MarginModelType.valueOf(config.marginModel().type());
        this.model = MarginModel.of(modelType, market, options.grid);
        this.rules = new RiskSettingsRules(market, config);
        this.marks = new Marks(config, market, options.pricer);
        this.catalog = new Catalog(config, market);
        this.risk = RiskThresholds.of(config.risk());
        this.exposure = new ExposureIndex(market.futuresCount);
        this.output = new BatchOutput(market, marks);
        this.alerts = new Alerts(output);
        this.evaluator = new Evaluator(this);
        this.fills = new Fills(market, catalog, marks, output);
        this.orderEvents = new OrderEvents(market, output, fills);
        this.resting = new RestingOrders(this);
        this.liquidator = new Liquidator(this);
        this.wallets = new WalletCommands(this);
        this.orders = new OrderCommands(this);
        this.orderViews = new OrderViews(this);
        this.settings = new SettingsCommands(this);
        this.optionCommands = new OptionCommands(this);
        this.feedEnabled = config.feed().enabled();
        this.lastTime = nowMillis;
        optionCommands.reprice(options.referenceMask(), nowMillis);
        new AccountSetup(this).createConfigured(config, nowMillis);
        marks.publish();
    }

    // ------------------------------------------------------------------ metadata (any thread)

    Map<String, BigDecimal> publishedMarks() {
        return marks.published();
    }

    boolean feedEnabled() {
        return feedEnabled;
    }

    Map<String, BigDecimal> publishedAtmVols() {
        return marks.publishedAtmVols();
    }

    List<InstrumentInfo> instrumentInfos() {
        return catalog.instruments;
    }

    List<AssetInfo> assetInfos() {
        return catalog.assets;
    }

    boolean hasAccount(String id) {
        return accounts.contains(id);
    }

    boolean isPortfolioMargin(String id) {
        return accounts.isPortfolioMargin(id);
    }

    long lastSeq() {
        return lastSeq;
    }

    long lastTimeMillis() {
        return lastTime;
    }

    /**
     * The command the engine owes itself at engine time {@code now}: {@link SettleOptions} once the market clock has
     * reached an expiry that has not settled, else {@code null}. Engine thread only.
     */
    EngineCommand dueCommand(long now) {
        return options.anyDue(now) ? new SettleOptions() : null;
    }

    // ------------------------------------------------------------------ dispatch

    /** Applies one command at {@code now}; throws {@link ApiException} (having changed nothing) to reject it. */
    Object apply(EngineCommand cmd, long now) {
        boolean query = cmd instanceof EngineCommand.Query;
        Object result = dispatch(cmd, now);
        if (!query) {
            lastSeq++;
            lastTime = now;
        }
        return result;
    }

    /**
     * Re-applies journaled command {@code seq} at its recorded time, without events.
     *
     * @throws IllegalStateException naming the record when it is rejected now: it was accepted when it was
     *     journaled, so the state (or the rules) diverged
     */
    void replay(long seq, long timeMillis, EngineCommand cmd) {
        if (seq <= lastSeq) {
            return;
        }
        try {
            dispatch(cmd, timeMillis);
        } catch (ApiException e) {
            output.discard();
            throw new IllegalStateException("journal record seq " + seq + " (" + cmd.getClass().getSimpleName()
                    + ") was accepted when it was journaled but is rejected on replay (" + e.code().code() + " "
                    + e.getMessage() + "): the replayed state diverged from the journaled one", e);
        }
        lastSeq = seq;
        lastTime = timeMillis;
        if (output.discard()) {
            marks.publish();
        }
    }

    private Object dispatch(EngineCommand cmd, long now) {
        if (cmd instanceof ApplyMarks c) {
            return applyMarks(c.marks(), c.atmVols(), now);
        } else if (cmd instanceof Transfer c) {
            return wallets.transfer(c, now);
        } else if (cmd instanceof PlaceOrder c) {
            return orders.placeOrder(c, now);
        } else if (cmd instanceof CancelOrder c) {
            return orders.cancelOrder(c, now);
        } else if (cmd instanceof CancelAllOrders c) {
            return orders.cancelAll(c, now);
        } else if (cmd instanceof GetOrder c) {
            return orderViews.order(c);
        } else if (cmd instanceof GetOpenOrders c) {
            return orderViews.openOrders(c);
        } else if (cmd instanceof GetAllOrders c) {
            return orderViews.allOrders(c);
        } else if (cmd instanceof GetAccountStatus c) {
            return Views.status(this, accounts.get(c.accountId()), now);
        } else if (cmd instanceof GetBalances c) {
            return Views.balances(this, accounts.get(c.accountId()), c.asset());
        } else if (cmd instanceof GetPositions c) {
            return Views.positions(this, accounts.get(c.accountId()), c.symbol());
        } else if (cmd instanceof GetRiskSettings c) {
            return rules.view(accounts.get(c.accountId()).settings);
        } else if (cmd instanceof EngineCommand.GetCollectionUsage c) {
            return wallets.collectionUsage(accounts.get(c.accountId()), now);
        } else if (cmd instanceof GetTransferHistory c) {
            return Views.history(accounts.get(c.accountId()), c.startTime(), c.endTime(), c.limit());
        } else if (cmd instanceof AutoCollect c) {
            return wallets.autoCollect(c, now);
        } else if (cmd instanceof CollectAsset c) {
            return wallets.collectAsset(c, now);
        } else if (cmd instanceof TransferBnb c) {
            return wallets.transferBnb(c, now);
        } else if (cmd instanceof UpdateRiskSettings c) {
            return settings.updateRiskSettings(c, now);
        } else if (cmd instanceof SetPortfolioMargin c) {
            return settings.setPortfolioMargin(c, now);
        } else if (cmd instanceof SetMarkPrice c) {
            if (c.symbol() == null || c.symbol().isEmpty()) {
                throw Params.missing("symbol");
            }
            if (c.price() == null) {
                throw Params.missing("price");
            }
            return applyMarks(Map.of(c.symbol(), c.price()), Map.of(), now);
        } else if (cmd instanceof Deposit c) {
            return wallets.deposit(c, now);
        } else if (cmd instanceof SetFeedEnabled c) {
            feedEnabled = c.enabled();
            return new FeedResult(c.enabled());
        } else if (cmd instanceof SetImpliedVol c) {
            return optionCommands.setImpliedVol(c, now);
        } else if (cmd instanceof AdvanceMarketTime c) {
            return optionCommands.advanceMarketTime(c, now);
        } else if (cmd instanceof SettleOptions) {
            return optionCommands.settle(now);
        } else if (cmd instanceof GetVolSurfaces) {
            return optionCommands.surfaces(now);
        } else if (cmd instanceof GetOptionMarks c) {
            return optionCommands.optionMarks(c.symbol());
        }
        throw new ApiException(ErrorCode.UNKNOWN, "Unsupported command " + cmd.getClass().getSimpleName() + ".");
    }

    /**
     * Applies the marks and ATM volatilities that changed, reprices the options of the underlyings they moved, fires
     * the resting orders the new marks cross, and re-evaluates, in account order, the accounts they move.
     */
    private Ack applyMarks(Map<String, BigDecimal> given, Map<String, BigDecimal> atmVols, long now) {
        optionCommands.checkAtmVols(atmVols);
        long changed = marks.apply(given, now);
        changed |= optionCommands.setAtmVols(atmVols);
        optionCommands.reprice(changed, now);
        refreshExposed(changed, now);
        return Ack.INSTANCE;
    }

    /**
     * After the marks of {@code symbolMask} moved (options count as their reference symbol): fires the resting orders
     * the new marks cross, then re-evaluates, in account order, the accounts exposed to any symbol of the mask.
     */
    void refreshExposed(long symbolMask, long now) {
        if (symbolMask != 0) {
            resting.onMarks(symbolMask, now);
            BitSet touched = exposure.touchedBy(symbolMask);
            for (int idx = touched.nextSetBit(0); idx >= 0; idx = touched.nextSetBit(idx + 1)) {
                evaluator.refresh(accounts.at(idx), now);
            }
        }
    }

    // ------------------------------------------------------------------ snapshot, restore, rebuild

    EngineState snapshot() {
        return Snapshots.take(this);
    }

    void restore(EngineState st) {
        Snapshots.restore(this, st);
    }

    /** This state as the target of a replay (a rebuild after a storage failure). */
    RecoveryTarget asRecoveryTarget() {
        return new RecoveryTarget() {
            @Override
            public void restore(EngineState snapshot) {
                EngineCore.this.restore(snapshot);
            }

            @Override
            public void replay(long seq, long timeMillis, EngineCommand cmd) {
                EngineCore.this.replay(seq, timeMillis, cmd);
            }

            @Override
            public long lastSeq() {
                return lastSeq;
            }
        };
    }
}
