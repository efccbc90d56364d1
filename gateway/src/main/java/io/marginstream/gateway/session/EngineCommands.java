package io.marginstream.gateway.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.marginstream.gateway.engine.EngineCommand;
import io.marginstream.gateway.engine.EngineCommand.RiskSettingsPatch;
import io.marginstream.gateway.engine.MarginEngine;
import io.marginstream.protocol.Params;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The engine-backed methods of §4: params → {@link EngineCommand} → {@link MarginEngine#submit}. The engine checks
 * every value (wallets, symbols, amounts) and answers with its result records, which serialize as the wire results;
 * this class checks only the shape of the params (names, kinds, lengths). Stateless; thread-safe.
 */
public final class EngineCommands implements Commands {
    private static final Map<String, Set<String>> PARAMS = Map.ofEntries(
            Map.entry("account.status", Set.of()),
            Map.entry("account.balance", Set.of("asset")),
            Map.entry("account.positions", Set.of("symbol")),
            Map.entry("account.riskSettings", Set.of()),
            Map.entry("account.riskSettings.update", Set.of("riskMultiplier", "volatilityFloors",
                    "correlationOverrides", "excludedSymbols", "alertThresholds", "leverage")),
            Map.entry("account.portfolioMargin.enable", Set.of()),
            Map.entry("account.portfolioMargin.disable", Set.of()),
            Map.entry("transfer", Set.of("asset", "amount", "from", "to", "clientTranId")),
            Map.entry("autoCollection", Set.of("clientTranId")),
            Map.entry("assetCollection", Set.of("asset")),
            Map.entry("bnbTransfer", Set.of("amount", "transferSide")),
            Map.entry("transfer.history", Set.of("startTime", "endTime", "limit")),
            Map.entry("order.place", Set.of("symbol", "side", "type", "quantity", "reduceOnly",
                    "newClientOrderId")),
            Map.entry("admin.setMarkPrice", Set.of("symbol", "price")),
            Map.entry("admin.deposit", Set.of("accountId", "asset", "amount", "wallet")),
            Map.entry("admin.feed", Set.of("enabled")));

    private final MarginEngine engine;

    public EngineCommands(MarginEngine engine) {
        this.engine = engine;
    }

    @Override
    public Set<String> params(String method) {
        Set<String> p = PARAMS.get(method);
        if (p == null) {
            throw new IllegalArgumentException("not an engine method: " + method);
        }
        return p;
    }

    @Override
    public CompletionStage<Object> execute(String method, String accountId, Params p) {
        EngineCommand cmd;
        try {
            cmd = command(method, accountId, p);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return engine.submit(cmd);
    }

    @Override
    public boolean portfolioMargin(String accountId) {
        return engine.isPortfolioMargin(accountId);
    }

    static EngineCommand command(String method, String a, Params p) {
        switch (method) {
            case "account.status":
                return new EngineCommand.GetAccountStatus(a);
            case "account.balance":
                return new EngineCommand.GetBalances(a, p.optString("asset"));
            case "account.positions":
                return new EngineCommand.GetPositions(a, p.optString("symbol"));
            case "account.riskSettings":
                return new EngineCommand.GetRiskSettings(a);
            case "account.riskSettings.update":
                return new EngineCommand.UpdateRiskSettings(a, patch(p));
            case "account.portfolioMargin.enable":
                return new EngineCommand.SetPortfolioMargin(a, true);
            case "account.portfolioMargin.disable":
                return new EngineCommand.SetPortfolioMargin(a, false);
            case "transfer":
                return new EngineCommand.Transfer(a, p.requireString("asset"), p.requireDecimal("amount"),
                        p.requireString("from"), p.requireString("to"), clientTranId(p));
            case "autoCollection":
                return new EngineCommand.AutoCollect(a, clientTranId(p));
            case "assetCollection":
                return new EngineCommand.CollectAsset(a, p.requireString("asset"));
            case "bnbTransfer":
                return new EngineCommand.TransferBnb(a, p.requireDecimal("amount"), p.requireString("transferSide"));
            case "transfer.history": {
                Long limit = p.optLong("limit");
                if (limit != null && (limit < 1 || limit > 500)) {
                    throw Params.badValue("limit", "must be between 1 and 500");
                }
                return new EngineCommand.GetTransferHistory(a, p.optLong("startTime"), p.optLong("endTime"),
                        limit == null ? null : limit.intValue());
            }
            case "order.place": {
                String symbol = p.requireString("symbol");
                String side = p.requireString("side");
                String type = p.requireString("type");
                if (!type.equals("MARKET")) {
                    throw Params.badValue("type", "must be MARKET");
                }
                Boolean reduceOnly = p.optBoolean("reduceOnly");
                String clientOrderId = p.optString("newClientOrderId");
                if (clientOrderId != null && clientOrderId.length() > 36) {
                    throw Params.badValue("newClientOrderId", "must be 1-36 characters");
                }
                return new EngineCommand.PlaceOrder(a, symbol, side, p.requireDecimal("quantity"),
                        reduceOnly != null && reduceOnly, clientOrderId);
            }
            case "admin.setMarkPrice":
                return new EngineCommand.SetMarkPrice(p.requireString("symbol"), p.requireDecimal("price"));
            case "admin.deposit":
                return new EngineCommand.Deposit(p.requireString("accountId"), p.requireString("asset"),
                        p.requireDecimal("amount"), p.optString("wallet"));
            case "admin.feed":
                return new EngineCommand.SetFeedEnabled(p.requireBoolean("enabled"));
            default:
                throw new IllegalArgumentException("not an engine method: " + method);
        }
    }

    private static String clientTranId(Params p) {
        String id = p.optString("clientTranId");
        if (id != null && id.length() > 36) {
            throw Params.badValue("clientTranId", "must be 1-36 characters");
        }
        return id;
    }

    private static RiskSettingsPatch patch(Params p) {
        return new RiskSettingsPatch(
                p.optDecimal("riskMultiplier"),
                decimalMap(p.optNode("volatilityFloors"), "volatilityFloors"),
                decimalMap(p.optNode("correlationOverrides"), "correlationOverrides"),
                stringList(p.optNode("excludedSymbols"), "excludedSymbols"),
                decimalList(p.optNode("alertThresholds"), "alertThresholds"),
                intMap(p.optNode("leverage"), "leverage"));
    }

    private static Map<String, BigDecimal> decimalMap(JsonNode n, String name) {
        if (n == null) {
            return null;
        }
        if (!n.isObject()) {
            throw Params.badValue(name, "must be an object");
        }
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), Params.decimal(e.getValue(), name + "." + e.getKey()));
        }
        return out;
    }

    private static Map<String, Integer> intMap(JsonNode n, String name) {
        if (n == null) {
            return null;
        }
        if (!n.isObject()) {
            throw Params.badValue(name, "must be an object");
        }
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            long v = Params.integer(e.getValue(), name + "." + e.getKey());
            if (v < 1 || v > 125) {
                throw Params.badValue(name + "." + e.getKey(), "must be between 1 and 125");
            }
            out.put(e.getKey(), (int) v);
        }
        return out;
    }

    private static List<String> stringList(JsonNode n, String name) {
        if (n == null) {
            return null;
        }
        if (!n.isArray()) {
            throw Params.badValue(name, "must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : n) {
            if (!e.isTextual() || e.textValue().isEmpty()) {
                throw Params.badValue(name, "must be an array of non-empty strings");
            }
            out.add(e.textValue());
        }
        return out;
    }

    private static List<BigDecimal> decimalList(JsonNode n, String name) {
        if (n == null) {
            return null;
        }
        if (!n.isArray()) {
            throw Params.badValue(name, "must be an array of decimals");
        }
        List<BigDecimal> out = new ArrayList<>();
        for (JsonNode e : n) {
            out.add(Params.decimal(e, name));
        }
        return out;
    }
}
