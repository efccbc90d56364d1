package io.marginstream.gateway.engine;

import io.marginstream.gateway.config.Defaults;
import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.gateway.config.GatewayConfig.AccountConfig;
import io.marginstream.gateway.config.GatewayConfig.InstrumentConfig;
import io.marginstream.gateway.config.GatewayConfig.PositionConfig;
import io.marginstream.gateway.engine.AccountEvent.AccountPositionUpdated;
import io.marginstream.gateway.engine.AccountEvent.AccountUpdated;
import io.marginstream.gateway.engine.AccountEvent.BalanceChanged;
import io.marginstream.gateway.engine.AccountEvent.FreeLocked;
import io.marginstream.gateway.engine.AccountEvent.MarginAlertRaised;
import io.marginstream.gateway.engine.AccountEvent.OrderFilled;
import io.marginstream.gateway.engine.AccountEvent.PositionAmount;
import io.marginstream.gateway.engine.AccountEvent.RiskLevelChanged;
import io.marginstream.gateway.engine.AccountEvent.WalletBalance;
import io.marginstream.gateway.engine.EngineCommand.ApplyMarks;
import io.marginstream.gateway.engine.EngineCommand.AutoCollect;
import io.marginstream.gateway.engine.EngineCommand.CollectAsset;
import io.marginstream.gateway.engine.EngineCommand.Deposit;
import io.marginstream.gateway.engine.EngineCommand.GetAccountStatus;
import io.marginstream.gateway.engine.EngineCommand.GetBalances;
import io.marginstream.gateway.engine.EngineCommand.GetPositions;
import io.marginstream.gateway.engine.EngineCommand.GetRiskSettings;
import io.marginstream.gateway.engine.EngineCommand.GetTransferHistory;
import io.marginstream.gateway.engine.EngineCommand.PlaceOrder;
import io.marginstream.gateway.engine.EngineCommand.SetFeedEnabled;
import io.marginstream.gateway.engine.EngineCommand.SetMarkPrice;
import io.marginstream.gateway.engine.EngineCommand.SetPortfolioMargin;
import io.marginstream.gateway.engine.EngineCommand.Transfer;
import io.marginstream.gateway.engine.EngineCommand.TransferBnb;
import io.marginstream.gateway.engine.EngineCommand.UpdateRiskSettings;
import io.marginstream.gateway.engine.margin.MarginModel;
import io.marginstream.gateway.engine.margin.Market;
import io.marginstream.gateway.engine.margin.RiskFigures;
import io.marginstream.protocol.ApiException;
import io.marginstream.protocol.ErrorCode;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine's state and the application of every command: the single writer behind {@link MarginEngine}. Owned
 * by the engine thread (or, before start, by the thread that replays or restores), except for the few volatile
 * fields the metadata methods read.
 *
 * <p>Parts: this class dispatches commands, holds the accounts, marks and counters, applies marks, settings and
 * mode changes, evaluates accounts and collects their events; {@link WalletCommands} and {@link OrderCommands} apply
 * the wallet and order commands; {@link Liquidator} runs §5.6; {@link Views} builds read results;
 * {@link Snapshots} copies the state to and from {@link EngineState}; the margin maths lives in
 * {@code engine.margin}.
 *
 * <p>Each command is validated completely before anything changes; a command whose effect must be checked against
 * the margin (transfers out, orders, settings) is applied on trial, evaluated and reverted if refused. Every
 * accepted change goes through {@link #afterChange}, which rebuilds the account's numeric book and re-evaluates it
 * ({@link #refresh}): status, alerts and, when the status reaches {@code FORCE_LIQUIDATION}, the liquidation. A
 * mark change re-evaluates only the accounts in the symbol → accounts index.
 */
final class EngineCore {
    static final long DAY_MILLIS = 86_400_000L;
    static final long BNB_WINDOW_MILLIS = 600_000L;
    static final long CLIENT_TRAN_ID_RETENTION_MILLIS = DAY_MILLIS;
    static final int MAX_DECIMALS = 8;
    static final int DEFAULT_HISTORY_LIMIT = 100;
    static final int MAX_HISTORY_LIMIT = 500;
    static final int MAX_CLIENT_ID_LENGTH = 36;
    static final MathContext MC = MathContext.DECIMAL128;
    static final System.Logger LOG = System.getLogger(EngineCore.class.getName());

    final GatewayConfig config;
    final Market market;
    final MarginModel model;
    final RiskSettingsRules rules;
    /** Exact marks per symbol. */
    final BigDecimal[] marks;
    final BigDecimal[] stepSizes;
    final long marginCallE8;
    final long reduceOnlyE8;
    final long liquidationE8;
    final long liquidationTargetE8;
    final BigDecimal liquidationFeeRate;
    final int bnbAsset;
    final List<InstrumentInfo> instrumentInfos;
    final List<AssetInfo> assetInfos;
    private final Liquidator liquidator;
    private final WalletCommands wallets;
    private final OrderCommands orders;

    final List<Account> accounts = new ArrayList<>();
    final Map<String, Account> byId = new HashMap<>();
    /** Per symbol: the PM accounts whose figures its mark moves. */
    final BitSet[] exposed;
    private final BitSet touched = new BitSet();

    long nextTranId = 1;
    long nextOrderId = 1;
    volatile long lastSeq;
    long lastTime;
    volatile boolean feedEnabled;
    private volatile boolean refusing;

    private final List<Account> withEvents = new ArrayList<>();
    private final List<Account> marginDirty = new ArrayList<>();
    private final Map<String, BigDecimal> changedMarks = new LinkedHashMap<>();
    private long marksTime;
    private volatile Map<String, BigDecimal> published;
    volatile Set<String> accountIds = Set.of();
    final Map<String, Boolean> pmFlags = new ConcurrentHashMap<>();

    private final RiskFigures fig = new RiskFigures();
    private final double[] equityScratch;

    EngineCore(GatewayConfig config, long nowMillis) {
        this.config = config;
        this.market = new Market(config);
        this.model = MarginModel.of(config.marginModel().type(), market);
        this.rules = new RiskSettingsRules(market, config);
        this.marks = new BigDecimal[market.symbolCount];
        this.stepSizes = new BigDecimal[market.symbolCount];
        List<InstrumentInfo> infos = new ArrayList<>();
        for (int s = 0; s < market.symbolCount; s++) {
            InstrumentConfig ic = config.instruments().get(s);
            BigDecimal p = config.prices().get(ic.symbol());
            if (p == null || p.signum() <= 0) {
                throw new IllegalArgumentException("prices." + ic.symbol() + " must be given and > 0");
            }
            marks[s] = p;
            market.setMark(s, p.doubleValue());
            stepSizes[s] = ic.stepSize();
            infos.add(new InstrumentInfo(ic.symbol(), ic.fs(), ic.underlying(),
                    market.assetNames[market.settlementAsset[s]], ic.stepSize(),
                    market.inverse[s] ? ic.contractSize() : null, ic.leverage(), ic.brackets()));
        }
        for (String sym : config.prices().keySet()) {
            if (market.symbol(sym) < 0 && !Defaults.PRICES.containsKey(sym)) {
                throw new IllegalArgumentException("prices." + sym + " names no instrument");
            }
        }
        this.instrumentInfos = List.copyOf(infos);
        List<AssetInfo> ai = new ArrayList<>();
        for (int a = 0; a < market.assetCount; a++) {
            ai.add(new AssetInfo(market.assetNames[a], config.assets().get(a).collateralRate(),
                    market.assetUnderlying[a] < 0));
        }
        this.assetInfos = List.copyOf(ai);
        GatewayConfig.RiskConfig risk = config.risk();
        if (!(risk.liquidation().compareTo(risk.reduceOnly()) < 0 && risk.reduceOnly().compareTo(risk.marginCall()) < 0)) {
            throw new IllegalArgumentException("risk: thresholds must satisfy liquidation < reduceOnly < marginCall");
        }
        if (risk.liquidationTarget().compareTo(risk.liquidation()) <= 0) {
            throw new IllegalArgumentException("risk.liquidationTarget must be above risk.liquidation");
        }
        if (risk.liquidationFeeRate().signum() < 0 || risk.liquidationFeeRate().compareTo(BigDecimal.ONE) >= 0) {
            throw new IllegalArgumentException("risk.liquidationFeeRate must be in [0, 1)");
        }
        this.marginCallE8 = e8(risk.marginCall());
        this.reduceOnlyE8 = e8(risk.reduceOnly());
        this.liquidationE8 = e8(risk.liquidation());
        this.liquidationTargetE8 = e8(risk.liquidationTarget());
        this.liquidationFeeRate = risk.liquidationFeeRate();
        this.bnbAsset = market.asset("BNB");
        this.exposed = new BitSet[market.symbolCount];
        for (int s = 0; s < exposed.length; s++) {
            exposed[s] = new BitSet();
        }
        this.equityScratch = new double[market.assetCount];
        this.liquidator = new Liquidator(this);
        this.wallets = new WalletCommands(this);
        this.orders = new OrderCommands(this);
        this.feedEnabled = config.feed().enabled();
        this.lastTime = nowMillis;
        createConfiguredAccounts(nowMillis);
        publishMarks();
    }

    // ------------------------------------------------------------------ lifecycle and metadata

    private void createConfiguredAccounts(long now) {
        for (AccountConfig ac : config.accounts()) {
            createAccount(ac, now);
        }
        GatewayConfig.SyntheticAccountsConfig syn = config.syntheticAccounts();
        if (syn.count() < 0) {
            throw new IllegalArgumentException("syntheticAccounts.count must be >= 0");
        }
        for (int i = 0; i < syn.count(); i++) {
            createAccount(Defaults.syntheticAccount(syn.idPrefix() + i, List.of()), now);
        }
        accountIds = Set.copyOf(byId.keySet());
    }

    private void createAccount(AccountConfig ac, long now) {
        String where = "accounts." + ac.id();
        if (ac.id() == null || ac.id().isEmpty()) {
            throw new IllegalArgumentException("accounts: an account has no id");
        }
        if (byId.containsKey(ac.id())) {
            throw new IllegalArgumentException("accounts: duplicate account id " + ac.id());
        }
        Account a = new Account(ac.id(), accounts.size(), market);
        a.vipLevel = ac.vipLevel();
        a.portfolioMargin = ac.portfolioMargin();
        a.updateTime = now;
        for (Map.Entry<String, Map<String, BigDecimal>> w : ac.balances().entrySet()) {
            Wallet wallet;
            try {
                wallet = Wallet.valueOf(w.getKey());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ".balances." + w.getKey() + ": unknown wallet");
            }
            for (Map.Entry<String, BigDecimal> b : w.getValue().entrySet()) {
                int asset = market.asset(b.getKey());
                if (asset < 0) {
                    throw new IllegalArgumentException(where + ".balances." + w.getKey() + "." + b.getKey()
                            + ": unknown asset");
                }
                a.set(wallet, asset, b.getValue());
            }
        }
        for (PositionConfig pc : ac.positions()) {
            int s = market.symbol(pc.symbol());
            String pw = where + ".positions." + pc.symbol();
            if (s < 0) {
                throw new IllegalArgumentException(pw + ": unknown symbol");
            }
            if (!a.portfolioMargin) {
                throw new IllegalArgumentException(pw + ": a classic-mode account cannot hold positions");
            }
            if (pc.positionAmt() == null || pc.positionAmt().signum() == 0 || pc.entryPrice() == null
                    || pc.entryPrice().signum() <= 0 || a.positions[s] != null) {
                throw new IllegalArgumentException(pw + ": needs a non-zero positionAmt, an entryPrice > 0, once");
            }
            a.positions[s] = new Position(s, pc.positionAmt(), pc.entryPrice());
        }
        a.settings = rules.defaults();
        rules.applyTo(a.settings, a.book);
        a.alertThresholdsE8 = rules.alertsE8(a.settings);
        accounts.add(a);
        byId.put(a.id, a);
        pmFlags.put(a.id, a.portfolioMargin);
        settle(a, now, true);
    }

    /** Evaluates a freshly created or restored account without events: figures, index, and (if new) status. */
    void settle(Account a, long now, boolean classifyStatus) {
        reindex(a, a.rebuildBook(market));
        store(a, now);
        if (classifyStatus && a.portfolioMargin) {
            a.status = classify(a);
        }
        finishFigures(a);
        a.alertsBelowMask = 0;
        long uni = a.uniMmrE8 == MarginSnapshot.NULL_RATIO ? Long.MAX_VALUE : a.uniMmrE8;
        for (int i = 0; i < a.alertThresholdsE8.length; i++) {
            if (uni < a.alertThresholdsE8[i]) {
                a.alertsBelowMask |= 1L << i;
            }
        }
    }

    Map<String, BigDecimal> publishedMarks() {
        return published;
    }

    boolean feedEnabled() {
        return feedEnabled;
    }

    List<InstrumentInfo> instrumentInfos() {
        return instrumentInfos;
    }

    List<AssetInfo> assetInfos() {
        return assetInfos;
    }

    boolean hasAccount(String id) {
        return id != null && accountIds.contains(id);
    }

    boolean isPortfolioMargin(String id) {
        return id != null && Boolean.TRUE.equals(pmFlags.get(id));
    }

    long lastSeq() {
        return lastSeq;
    }

    long lastTimeMillis() {
        return lastTime;
    }

    void refuseChanges() {
        refusing = true;
    }

    // ------------------------------------------------------------------ dispatch

    /** Applies one command at {@code now}; throws {@link ApiException} (having changed nothing) to reject it. */
    Object apply(EngineCommand cmd, long now) {
        boolean query = cmd instanceof EngineCommand.Query;
        if (refusing && !query) {
            throw new ApiException(ErrorCode.SERVICE_OVERLOADED,
                    "A storage failure stopped the engine from recording changes; retry later.");
        }
        Object result = dispatch(cmd, now);
        if (!query) {
            lastSeq++;
            lastTime = now;
        }
        return result;
    }

    void replay(long seq, long timeMillis, EngineCommand cmd) {
        if (seq <= lastSeq) {
            return;
        }
        try {
            dispatch(cmd, timeMillis);
        } catch (ApiException e) {
            LOG.log(System.Logger.Level.WARNING, "replayed command " + seq + " was rejected: " + e.getMessage());
        }
        lastSeq = seq;
        lastTime = timeMillis;
        discardOutput();
    }

    private Object dispatch(EngineCommand cmd, long now) {
        if (cmd instanceof ApplyMarks c) {
            return applyMarks(c.marks(), now);
        } else if (cmd instanceof Transfer c) {
            return wallets.transfer(c, now);
        } else if (cmd instanceof PlaceOrder c) {
            return orders.placeOrder(c, now);
        } else if (cmd instanceof GetAccountStatus c) {
            return Views.status(this, account(c.accountId()), now);
        } else if (cmd instanceof GetBalances c) {
            return Views.balances(this, account(c.accountId()), c.asset());
        } else if (cmd instanceof GetPositions c) {
            return Views.positions(this, account(c.accountId()), c.symbol());
        } else if (cmd instanceof GetRiskSettings c) {
            return rules.view(account(c.accountId()).settings);
        } else if (cmd instanceof EngineCommand.GetCollectionUsage c) {
            return wallets.collectionUsage(account(c.accountId()), now);
        } else if (cmd instanceof GetTransferHistory c) {
            return Views.history(account(c.accountId()), c.startTime(), c.endTime(), c.limit());
        } else if (cmd instanceof AutoCollect c) {
            return wallets.autoCollect(c, now);
        } else if (cmd instanceof CollectAsset c) {
            return wallets.collectAsset(c, now);
        } else if (cmd instanceof TransferBnb c) {
            return wallets.transferBnb(c, now);
        } else if (cmd instanceof UpdateRiskSettings c) {
            return updateRiskSettings(c, now);
        } else if (cmd instanceof SetPortfolioMargin c) {
            return setPortfolioMargin(c, now);
        } else if (cmd instanceof SetMarkPrice c) {
            if (c.symbol() == null || c.symbol().isEmpty()) {
                throw missing("symbol");
            }
            if (c.price() == null) {
                throw missing("price");
            }
            return applyMarks(Map.of(c.symbol(), c.price()), now);
        } else if (cmd instanceof Deposit c) {
            return wallets.deposit(c, now);
        } else if (cmd instanceof SetFeedEnabled c) {
            feedEnabled = c.enabled();
            return new FeedResult(c.enabled());
        }
        throw new ApiException(ErrorCode.UNKNOWN, "Unsupported command " + cmd.getClass().getSimpleName() + ".");
    }

    // ------------------------------------------------------------------ marks

    private Ack applyMarks(Map<String, BigDecimal> given, long now) {
        int n = given.size();
        int[] syms = new int[n];
        BigDecimal[] prices = new BigDecimal[n];
        int i = 0;
        for (Map.Entry<String, BigDecimal> e : given.entrySet()) {
            int s = market.symbol(e.getKey());
            if (s < 0) {
                throw new ApiException(ErrorCode.BAD_SYMBOL, ErrorCode.BAD_SYMBOL.message(e.getKey()));
            }
            syms[i] = s;
            prices[i] = positiveAmount(e.getValue(), "price");
            i++;
        }
        long changed = 0;
        for (int k = 0; k < n; k++) {
            int s = syms[k];
            if (marks[s].compareTo(prices[k]) != 0) {
                marks[s] = prices[k];
                market.setMark(s, prices[k].doubleValue());
                changed |= 1L << s;
                changedMarks.put(market.symbolNames[s], prices[k]);
            }
        }
        marksTime = now;
        if (changed == 0) {
            return Ack.INSTANCE;
        }
        touched.clear();
        for (int s = 0; s < market.symbolCount; s++) {
            if ((changed & (1L << s)) != 0) {
                touched.or(exposed[s]);
            }
        }
        for (int idx = touched.nextSetBit(0); idx >= 0; idx = touched.nextSetBit(idx + 1)) {
            refresh(accounts.get(idx), now);
        }
        return Ack.INSTANCE;
    }

    BigDecimal assetPrice(int asset) {
        int ps = market.assetPriceSymbol[asset];
        return ps < 0 ? BigDecimal.ONE : marks[ps];
    }

    // ------------------------------------------------------------------ orders

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
            return total.divide(weight, MC).setScale(MAX_DECIMALS, RoundingMode.HALF_EVEN);
        }
        return oldQty.multiply(oldEntry).add(addQty.multiply(px)).divide(total, MAX_DECIMALS, RoundingMode.HALF_EVEN);
    }

    /** PnL of {@code n} (signed) from {@code entry} to {@code price}, in the settlement asset, 8 decimals. */
    BigDecimal pnl(int s, BigDecimal n, BigDecimal entry, BigDecimal price) {
        if (market.inverse[s]) {
            BigDecimal size = BigDecimal.valueOf(market.contractSize[s]);
            return n.multiply(size).multiply(price.subtract(entry))
                    .divide(entry.multiply(price), MAX_DECIMALS, RoundingMode.HALF_EVEN);
        }
        return n.multiply(price.subtract(entry)).setScale(MAX_DECIMALS, RoundingMode.HALF_EVEN);
    }

    /** Emits ORDER_TRADE_UPDATE and ACCOUNT_UPDATE for one fill. */
    void emitFill(Account a, int s, String clientOrderId, String side, BigDecimal qty, BigDecimal price, long orderId,
                  BigDecimal realized, BigDecimal commission, long now) {
        String fs = market.inverse[s] ? "CM" : "UM";
        int settle = market.settlementAsset[s];
        emit(a, new OrderFilled(nextU(a), now, now, fs, market.symbolNames[s], clientOrderId, side, "MARKET", qty,
                price, "FILLED", qty, orderId, realized, commission, market.assetNames[settle]));
        Wallet wallet = market.inverse[s] ? Wallet.CM : Wallet.UM;
        BigDecimal wb = a.balance(wallet, settle);
        Position p = a.positions[s];
        PositionAmount pos = p == null
                ? new PositionAmount(market.symbolNames[s], BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, "BOTH")
                : new PositionAmount(market.symbolNames[s], p.amount, p.entryPrice, pnl(s, p.amount, p.entryPrice,
                marks[s]), "BOTH");
        emit(a, new AccountUpdated(nextU(a), now, now, fs, "ORDER",
                List.of(new WalletBalance(market.assetNames[settle], wb, wb, BigDecimal.ZERO)), List.of(pos)));
    }

    // ------------------------------------------------------------------ settings and mode

    private RiskSettingsView updateRiskSettings(UpdateRiskSettings c, long now) {
        Account a = account(c.accountId());
        RiskSettings next = rules.merge(a.settings, c.patch());
        requireNotBankrupt(a);
        RiskSettings prev = a.settings;
        if (a.portfolioMargin) {
            rules.applyTo(next, a.book);
            store(a, now);
            if (classify(a) == AccountStatus.FORCE_LIQUIDATION) {
                rules.applyTo(prev, a.book);
                store(a, now);
                throw new ApiException(ErrorCode.INSUFFICIENT_MARGIN,
                        "These risk settings would put the account into FORCE_LIQUIDATION.");
            }
        }
        a.settings = next;
        rules.applyTo(next, a.book);
        if (!next.alertThresholds().equals(prev.alertThresholds())) {
            a.alertThresholdsE8 = rules.alertsE8(next);
            long uni = a.uniMmrE8 == MarginSnapshot.NULL_RATIO ? Long.MAX_VALUE : a.uniMmrE8;
            a.alertsBelowMask = 0;
            for (int i = 0; i < a.alertThresholdsE8.length; i++) {
                if (uni < a.alertThresholdsE8[i]) {
                    a.alertsBelowMask |= 1L << i;
                }
            }
        }
        a.updateTime = now;
        afterChange(a, now);
        return rules.view(next);
    }

    private PortfolioMarginResult setPortfolioMargin(SetPortfolioMargin c, long now) {
        Account a = account(c.accountId());
        requireNotBankrupt(a);
        if (c.enabled()) {
            if (a.portfolioMargin) {
                throw new ApiException(ErrorCode.WRONG_MODE, "The account is already in portfolio-margin mode.");
            }
            store(a, now);
            BigDecimal equity = BigDecimal.valueOf(a.actualEquityE8, 8);
            BigDecimal min = config.portfolioMargin().minEquityUsd();
            if (a.vipLevel < 1 && equity.compareTo(min) < 0) {
                throw new ApiException(ErrorCode.NOT_ELIGIBLE, "Portfolio margin needs vipLevel >= 1 or an equity of "
                        + "at least " + min.toPlainString() + " USD across CROSS_MARGIN, UM and CM.");
            }
            a.portfolioMargin = true;
            a.status = AccountStatus.NORMAL;
        } else {
            if (!a.portfolioMargin) {
                throw new ApiException(ErrorCode.WRONG_MODE, "The account is already in classic mode.");
            }
            if (a.status == AccountStatus.FORCE_LIQUIDATION) {
                throw new ApiException(ErrorCode.ACCOUNT_IN_LIQUIDATION, "The account is in liquidation.");
            }
            if (a.hasPositions()) {
                throw new ApiException(ErrorCode.WRONG_MODE, "Close every position before leaving portfolio margin.");
            }
            for (Wallet w : Wallet.ALL) {
                for (int asset = 0; asset < market.assetCount; asset++) {
                    if (a.balance(w, asset).signum() < 0) {
                        throw new ApiException(ErrorCode.WRONG_MODE, "Repay the negative " + w + " balance of "
                                + market.assetNames[asset] + " before leaving portfolio margin.");
                    }
                }
            }
            a.portfolioMargin = false;
            if (a.status != AccountStatus.NORMAL) {
                a.status = AccountStatus.NORMAL;
                store(a, now);
                emitRiskLevel(a, now);
            }
        }
        pmFlags.put(a.id, a.portfolioMargin);
        a.updateTime = now;
        afterChange(a, now);
        return new PortfolioMarginResult(a.portfolioMargin);
    }

    // ------------------------------------------------------------------ evaluation

    /** Rebuilds the account's book after a ledger or position change and re-evaluates it. */
    void afterChange(Account a, long now) {
        reindex(a, a.rebuildBook(market));
        refresh(a, now);
    }

    void reindex(Account a, long mask) {
        long next = a.portfolioMargin ? mask : 0;
        long diff = next ^ a.exposureMask;
        while (diff != 0) {
            int s = Long.numberOfTrailingZeros(diff);
            diff &= diff - 1;
            if ((next & (1L << s)) != 0) {
                exposed[s].set(a.index);
            } else {
                exposed[s].clear(a.index);
            }
        }
        a.exposureMask = next;
    }

    /** Evaluates {@code a} (leaving out position {@code skip}, or -1) into {@code out}. */
    void evaluate(Account a, int skip, RiskFigures out) {
        MarginModel.equity(a.book, market, skip, equityScratch, out);
        if (a.portfolioMargin) {
            model.margin(a.book, market, skip, out);
        } else {
            out.maintMargin = 0;
            out.initialMargin = 0;
            out.grossNotional = 0;
        }
    }

    /** Evaluates the account and stores its figures scaled by 1e8 (status untouched). */
    void store(Account a, long now) {
        evaluate(a, -1, fig);
        a.accountEquityE8 = e8(fig.accountEquity);
        a.actualEquityE8 = e8(fig.actualEquity);
        a.maintMarginE8 = e8(fig.maintMargin);
        a.initialMarginE8 = e8(fig.initialMargin);
        a.uniMmrE8 = a.maintMarginE8 <= 0 ? MarginSnapshot.NULL_RATIO
                : Math.round((double) a.accountEquityE8 / a.maintMarginE8 * 1e8);
        a.evaluatedAt = now;
    }

    /**
     * totalAvailableBalance = max(0, accountEquity − IM); virtualMaxWithdrawAmount = max(0, min(accountEquity − IM,
     * USD value of the positive CROSS_MARGIN balances)), 0 from REDUCE_ONLY on; in classic mode both are that
     * cross-margin value (no margin applies).
     */
    void finishFigures(Account a) {
        double cross = 0;
        for (int i = 0; i < market.assetCount; i++) {
            cross += a.crossPositive[i] * market.assetPrice[i];
        }
        long crossE8 = e8(cross);
        if (!a.portfolioMargin) {
            a.availableE8 = crossE8;
            a.withdrawableE8 = crossE8;
            return;
        }
        long free = Math.max(0, a.accountEquityE8 - a.initialMarginE8);
        a.availableE8 = free;
        a.withdrawableE8 = a.status.atLeast(AccountStatus.REDUCE_ONLY) ? 0 : Math.min(free, crossE8);
    }

    /** The status the figures give (BANKRUPTED stays). */
    AccountStatus classify(Account a) {
        if (a.status == AccountStatus.BANKRUPTED) {
            return AccountStatus.BANKRUPTED;
        }
        if (!a.portfolioMargin) {
            return AccountStatus.NORMAL;
        }
        if (a.accountEquityE8 < 0) {
            return AccountStatus.FORCE_LIQUIDATION;
        }
        long u = a.uniMmrE8;
        if (u == MarginSnapshot.NULL_RATIO || u > marginCallE8) {
            return AccountStatus.NORMAL;
        }
        if (u > reduceOnlyE8) {
            return AccountStatus.MARGIN_CALL;
        }
        if (u > liquidationE8) {
            return AccountStatus.REDUCE_ONLY;
        }
        return AccountStatus.FORCE_LIQUIDATION;
    }

    /**
     * Re-evaluates an account whose book is current: figures, status ({@code riskLevelChange} on change), alerts,
     * and liquidation when the status is {@code FORCE_LIQUIDATION}. Marks its margin figures for publication.
     */
    void refresh(Account a, long now) {
        store(a, now);
        if (a.portfolioMargin) {
            AccountStatus s = classify(a);
            if (s != a.status) {
                a.status = s;
                finishFigures(a);
                emitRiskLevel(a, now);
            }
            checkAlerts(a, now);
            if (a.status == AccountStatus.FORCE_LIQUIDATION) {
                liquidator.run(a, now);
                checkAlerts(a, now);
            }
            if (!a.marginDirty) {
                a.marginDirty = true;
                marginDirty.add(a);
            }
        }
        finishFigures(a);
    }

    private void checkAlerts(Account a, long now) {
        long[] t = a.alertThresholdsE8;
        if (t.length == 0) {
            return;
        }
        long uni = a.uniMmrE8 == MarginSnapshot.NULL_RATIO ? Long.MAX_VALUE : a.uniMmrE8;
        for (int i = 0; i < t.length; i++) {
            long bit = 1L << i;
            if ((a.alertsBelowMask & bit) == 0) {
                if (uni < t[i]) {
                    a.alertsBelowMask |= bit;
                    emit(a, new MarginAlertRaised(nextU(a), now, ratio(a), a.status.name(),
                            BigDecimal.valueOf(a.accountEquityE8, 8), BigDecimal.valueOf(a.actualEquityE8, 8),
                            BigDecimal.valueOf(a.maintMarginE8, 8), a.settings.alertThresholds().get(i)));
                }
            } else if (uni > t[i]) {
                a.alertsBelowMask &= ~bit;
            }
        }
    }

    void emitRiskLevel(Account a, long now) {
        emit(a, new RiskLevelChanged(nextU(a), now, ratio(a), a.status.name(), BigDecimal.valueOf(a.accountEquityE8, 8),
                BigDecimal.valueOf(a.actualEquityE8, 8), BigDecimal.valueOf(a.maintMarginE8, 8)));
    }

    static BigDecimal ratio(Account a) {
        return a.uniMmrE8 == MarginSnapshot.NULL_RATIO ? null : BigDecimal.valueOf(a.uniMmrE8, 8);
    }

    static long e8(double v) {
        return Math.round(v * 1e8);
    }

    static long e8(BigDecimal v) {
        return v.movePointRight(8).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    }

    // ------------------------------------------------------------------ events and output

    long nextU(Account a) {
        if (!a.hasPending) {
            a.hasPending = true;
            withEvents.add(a);
        }
        return ++a.updateId;
    }

    void emit(Account a, AccountEvent e) {
        a.pending.add(e);
    }

    /**
     * Events for balance changes: {@code balanceUpdate} per SPOT or CROSS_MARGIN change (then one
     * {@code outboundAccountPosition} with the touched cross-margin assets), one {@code ACCOUNT_UPDATE} per UM/CM
     * wallet touched.
     */
    void emitMoves(Account a, long now, String reason, Moves moves) {
        List<Integer> crossAssets = new ArrayList<>();
        for (int i = 0; i < moves.wallets.size(); i++) {
            Wallet w = moves.wallets.get(i);
            if (w == Wallet.SPOT || w == Wallet.CROSS_MARGIN) {
                int asset = moves.assets.get(i);
                emit(a, new BalanceChanged(nextU(a), now, w.name(), market.assetNames[asset], moves.deltas.get(i),
                        now));
                if (w == Wallet.CROSS_MARGIN && !crossAssets.contains(asset)) {
                    crossAssets.add(asset);
                }
            }
        }
        if (!crossAssets.isEmpty()) {
            List<FreeLocked> b = new ArrayList<>();
            for (int asset : crossAssets) {
                b.add(new FreeLocked(market.assetNames[asset], a.balance(Wallet.CROSS_MARGIN, asset), BigDecimal.ZERO));
            }
            emit(a, new AccountPositionUpdated(nextU(a), now, now, b));
        }
        for (Wallet w : new Wallet[] {Wallet.UM, Wallet.CM}) {
            List<WalletBalance> b = new ArrayList<>();
            for (int i = 0; i < moves.wallets.size(); i++) {
                if (moves.wallets.get(i) == w) {
                    int asset = moves.assets.get(i);
                    BigDecimal wb = a.balance(w, asset);
                    b.add(new WalletBalance(market.assetNames[asset], wb, wb, moves.deltas.get(i)));
                }
            }
            if (!b.isEmpty()) {
                emit(a, new AccountUpdated(nextU(a), now, now, w.name(), reason, b, List.of()));
            }
        }
    }

    /** Hands the batch's output to the listener (engine thread, after the batch is durable). */
    void publish(EngineListener listener) {
        if (!changedMarks.isEmpty()) {
            publishMarks();
            Map<String, BigDecimal> m = Map.copyOf(changedMarks);
            changedMarks.clear();
            try {
                listener.onMarkPrices(marksTime, m);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "listener failed on marks", e);
            }
        }
        for (Account a : withEvents) {
            List<AccountEvent> events = List.copyOf(a.pending);
            a.pending.clear();
            a.hasPending = false;
            try {
                listener.onAccountEvents(a.id, events);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "listener failed on events of " + a.id, e);
            }
        }
        withEvents.clear();
        for (Account a : marginDirty) {
            a.marginDirty = false;
            if (!a.portfolioMargin) {
                continue;
            }
            try {
                listener.onMarginRatio(a.id, snapshotOf(a));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "listener failed on margin of " + a.id, e);
            }
        }
        marginDirty.clear();
        try {
            listener.onBatchEnd();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "listener failed at the end of a batch", e);
        }
    }

    /** Drops the batch's output (replay, or a batch that failed to become durable). */
    void discardOutput() {
        if (!changedMarks.isEmpty()) {
            publishMarks();
            changedMarks.clear();
        }
        for (Account a : withEvents) {
            a.pending.clear();
            a.hasPending = false;
        }
        withEvents.clear();
        for (Account a : marginDirty) {
            a.marginDirty = false;
        }
        marginDirty.clear();
    }

    void publishMarks() {
        Map<String, BigDecimal> m = new LinkedHashMap<>();
        for (int s = 0; s < market.symbolCount; s++) {
            m.put(market.symbolNames[s], marks[s]);
        }
        published = java.util.Collections.unmodifiableMap(m);
    }

    static MarginSnapshot snapshotOf(Account a) {
        return new MarginSnapshot(a.uniMmrE8, a.accountEquityE8, a.actualEquityE8, a.initialMarginE8,
                a.maintMarginE8, a.availableE8, a.withdrawableE8, a.status.name(), a.updateId, a.evaluatedAt);
    }

    // ------------------------------------------------------------------ snapshot and restore

    EngineState snapshot() {
        return Snapshots.take(this);
    }

    void restore(EngineState st) {
        Snapshots.restore(this, st);
    }

    // ------------------------------------------------------------------ validation helpers

    Account account(String id) {
        if (id == null || id.isEmpty()) {
            throw missing("accountId");
        }
        Account a = byId.get(id);
        if (a == null) {
            throw new ApiException(ErrorCode.BAD_PARAM_VALUE, "Parameter 'accountId' names unknown account '" + id
                    + "'.");
        }
        return a;
    }

    static ApiException missing(String param) {
        return new ApiException(ErrorCode.MANDATORY_PARAM_MISSING, ErrorCode.MANDATORY_PARAM_MISSING.message(param));
    }

    /** A required amount: present, at most 8 decimals, greater than 0. */
    static BigDecimal positiveAmount(BigDecimal v, String param) {
        if (v == null) {
            throw missing(param);
        }
        if (v.stripTrailingZeros().scale() > MAX_DECIMALS) {
            throw new ApiException(ErrorCode.BAD_PRECISION, ErrorCode.BAD_PRECISION.message(param));
        }
        if (v.signum() <= 0) {
            throw new ApiException(ErrorCode.BAD_PARAM_VALUE, "Parameter '" + param + "' must be greater than 0.");
        }
        return v;
    }

    /** An optional client id: 1–36 characters of {@code [A-Za-z0-9._:/-]}, or {@code null}. */
    static String clientId(String v, String param) {
        if (v == null) {
            return null;
        }
        if (v.isEmpty() || v.length() > MAX_CLIENT_ID_LENGTH) {
            throw new ApiException(ErrorCode.BAD_PARAM_VALUE, "Parameter '" + param + "' must be 1 to 36 characters.");
        }
        for (int i = 0; i < v.length(); i++) {
            char ch = v.charAt(i);
            boolean ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')
                    || ch == '.' || ch == '_' || ch == ':' || ch == '/' || ch == '-';
            if (!ok) {
                throw new ApiException(ErrorCode.BAD_PARAM_VALUE, "Parameter '" + param
                        + "' may only hold letters, digits and . _ : / -.");
            }
        }
        return v;
    }

    static void requireNotBankrupt(Account a) {
        if (a.status == AccountStatus.BANKRUPTED) {
            throw new ApiException(ErrorCode.BANKRUPTED, "Account '" + a.id + "' is bankrupted; only reads are allowed.");
        }
    }
}
