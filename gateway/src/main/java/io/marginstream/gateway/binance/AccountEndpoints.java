package io.marginstream.gateway.binance;

import io.marginstream.gateway.config.GatewayConfig.Bracket;
import io.marginstream.gateway.engine.AccountStatusView;
import io.marginstream.gateway.engine.BalanceView;
import io.marginstream.gateway.engine.EngineCommand;
import io.marginstream.gateway.engine.InstrumentInfo;
import io.marginstream.gateway.engine.EngineClient;
import io.marginstream.gateway.engine.PositionView;
import io.marginstream.gateway.engine.RiskSettingsView;
import io.marginstream.protocol.ApiException;
import io.marginstream.protocol.Decimals;
import io.marginstream.protocol.ErrorCode;
import io.marginstream.protocol.binance.AccountResults;
import io.marginstream.protocol.binance.AccountResults.FuturesAsset;
import io.marginstream.protocol.binance.AccountResults.FuturesPosition;
import io.marginstream.protocol.binance.SimpleResults;
import io.marginstream.protocol.message.FuturesType;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The account reads of §11, translated from the engine's views ({@code account.status}, {@code account.balance},
 * {@code account.positions}, {@code account.riskSettings}), so a figure read here is the one {@code /ws} gives at the
 * same moment. Positions are one-way ({@code BOTH}); per-position {@code liquidationPrice} is 0 (portfolio margin
 * liquidates by uniMMR); {@code maxNotionalValue} is the engine's largest notional. Stateless; thread-safe.
 */
final class AccountEndpoints {
    private static final BigDecimal ZERO = BigDecimal.ZERO;
    private static final BigDecimal MAX_NOTIONAL = new BigDecimal("1000000000");

    private final EngineClient engine;
    private final int ordersPerMinute;
    private final Map<String, InstrumentInfo> instruments = new LinkedHashMap<>();

    AccountEndpoints(EngineClient engine, int ordersPerMinute) {
        this.engine = engine;
        this.ordersPerMinute = ordersPerMinute;
        engine.instruments().forEach(i -> instruments.put(i.symbol(), i));
    }

    CompletionStage<Object> account(Call c) {
        return c.<AccountStatusView>then(engine.submit(new EngineCommand.GetAccountStatus(c.accountId())),
                AccountEndpoints::account);
    }

    static AccountResults.Account account(AccountStatusView v) {
        return new AccountResults.Account(v.uniMMR() == null ? "" : Decimals.format(v.uniMMR()), v.accountEquity(),
                v.actualEquity(), v.accountInitialMargin(), v.accountMaintMargin(), v.accountStatus(),
                v.virtualMaxWithdrawAmount(), v.totalAvailableBalance(), v.totalMarginOpenLoss(), v.updateTime());
    }

    /** An array; one object when {@code asset} is given. */
    CompletionStage<Object> balance(Call c) {
        String asset = c.params().optString("asset");
        return c.<Object>then(engine.submit(new EngineCommand.GetBalances(c.accountId(), asset)), r -> {
            if (r instanceof BalanceView one) {
                return balance(one);
            }
            @SuppressWarnings("unchecked")
            List<BalanceView> all = (List<BalanceView>) r;
            return all.stream().map(AccountEndpoints::balance).toList();
        });
    }

    static AccountResults.Balance balance(BalanceView b) {
        return new AccountResults.Balance(b.asset(), b.totalWalletBalance(), b.crossMarginAsset(),
                b.crossMarginBorrowed(), b.crossMarginFree(), b.crossMarginInterest(), b.crossMarginLocked(),
                b.umWalletBalance(), b.umUnrealizedPNL(), b.cmWalletBalance(), b.cmUnrealizedPNL(), b.updateTime(),
                b.negativeBalance());
    }

    /**
     * The futures positions of segment {@code fs} and the effective leverage per symbol, read together (option
     * positions trade on the UM wallet but are Binance's options API's, {@code /eapi/v1/position}).
     */
    private CompletionStage<Book> book(Call c, FuturesType fs, String symbol) {
        if (symbol != null) {
            InstrumentInfo i = instruments.get(symbol);
            if (i == null || i.fs() != fs) {
                throw new ApiException(ErrorCode.BAD_SYMBOL, ErrorCode.BAD_SYMBOL.message(
                        BinanceApi.printable(symbol)));
            }
        }
        CompletableFuture<Object> positions = engine.submit(new EngineCommand.GetPositions(c.accountId(), symbol));
        CompletableFuture<Object> settings = engine.submit(new EngineCommand.GetRiskSettings(c.accountId()));
        CompletableFuture<Object> status = engine.submit(new EngineCommand.GetAccountStatus(c.accountId()));
        return positions.thenCombine(settings, (p, s) -> new Object[] {p, s}).thenCombineAsync(status, (ps, st) -> {
            @SuppressWarnings("unchecked")
            List<PositionView> all = (List<PositionView>) ps[0];
            return new Book(all.stream().filter(v -> v.fs() == fs && v.optionSide() == null).toList(),
                    ((RiskSettingsView) ps[1]).leverage(), ((AccountStatusView) st).updateTime());
        }, c.executor());
    }

