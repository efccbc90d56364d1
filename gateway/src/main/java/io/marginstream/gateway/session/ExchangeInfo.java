package io.marginstream.gateway.session;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.gateway.config.GatewayConfig.AssetConfig;
import io.marginstream.gateway.config.GatewayConfig.Bracket;
import io.marginstream.gateway.config.GatewayConfig.InstrumentConfig;

import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeMap;

/**
 * The static part of the {@code exchangeInfo} result (§4), built once from the config: instruments, assets with
 * collateral rates, rate limits, margin-model and risk parameters. Immutable after construction; the caller adds
 * {@code serverTime} to a copy.
 */
final class ExchangeInfo {
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private final ObjectNode body;

    ExchangeInfo(GatewayConfig c) {
        ObjectNode o = NODES.objectNode();
        o.put("timezone", "UTC");
        ArrayNode limits = o.putArray("rateLimits");
        var l = c.limits();
        limits.add(limit("REQUEST_WEIGHT", "MINUTE", 1, l.requestWeightPerMinute()));
        limits.add(limit("ORDERS", "MINUTE", 1, l.ordersPerMinute()));
        limits.add(limit("MESSAGES", "SECOND", 1, l.messagesPerSecond()).put("burst", l.messageBurst()));
        limits.add(limit("CONNECTIONS", "MINUTE", 5, l.connectionsPerIpPer5Minutes()));
        limits.add(limit("LOGON_FAILURES", "MINUTE", 1, l.logonFailuresPerIpPerMinute()));
        limits.add(limit("AUTO_COLLECTION", "DAY", 1, l.autoCollectionPerDay()));
        limits.add(limit("BNB_TRANSFER", "MINUTE", 10, l.bnbTransfersPer10Minutes()));
        ArrayNode assets = o.putArray("assets");
        for (AssetConfig a : c.assets()) {
            assets.addObject().put("asset", a.asset()).put("collateralRate", plain(a.collateralRate()));
        }
        ArrayNode instruments = o.putArray("instruments");
        Set<String> underlyings = new LinkedHashSet<>();
        for (InstrumentConfig in : c.instruments()) {
            underlyings.add(in.underlying());
            ObjectNode i = instruments.addObject();
            i.put("symbol", in.symbol()).put("fs", in.fs()).put("underlying", in.underlying())
                    .put("stepSize", plain(in.stepSize()));
            if (in.contractSize() != null) {
                i.put("contractSize", plain(in.contractSize()));
            }
            i.put("leverage", in.leverage());
            ArrayNode brackets = i.putArray("brackets");
            for (Bracket b : in.brackets()) {
                brackets.addObject().put("notionalFloor", plain(b.notionalFloor())).put("mmr", plain(b.mmr()))
                        .put("cum", plain(b.cum()));
            }
        }
        var m = c.marginModel();
        ObjectNode model = o.putObject("marginModel");
        model.put("type", m.type());
        ObjectNode shock = model.putObject("shock");
        for (String u : underlyings) {
            shock.put(u, plain(m.shockFor(u)));
        }
        model.put("z", plain(m.z())).put("grossRate", plain(m.grossRate())).put("imMultiplier", plain(m.imMultiplier()));
        ObjectNode corr = model.putObject("correlations");
        m.correlations().forEach((k, v) -> corr.put(k, plain(v)));
        var r = c.risk();
        ObjectNode risk = o.putObject("risk");
        risk.put("marginCall", plain(r.marginCall())).put("reduceOnly", plain(r.reduceOnly()))
                .put("liquidation", plain(r.liquidation())).put("liquidationTarget", plain(r.liquidationTarget()))
                .put("liquidationFeeRate", plain(r.liquidationFeeRate()));
        ArrayNode alerts = risk.putArray("alertThresholds");
        r.alertThresholds().forEach(a -> alerts.add(plain(a)));
        o.putObject("portfolioMargin").put("minEquityUsd", plain(c.portfolioMargin().minEquityUsd()));
        ObjectNode volatility = o.putObject("feed").put("enabled", c.feed().enabled())
                .put("tickMillis", c.feed().tickMillis()).putObject("volatility");
        new TreeMap<>(c.feed().volatility()).forEach((k, v) -> volatility.put(k, plain(v)));
        ArrayNode streams = o.putArray("streams");
        for (String s : new String[] {"userData", "marginRatio", "markPrice", "markPrice@<symbol>"}) {
            streams.add(s);
        }
        o.put("adminEnabled", c.admin().enabled());
        this.body = o;
    }

    private static ObjectNode limit(String type, String interval, int num, int limit) {
        return NODES.objectNode().put("rateLimitType", type).put("interval", interval).put("intervalNum", num)
                .put("limit", limit);
    }

    private static String plain(BigDecimal v) {
        return v.stripTrailingZeros().scale() < 0 ? v.setScale(0).toPlainString() : v.stripTrailingZeros().toPlainString();
    }

    /** A fresh result object: {@code serverTime} then the static body. */
    ObjectNode result(long serverTime) {
        ObjectNode o = NODES.objectNode();
        o.put("serverTime", serverTime);
        o.setAll(body.deepCopy());
        return o;
    }
}
