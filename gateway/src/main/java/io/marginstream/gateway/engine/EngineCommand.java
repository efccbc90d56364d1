package io.marginstream.gateway.engine;

import io.marginstream.protocol.message.OrderType;
import io.marginstream.protocol.message.Side;
import io.marginstream.protocol.message.TimeInForce;
import io.marginstream.protocol.message.TransferSide;
import io.marginstream.protocol.message.Wallet;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One immutable record per engine command (PROTOCOL.md §4.4–4.6, §5.3a, §5.5–5.7, §12, the admin methods and the
 * feed).
 *
 * <p>Fields hold the request parameters typed as the protocol types them: enumerated values (wallets, sides,
 * order types) are the {@code io.marginstream.protocol.message} enums, parsed once by the front door that read the
 * request. The engine checks every value against its rules and state and rejects bad input with an
 * {@link io.marginstream.protocol.ApiException}. {@code null} means "not given" for optional fields.
 * Commands that extend {@link Query} only read state: they are never journaled.
 */
public sealed interface EngineCommand {

    /** A read-only command: answered from the current state, never journaled. */
    sealed interface Query extends EngineCommand {
    }

    /** An account-scoped command; {@link #accountId()} names the account. */
    sealed interface AccountCommand extends EngineCommand {
        String accountId();
    }

    /** {@code transfer} (§4.5). Result: {@link TransferResult}. */
    record Transfer(String accountId, String asset, BigDecimal amount, Wallet from, Wallet to, String clientTranId)
            implements AccountCommand {
    }

    /** {@code autoCollection} (§4.4). Result: {@link CollectionResult}. */
    record AutoCollect(String accountId, String clientTranId) implements AccountCommand {
    }

    /** {@code assetCollection} (§4.4, one asset, not counted). Result: {@link CollectionResult}. */
    record CollectAsset(String accountId, String asset) implements AccountCommand {
    }

    /** {@code bnbTransfer}. Result: {@link TranIdResult}. */
    record TransferBnb(String accountId, BigDecimal amount, TransferSide side) implements AccountCommand {
    }

    /**
     * {@code order.place} (§4.6, §12). Which of {@code quantity}, {@code price}, {@code stopPrice},
     * {@code timeInForce} a type needs or refuses is the engine's rule (docs/ENGINE.md §6). {@code clientOrderId}
     * may be {@code null} (the engine derives one). Result: {@link OrderResult}.
     */
    record PlaceOrder(String accountId, String symbol, Side side, OrderType type, BigDecimal quantity,
                      BigDecimal price, BigDecimal stopPrice, TimeInForce timeInForce, boolean reduceOnly,
                      boolean closePosition, String clientOrderId) implements AccountCommand {

        /** A {@code MARKET} order. */
        public PlaceOrder(String accountId, String symbol, Side side, BigDecimal quantity, boolean reduceOnly,
                          String clientOrderId) {
            this(accountId, symbol, side, OrderType.MARKET, quantity, null, null, null, reduceOnly, false,
                    clientOrderId);
        }
    }

    /**
     * {@code order.cancel} (§12): the open order of {@code symbol} named by {@code orderId} and/or
     * {@code origClientOrderId} (at least one; given both, they must name the same order). Result:
     * {@link OrderResult} ({@code CANCELED}).
     */
    record CancelOrder(String accountId, String symbol, Long orderId, String origClientOrderId)
            implements AccountCommand {
    }

    /** {@code order.cancelAll} (§12): every open order of {@code symbol}. Result: {@code List<OrderResult>}. */
    record CancelAllOrders(String accountId, String symbol) implements AccountCommand {
    }

    /** {@code account.riskSettings.update} (§5.5). Result: {@link RiskSettingsView} (the new settings). */
    record UpdateRiskSettings(String accountId, RiskSettingsPatch patch) implements AccountCommand {
    }

    /** {@code account.portfolioMargin.enable}/{@code .disable} (§5.7). Result: {@link PortfolioMarginResult}. */
    record SetPortfolioMargin(String accountId, boolean enabled) implements AccountCommand {
    }

    /** {@code admin.setMarkPrice}. Result: {@link Ack}. */
    record SetMarkPrice(String symbol, BigDecimal price) implements EngineCommand {
    }

    /** {@code admin.deposit}; {@code wallet} {@code null} means {@code SPOT}. Result: {@link TranIdResult}. */
    record Deposit(String accountId, String asset, BigDecimal amount, Wallet wallet) implements AccountCommand {
    }

    /** {@code admin.feed}. Result: {@link FeedResult}. */
    record SetFeedEnabled(boolean enabled) implements EngineCommand {
    }