    private record Book(List<PositionView> positions, Map<String, Integer> leverage, long updateTime) {
        String leverage(String symbol) {
            return Integer.toString(leverage.getOrDefault(symbol, 20));
        }
    }

    /** Open UM positions; with {@code symbol}, that symbol's row (zeros when flat). */
    CompletionStage<Object> umPositionRisk(Call c) {
        String symbol = c.params().optString("symbol");
        return book(c, FuturesType.UM, symbol).thenApply(b -> {
            List<AccountResults.UmPosition> out = new ArrayList<>();
            for (PositionView p : b.positions()) {
                out.add(new AccountResults.UmPosition(p.symbol(), p.positionAmt(), p.entryPrice(), p.markPrice(),
                        p.unRealizedProfit(), ZERO, b.leverage(p.symbol()), MAX_NOTIONAL, "BOTH", p.notional(),
                        p.entryPrice(), b.updateTime()));
            }
            if (symbol != null && out.isEmpty()) {
                BigDecimal mark = engine.marks().get(symbol);
                out.add(new AccountResults.UmPosition(symbol, ZERO, ZERO, mark, ZERO, ZERO, b.leverage(symbol),
                        MAX_NOTIONAL, "BOTH", ZERO, ZERO, 0));
            }
            return out;
        });
    }

    /** Open CM positions, filtered by {@code marginAsset} or {@code pair}; {@code notionalValue} in the coin. */
    CompletionStage<Object> cmPositionRisk(Call c) {
        String marginAsset = c.params().optString("marginAsset");
        String pair = c.params().optString("pair");
        return book(c, FuturesType.CM, null).thenApply(b -> {
            List<AccountResults.CmPosition> out = new ArrayList<>();
            for (PositionView p : b.positions()) {
                InstrumentInfo i = instruments.get(p.symbol());
                if ((marginAsset != null && !marginAsset.equals(i.settlementAsset()))
                        || (pair != null && !pair.equals(i.underlying() + "USD"))) {
                    continue;
                }
                out.add(new AccountResults.CmPosition(p.symbol(), p.positionAmt(), p.entryPrice(), p.markPrice(),
                        p.unRealizedProfit(), ZERO, b.leverage(p.symbol()), "BOTH", b.updateTime(), MAX_NOTIONAL,
                        coinNotional(p)));
            }
            return out;
        });
    }

    /** A CM position's notional in its coin: contracts × contract size / mark, signed. */
    private BigDecimal coinNotional(PositionView p) {
        return p.notional().divide(p.markPrice(), Decimals.SCALE, RoundingMode.HALF_EVEN);
    }

    CompletionStage<Object> umAccount(Call c) {
        return futuresAccount(c, FuturesType.UM, false);
    }

    CompletionStage<Object> umAccountV2(Call c) {
        return futuresAccount(c, FuturesType.UM, true);
    }

    CompletionStage<Object> cmAccount(Call c) {
        return futuresAccount(c, FuturesType.CM, false);
    }

    /**
     * {@code assets}: every asset with a balance in the wallet ({@code UM} or {@code CM}), its uPnL and the margin of
     * the positions settled in it; {@code positions}: the open positions (v2 UM: the reduced field set).
     */
    private CompletionStage<Object> futuresAccount(Call c, FuturesType fs, boolean v2) {
        CompletionStage<Object> balances = engine.submit(new EngineCommand.GetBalances(c.accountId(), null));
        return book(c, fs, null).thenCombineAsync(balances, (b, bl) -> {
            @SuppressWarnings("unchecked")
            List<BalanceView> all = (List<BalanceView>) bl;
            List<FuturesAsset> assets = new ArrayList<>();
            for (BalanceView v : all) {
                BigDecimal wallet = fs == FuturesType.UM ? v.umWalletBalance() : v.cmWalletBalance();
                BigDecimal pnl = fs == FuturesType.UM ? v.umUnrealizedPNL() : v.cmUnrealizedPNL();
                if (wallet.signum() == 0 && pnl.signum() == 0) {
                    continue;
                }
                BigDecimal mm = ZERO;
                BigDecimal im = ZERO;
                for (PositionView p : b.positions()) {
                    if (instruments.get(p.symbol()).settlementAsset().equals(v.asset())) {
                        mm = mm.add(p.maintMargin());
                        im = im.add(p.initialMargin());
                    }
                }
                assets.add(new FuturesAsset(v.asset(), wallet, pnl, mm, im, im, ZERO, b.updateTime()));
            }
            List<FuturesPosition> positions = new ArrayList<>();
            for (PositionView p : b.positions()) {
                boolean cm = fs == FuturesType.CM;
                positions.add(v2
                        ? new FuturesPosition(p.symbol(), p.initialMargin(), p.maintMargin(), p.unRealizedProfit(),
                        null, null, null, null, null, null, null, null, "BOTH", p.positionAmt(), p.notional(),
                        b.updateTime())
                        : new FuturesPosition(p.symbol(), p.initialMargin(), p.maintMargin(), p.unRealizedProfit(),
                        p.initialMargin(), ZERO, b.leverage(p.symbol()), p.entryPrice(), cm ? null : MAX_NOTIONAL,
                        cm ? MAX_NOTIONAL : null, cm ? null : ZERO, cm ? null : ZERO, "BOTH", p.positionAmt(),
                        null, b.updateTime()));
            }
            return new AccountResults.FuturesAccount(assets, positions);
        }, c.executor());
    }

