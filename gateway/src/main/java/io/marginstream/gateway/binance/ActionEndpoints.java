package io.marginstream.gateway.binance;

import io.marginstream.gateway.engine.EngineCommand;
import io.marginstream.gateway.engine.EngineClient;
import io.marginstream.gateway.engine.TranIdResult;
import io.marginstream.gateway.engine.TransferResult;
import io.marginstream.protocol.ApiException;
import io.marginstream.protocol.ErrorCode;
import io.marginstream.protocol.binance.RestParams;
import io.marginstream.protocol.binance.SimpleResults;
import io.marginstream.protocol.message.TransferSide;
import io.marginstream.protocol.message.Wallet;

import java.util.concurrent.CompletionStage;

/**
 * The state-changing wallet commands of §11 as the engine's commands, with §4.4/§4.5's rules (the engine's):
 * {@code auto-collection} ({@code AutoCollect}, 10 per UTC day, BNB stays in UM), {@code asset-collection},
 * {@code bnb-transfer}, {@code /sapi/v1/asset/transfer} (SPOT ↔ CROSS_MARGIN by Binance's transfer types) and
 * {@code /papi/v1/transfer} (§4.5's transfer, a MarginStream extension). Stateless; thread-safe.
 */
final class ActionEndpoints {
    private final EngineClient engine;

    ActionEndpoints(EngineClient engine) {
        this.engine = engine;
    }

    CompletionStage<Object> autoCollection(Call c) {
        return c.then(engine.submit(new EngineCommand.AutoCollect(c.accountId(), null)),
                r -> SimpleResults.Msg.SUCCESS);
    }

    CompletionStage<Object> assetCollection(Call c) {
        String asset = c.params().requireString("asset");
        return c.then(engine.submit(new EngineCommand.CollectAsset(c.accountId(), asset)),
                r -> SimpleResults.Msg.SUCCESS);
    }

    CompletionStage<Object> bnbTransfer(Call c) {
        var p = c.params();
        var amount = p.requireDecimal("amount");
        TransferSide side = p.requireEnum("transferSide", TransferSide.class, ErrorCode.BAD_PARAM_VALUE);
        return c.<TranIdResult>then(engine.submit(new EngineCommand.TransferBnb(c.accountId(), amount, side)),
                r -> new SimpleResults.TranId(r.tranId()));
    }

    /** Binance's universal transfer, for the two PM types: {@code MAIN_PORTFOLIO_MARGIN} and back. */
    CompletionStage<Object> assetTransfer(Call c) {
        RestParams p = c.params();
        String type = p.requireString("type");
        Wallet from;
        Wallet to;
        switch (type) {
            case "MAIN_PORTFOLIO_MARGIN" -> {
                from = Wallet.SPOT;
                to = Wallet.CROSS_MARGIN;
            }
            case "PORTFOLIO_MARGIN_MAIN" -> {
                from = Wallet.CROSS_MARGIN;
                to = Wallet.SPOT;
            }
            default -> throw new ApiException(ErrorCode.ROUTE_NOT_ALLOWED, "Transfer type '"
                    + BinanceApi.printable(type) + "' is not served; use MAIN_PORTFOLIO_MARGIN or PORTFOLIO_MARGIN_MAIN.");
        }
        String asset = p.requireString("asset");
        var amount = p.requireDecimal("amount");
        return c.<TransferResult>then(engine.submit(new EngineCommand.Transfer(c.accountId(), asset, amount, from, to,
                null)), r -> new SimpleResults.TranId(r.tranId()));
    }

    /** §4.5's {@code transfer} over REST: {@code asset, amount, from, to, clientTranId?}. */
    CompletionStage<Object> transfer(Call c) {
        RestParams p = c.params();
        String asset = p.requireString("asset");
        var amount = p.requireDecimal("amount");
        Wallet from = p.requireEnum("from", Wallet.class, ErrorCode.BAD_PARAM_VALUE);
        Wallet to = p.requireEnum("to", Wallet.class, ErrorCode.BAD_PARAM_VALUE);
        String clientTranId = p.optString("clientTranId");
        return c.<TransferResult>then(engine.submit(new EngineCommand.Transfer(c.accountId(), asset, amount,
                from, to, clientTranId)), r -> new SimpleResults.Transfer(r.tranId(), r.asset(),
                r.amount(), r.from(), r.to(), r.status()));
    }
}
