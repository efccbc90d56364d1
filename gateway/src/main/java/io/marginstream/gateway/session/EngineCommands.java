package io.marginstream.gateway.session;

import io.marginstream.gateway.engine.EngineCommand;
import io.marginstream.gateway.engine.EngineClient;
import io.marginstream.protocol.Params;
import io.marginstream.protocol.message.AdvanceMarketTimeParams;
import io.marginstream.protocol.message.AllOrdersParams;
import io.marginstream.protocol.message.AssetCollectionParams;
import io.marginstream.protocol.message.AutoCollectionParams;
import io.marginstream.protocol.message.BalanceParams;
import io.marginstream.protocol.message.BnbTransferParams;
import io.marginstream.protocol.message.DepositParams;
import io.marginstream.protocol.message.FeedParams;
import io.marginstream.protocol.message.Method;
import io.marginstream.protocol.message.OpenOrdersParams;
import io.marginstream.protocol.message.OrderPlaceParams;
import io.marginstream.protocol.message.OrderRefParams;
import io.marginstream.protocol.message.PositionsParams;
import io.marginstream.protocol.message.RiskSettingsUpdateParams;
import io.marginstream.protocol.message.SetImpliedVolParams;
import io.marginstream.protocol.message.SetMarkPriceParams;
import io.marginstream.protocol.message.SymbolParams;
import io.marginstream.protocol.message.TransferHistoryParams;
import io.marginstream.protocol.message.TransferParams;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The engine-backed methods of §4: params → the method's params record (which checks shape, kind and the ranges the
 * contract fixes) → {@link EngineCommand} → {@link EngineClient#submit}. The engine checks what needs its state
 * (known assets and symbols, routes, balances, step sizes) and answers with its result records, which serialize as
 * the wire results. Stateless; thread-safe.
 */
public final class EngineCommands implements Commands {
    private final EngineClient engine;

    public EngineCommands(EngineClient engine) {
        this.engine = engine;
    }

    @Override
    public CompletionStage<Object> execute(Method method, String accountId, Params p) {
        EngineCommand cmd;
        try {
            cmd = command(method, accountId, p);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return engine.submit(cmd);
    }

    @Override
    public CompletionStage<Boolean> portfolioMargin(String accountId) {
        return engine.portfolioMargin(accountId);
    }

    /**
     * The engine command for {@code method} run by account {@code a}.
     *
     * @throws io.marginstream.protocol.ApiException for params the method's record rejects
     * @throws IllegalArgumentException              for a method the session layer answers itself
     */
    public static EngineCommand command(Method method, String a, Params p) {
        switch (method) {
            case ACCOUNT_STATUS:
                return new EngineCommand.GetAccountStatus(a);
            case ACCOUNT_BALANCE:
                return new EngineCommand.GetBalances(a, BalanceParams.from(p).asset());
            case ACCOUNT_POSITIONS:
                return new EngineCommand.GetPositions(a, PositionsParams.from(p).symbol());
            case ACCOUNT_RISK_SETTINGS:
                return new EngineCommand.GetRiskSettings(a);
            case AUTO_COLLECTION_USAGE:
                return new EngineCommand.GetCollectionUsage(a);
            case ACCOUNT_RISK_SETTINGS_UPDATE: {
                RiskSettingsUpdateParams r = RiskSettingsUpdateParams.from(p);
                return new EngineCommand.UpdateRiskSettings(a, new EngineCommand.RiskSettingsPatch(r.riskMultiplier(),
                        r.volatilityFloors(), r.correlationOverrides(), r.excludedSymbols(), r.alertThresholds(),
                        r.leverage()));
            }
            case PORTFOLIO_MARGIN_ENABLE:
                return new EngineCommand.SetPortfolioMargin(a, true);
            case PORTFOLIO_MARGIN_DISABLE:
                return new EngineCommand.SetPortfolioMargin(a, false);
            case TRANSFER: {
                TransferParams t = TransferParams.from(p);
                return new EngineCommand.Transfer(a, t.asset(), t.amount(), t.from(), t.to(), t.clientTranId());
            }
            case AUTO_COLLECTION:
                return new EngineCommand.AutoCollect(a, AutoCollectionParams.from(p).clientTranId());
            case ASSET_COLLECTION:
                return new EngineCommand.CollectAsset(a, AssetCollectionParams.from(p).asset());
            case BNB_TRANSFER: {
                BnbTransferParams b = BnbTransferParams.from(p);
                return new EngineCommand.TransferBnb(a, b.amount(), b.transferSide());
            }
            case TRANSFER_HISTORY: {
                TransferHistoryParams h = TransferHistoryParams.from(p);
                return new EngineCommand.GetTransferHistory(a, h.startTime(), h.endTime(), h.limit());
            }
            case ORDER_PLACE: {
                OrderPlaceParams o = OrderPlaceParams.from(p);
                return new EngineCommand.PlaceOrder(a, o.symbol(), o.side(), o.type(), o.quantity(), o.price(),
                        o.stopPrice(), o.timeInForce(), o.reduceOnly(), o.closePosition(), o.newClientOrderId());
            }
            case ORDER_CANCEL: {
                OrderRefParams o = OrderRefParams.from(p);
                return new EngineCommand.CancelOrder(a, o.symbol(), o.orderId(), o.origClientOrderId());
            }
            case ORDER_CANCEL_ALL:
                return new EngineCommand.CancelAllOrders(a, SymbolParams.from(p).symbol());
            case ORDER_QUERY: {
                OrderRefParams o = OrderRefParams.from(p);
                return new EngineCommand.GetOrder(a, o.symbol(), o.orderId(), o.origClientOrderId());
            }
            case OPEN_ORDERS:
                return new EngineCommand.GetOpenOrders(a, OpenOrdersParams.from(p).symbol());
            case ALL_ORDERS: {
                AllOrdersParams o = AllOrdersParams.from(p);
                return new EngineCommand.GetAllOrders(a, o.symbol(), o.startTime(), o.endTime(), o.limit());
            }
            case ADMIN_SET_MARK_PRICE: {
                SetMarkPriceParams m = SetMarkPriceParams.from(p);
                return new EngineCommand.SetMarkPrice(m.symbol(), m.price());
            }
            case ADMIN_DEPOSIT: {
                DepositParams d = DepositParams.from(p);
                return new EngineCommand.Deposit(d.accountId(), d.asset(), d.amount(), d.wallet());
            }
            case ADMIN_FEED:
                return new EngineCommand.SetFeedEnabled(FeedParams.from(p).enabled());
            case ADMIN_SET_IMPLIED_VOL: {
                SetImpliedVolParams v = SetImpliedVolParams.from(p);
                return new EngineCommand.SetImpliedVol(v.underlying(), v.atmVol(), v.skew(), v.termSlope());
            }
            case ADMIN_ADVANCE_MARKET_TIME:
                return new EngineCommand.AdvanceMarketTime(AdvanceMarketTimeParams.from(p).millis());
            case OPTIONS_SURFACE:
                return new EngineCommand.GetVolSurfaces();
            default:
                throw new IllegalArgumentException("not an engine method: " + method);
        }
    }
}