    CompletionStage<Object> umLeverageBracket(Call c) {
        return brackets(c, FuturesType.UM);
    }

    CompletionStage<Object> cmLeverageBracket(Call c) {
        return brackets(c, FuturesType.CM);
    }

    /** The configured brackets of the {@code fs} instruments ({@code symbol} filters), at the account's leverage. */
    private CompletionStage<Object> brackets(Call c, FuturesType fs) {
        String symbol = c.params().optString("symbol");
        if (symbol != null && (instruments.get(symbol) == null || instruments.get(symbol).fs() != fs)) {
            throw new ApiException(ErrorCode.BAD_SYMBOL, ErrorCode.BAD_SYMBOL.message(BinanceApi.printable(symbol)));
        }
        return c.<RiskSettingsView>then(engine.submit(new EngineCommand.GetRiskSettings(c.accountId())), s -> {
            List<AccountResults.LeverageBrackets> out = new ArrayList<>();
            for (InstrumentInfo i : instruments.values()) {
                if (i.fs() != fs || (symbol != null && !symbol.equals(i.symbol()))) {
                    continue;
                }
                int leverage = s.leverage().getOrDefault(i.symbol(), i.leverage());
                List<AccountResults.Bracket> brackets = new ArrayList<>();
                List<Bracket> bs = i.brackets();
                for (int k = 0; k < bs.size(); k++) {
                    Bracket b = bs.get(k);
                    BigDecimal cap = k + 1 < bs.size() ? bs.get(k + 1).notionalFloor() : MAX_NOTIONAL;
                    brackets.add(new AccountResults.Bracket(k + 1, leverage, plain(cap), plain(b.notionalFloor()),
                            plain(b.mmr()), plain(b.cum())));
                }
                out.add(new AccountResults.LeverageBrackets(i.symbol(), BigDecimal.ONE, brackets));
            }
            return out;
        });
    }

    private static String plain(BigDecimal v) {
        return v.stripTrailingZeros().toPlainString();
    }

    /** How much of {@code asset} can leave cross margin: its free balance, capped by virtualMaxWithdrawAmount. */
    CompletionStage<Object> maxWithdraw(Call c) {
        String asset = c.params().requireString("asset");
        CompletionStage<Object> balance = engine.submit(new EngineCommand.GetBalances(c.accountId(), asset));
        CompletionStage<Object> status = engine.submit(new EngineCommand.GetAccountStatus(c.accountId()));
        return balance.thenCombineAsync(status, (b, s) -> {
            BigDecimal free = ((BalanceView) b).crossMarginFree().max(ZERO);
            BigDecimal price = price(asset);
            BigDecimal cap = price.signum() == 0 ? ZERO : ((AccountStatusView) s).virtualMaxWithdrawAmount()
                    .divide(price, Decimals.SCALE, RoundingMode.DOWN);
            return new SimpleResults.MaxWithdraw(free.min(cap));
        }, c.executor());
    }

    /** The USD price of an asset: 1 for stable assets, else the mark of {@code <asset>USDT}. */
    private BigDecimal price(String asset) {
        for (var a : engine.assets()) {
            if (a.asset().equals(asset) && a.stable()) {
                return BigDecimal.ONE;
            }
        }
        BigDecimal m = engine.marks().get(asset + "USDT");
        return m == null ? ZERO : m;
    }

    CompletionStage<Object> orderRateLimit(Call c) {
        return CompletableFuture.completedFuture(List.of(new SimpleResults.RateLimit("ORDERS", "MINUTE", 1,
                ordersPerMinute)));
    }
}
