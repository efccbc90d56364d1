package io.marginstream.gateway.session;

import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.gateway.config.GatewayConfig.InstrumentConfig;
import io.marginstream.gateway.config.OptionListing;
import io.marginstream.protocol.message.ExchangeInfo.AssetInfo;
import io.marginstream.protocol.message.ExchangeInfo.Bracket;
import io.marginstream.protocol.message.ExchangeInfo.InstrumentInfo;
import io.marginstream.protocol.message.ExchangeInfo.MarginModelInfo;
import io.marginstream.protocol.message.ExchangeInfo.OptionSymbolInfo;
import io.marginstream.protocol.message.ExchangeInfo.RateLimitInfo;
import io.marginstream.protocol.message.ExchangeInfo.RiskInfo;
import io.marginstream.protocol.message.FuturesType;
import io.marginstream.protocol.message.MarginModelType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code exchangeInfo} result (§4), built once from the config as the protocol's
 * {@link io.marginstream.protocol.message.ExchangeInfo} record: instruments, the listed options (§5.3a), assets with
 * collateral rates, rate limits, margin-model and risk parameters. Immutable; {@link #result} stamps {@code serverTime}.
 */
final class ExchangeInfo {
    private final List<RateLimitInfo> rateLimits;
    private final List<AssetInfo> assets;
    private final List<InstrumentInfo> instruments;
    private final List<OptionSymbolInfo> optionSymbols;
    private final MarginModelInfo marginModel;
    private final RiskInfo risk;

    ExchangeInfo(GatewayConfig c) {
        var l = c.limits();
        rateLimits = List.of(
                new RateLimitInfo("REQUEST_WEIGHT", "MINUTE", 1, l.requestWeightPerMinute()),
                new RateLimitInfo("ORDERS", "MINUTE", 1, l.ordersPerMinute()),
                new RateLimitInfo("MESSAGES", "SECOND", 1, l.messagesPerSecond()),
                new RateLimitInfo("CONNECTIONS", "MINUTE", 5, l.connectionsPerIpPer5Minutes()));
        assets = c.assets().stream().map(a -> new AssetInfo(a.asset(), a.collateralRate())).toList();
        List<InstrumentInfo> ins = new ArrayList<>();
        Map<String, java.math.BigDecimal> shock = new LinkedHashMap<>();
        for (InstrumentConfig in : c.instruments()) {
            FuturesType fs = FuturesType.valueOf(in.fs());
            ins.add(new InstrumentInfo(in.symbol(), fs, in.underlying(), fs == FuturesType.UM ? "USDT" : in.underlying(),
                    in.stepSize(), in.contractSize(), in.leverage(),
                    in.brackets().stream().map(b -> new Bracket(b.notionalFloor(), b.mmr(), b.cum())).toList()));
            shock.put(in.underlying(), c.marginModel().shockFor(in.underlying()));
        }
        instruments = List.copyOf(ins);
        optionSymbols = OptionListing.of(c).stream().map(o -> new OptionSymbolInfo(o.symbol(), o.call() ? "CALL"
                : "PUT", o.strike(), o.referenceSymbol(), 1, o.expiryMillis(), "USDT", o.stepSize())).toList();
        var m = c.marginModel();
        marginModel = new MarginModelInfo(MarginModelType.valueOf(m.type()), shock, m.z(), m.grossRate(),
                m.imMultiplier(), m.correlations(), m.volShock(), m.shortOptionMin());
        var r = c.risk();
        risk = new RiskInfo(r.marginCall(), r.reduceOnly(), r.liquidation(), r.liquidationTarget(),
                r.liquidationFeeRate(), r.alertThresholds());
    }

    /** The result with {@code serverTime}. */
    io.marginstream.protocol.message.ExchangeInfo result(long serverTime) {
        return new io.marginstream.protocol.message.ExchangeInfo(io.marginstream.protocol.message.ExchangeInfo.UTC,
                serverTime, rateLimits, assets, instruments, optionSymbols, marginModel, risk);
    }
}