    /**
     * New marks from a feed (symbol → price) and, for underlyings with options, new ATM implied volatilities
     * (underlying → annualized volatility; the skew and term slope stay). Result: {@link Ack}.
     */
    record ApplyMarks(Map<String, BigDecimal> marks, Map<String, BigDecimal> atmVols) implements EngineCommand {
        /** Keeps the marks in symbol order, the order they are applied, published and journaled in. */
        public ApplyMarks {
            TreeMap<String, BigDecimal> sorted = new TreeMap<>(marks);
            sorted.values().forEach(Objects::requireNonNull);
            marks = Collections.unmodifiableSortedMap(sorted);
            atmVols = atmVols == null ? Map.of() : Map.copyOf(atmVols);
        }

        /** Marks only. */
        public ApplyMarks(Map<String, BigDecimal> marks) {
            this(marks, Map.of());
        }
    }

    /**
     * {@code admin.setImpliedVol} (§5.3a): sets the given parameters of the underlying's implied-volatility surface
     * ({@code null} = unchanged, at least one given). Result: {@link VolSurfaceView}.
     */
    record SetImpliedVol(String underlying, BigDecimal atmVol, BigDecimal skew, BigDecimal termSlope)
            implements EngineCommand {
    }

    /**
     * {@code admin.advanceMarketTime} (§5.3a): moves the market clock (expiries, the surface's term) forward by
     * {@code millis}, settling the expiries it passes. Result: {@link MarketTimeResult}.
     */
    record AdvanceMarketTime(long millis) implements EngineCommand {
    }

    /**
     * Settles the options whose expiry the market clock has reached (§5.3a). The engine issues it itself when an
     * expiry falls due, so the settlement is journaled like any command. Result: {@link Ack}.
     */
    record SettleOptions() implements EngineCommand {
    }

    /** {@code options.surface}: the implied-volatility surfaces. Result: {@code List<VolSurfaceView>}. */
    record GetVolSurfaces() implements Query {
    }

    /**
     * The mark, implied volatility and greeks of one contract of every listed option, or of {@code symbol} only.
     * Result: {@code List<OptionMarkView>}.
     */
    record GetOptionMarks(String symbol) implements Query {
    }

    /** {@code account.status} (§4.1). Result: {@link AccountStatusView}. */
    record GetAccountStatus(String accountId) implements Query, AccountCommand {
    }

    /**
     * {@code account.balance} (§4.2). Result: {@code List<BalanceView>} (non-zero assets) when {@code asset} is
     * {@code null}, else one {@link BalanceView} (zeros if the account holds none of it).
     */
    record GetBalances(String accountId, String asset) implements Query, AccountCommand {
    }

    /** {@code account.positions} (§4.3). Result: {@code List<PositionView>}, filtered by {@code symbol} if given. */
    record GetPositions(String accountId, String symbol) implements Query, AccountCommand {
    }

    /** {@code autoCollection.usage}. Result: {@link CollectionUsage}. */
    record GetCollectionUsage(String accountId) implements Query, AccountCommand {
    }

    /** {@code account.riskSettings} (§5.5). Result: {@link RiskSettingsView}. */
    record GetRiskSettings(String accountId) implements Query, AccountCommand {
    }

    /**
     * {@code transfer.history}: times in ms (inclusive), {@code limit} default 100, at most 500. Result:
     * {@code List<TransferRecord>}, newest first.
     */
    record GetTransferHistory(String accountId, Long startTime, Long endTime, Integer limit)
            implements Query, AccountCommand {
    }

    /**
     * {@code order.query} (§12): an open or recently closed order of {@code symbol}, by {@code orderId} and/or
     * {@code origClientOrderId} (the newest order with that client id). Result: {@link OrderResult}.
     */
    record GetOrder(String accountId, String symbol, Long orderId, String origClientOrderId)
            implements Query, AccountCommand {
    }

    /** {@code openOrders} (§12), of {@code symbol} or all. Result: {@code List<OrderResult>}, newest first. */
    record GetOpenOrders(String accountId, String symbol) implements Query, AccountCommand {
    }

    /**
     * {@code allOrders} (§12): open and recently closed orders (the last 200 closed
     * ones are kept), of {@code symbol} or all, placed within the inclusive time range; {@code limit} 1–1000,
     * default 500. Result: {@code List<OrderResult>}, newest first.
     */
    record GetAllOrders(String accountId, String symbol, Long startTime, Long endTime, Integer limit)
            implements Query, AccountCommand {
    }

    /**
     * The parameters of {@code account.riskSettings.update}: any subset of §5.5, {@code null} = unchanged. A given
     * map or list replaces the current one as a whole.
     */
    record RiskSettingsPatch(BigDecimal riskMultiplier, Map<String, BigDecimal> volatilityFloors,
                             Map<String, BigDecimal> correlationOverrides, List<String> excludedSymbols,
                             List<BigDecimal> alertThresholds, Map<String, Integer> leverage) {
    }
}
