package io.marginstream.gateway.binance;

import io.marginstream.gateway.binance.Route.Security;
import io.marginstream.protocol.message.Permission;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static io.marginstream.gateway.binance.Route.Security.API_KEY;
import static io.marginstream.gateway.binance.Route.Security.PUBLIC;
import static io.marginstream.gateway.binance.Route.Security.SIGNED;
import static io.marginstream.protocol.message.Permission.READ;
import static io.marginstream.protocol.message.Permission.TRADE;
import static io.marginstream.protocol.message.Permission.TRANSFER;

/**
 * The served endpoints of §11, top to bottom, each with Binance's request weight, its security and permission, and
 * the endpoint family that translates it. Nothing else is served: another path answers 404, another method on a
 * served path 405 (both {@code -1020} naming it). Built once; immutable.
 */
final class BinanceRoutes {
    private final List<Route> table;
    private final Map<String, Route> byMethodAndPath = new HashMap<>();
    private final Map<String, TreeSet<String>> methodsByPath = new HashMap<>();

    BinanceRoutes(MarketEndpoints market, AccountEndpoints account, ActionEndpoints action, OrderEndpoints order,
                  ListenKeyEndpoints listenKey, OptionEndpoints options) {
        table = List.of(
                // public: connectivity, time, instruments, marks
                get("/papi/v1/ping", 1, PUBLIC, null, market::ping),
                get("/api/v3/ping", 1, PUBLIC, null, market::ping),
                get("/api/v3/time", 1, PUBLIC, null, market::time),
                get("/fapi/v1/ping", 1, PUBLIC, null, market::ping),
                get("/fapi/v1/time", 1, PUBLIC, null, market::time),
                get("/dapi/v1/ping", 1, PUBLIC, null, market::ping),
                get("/dapi/v1/time", 1, PUBLIC, null, market::time),
                get("/fapi/v1/exchangeInfo", 1, PUBLIC, null, market::umExchangeInfo),
                get("/dapi/v1/exchangeInfo", 1, PUBLIC, null, market::cmExchangeInfo),
                get("/api/v3/exchangeInfo", 20, PUBLIC, null, market::spotExchangeInfo),
                get("/fapi/v1/premiumIndex", 1, PUBLIC, null, market::umPremiumIndex),
                get("/dapi/v1/premiumIndex", 10, PUBLIC, null, market::cmPremiumIndex),
                get("/fapi/v1/ticker/price", 2, PUBLIC, null, market::umTickerPrice),
                get("/fapi/v2/ticker/price", 2, PUBLIC, null, market::umTickerPrice),
                // options (§5.3a): the listing and the marks with greeks
                get("/eapi/v1/exchangeInfo", 1, PUBLIC, null, options::exchangeInfo),
                get("/eapi/v1/mark", 5, PUBLIC, null, options::mark),
                // ccxt's start-up (loadMarkets with keys)
                get("/sapi/v1/capital/config/getall", 10, SIGNED, READ, market::capitalConfig),
                get("/sapi/v1/margin/allPairs", 1, SIGNED, READ, market::marginPairs),
                get("/sapi/v1/margin/isolated/allPairs", 10, SIGNED, READ, market::marginPairs),
                // account reads
                get("/papi/v1/account", 20, SIGNED, READ, account::account),
                get("/papi/v1/balance", 20, SIGNED, READ, account::balance),
                get("/papi/v1/um/positionRisk", 5, SIGNED, READ, account::umPositionRisk),
                get("/papi/v1/cm/positionRisk", 1, SIGNED, READ, account::cmPositionRisk),
                get("/papi/v1/um/account", 5, SIGNED, READ, account::umAccount),
                get("/papi/v2/um/account", 5, SIGNED, READ, account::umAccountV2),
                get("/papi/v1/cm/account", 5, SIGNED, READ, account::cmAccount),
                get("/papi/v1/um/leverageBracket", 1, SIGNED, READ, account::umLeverageBracket),
                get("/papi/v1/cm/leverageBracket", 1, SIGNED, READ, account::cmLeverageBracket),
                get("/papi/v1/margin/maxWithdraw", 5, SIGNED, READ, account::maxWithdraw),
                get("/papi/v1/rateLimit/order", 1, SIGNED, READ, account::orderRateLimit),
                get("/eapi/v1/position", 5, SIGNED, READ, options::position),
                // actions
                post("/papi/v1/auto-collection", 750, SIGNED, TRANSFER, action::autoCollection),
                post("/papi/v1/asset-collection", 30, SIGNED, TRANSFER, action::assetCollection),
                post("/papi/v1/bnb-transfer", 750, SIGNED, TRANSFER, action::bnbTransfer),
                post("/sapi/v1/asset/transfer", 900, SIGNED, TRANSFER, action::assetTransfer),
                post("/papi/v1/transfer", 30, SIGNED, TRANSFER, action::transfer),
                // orders: placing counts against ORDERS (order weight 1); cancels and queries do not
                orders("POST", "/papi/v1/um/order", 1, order::newUmOrder),
                orders("POST", "/papi/v1/cm/order", 1, order::newCmOrder),
                trade("DELETE", "/papi/v1/um/order", 1, order::cancelUmOrder),
                trade("DELETE", "/papi/v1/cm/order", 1, order::cancelCmOrder),
                trade("DELETE", "/papi/v1/um/allOpenOrders", 1, order::cancelAllUmOpenOrders),
                trade("DELETE", "/papi/v1/cm/allOpenOrders", 1, order::cancelAllCmOpenOrders),
                get("/papi/v1/um/order", 1, SIGNED, READ, order::queryUmOrder),
                get("/papi/v1/cm/order", 1, SIGNED, READ, order::queryCmOrder),
                get("/papi/v1/um/openOrder", 1, SIGNED, READ, order::queryUmOpenOrder),
                get("/papi/v1/cm/openOrder", 1, SIGNED, READ, order::queryCmOpenOrder),
                bySymbol("/papi/v1/um/openOrders", 1, 40, order::umOpenOrders),
                bySymbol("/papi/v1/cm/openOrders", 1, 40, order::cmOpenOrders),
                get("/papi/v1/um/allOrders", 5, SIGNED, READ, order::umAllOrders),
                get("/papi/v1/cm/allOrders", 20, SIGNED, READ, order::cmAllOrders),
                // user-data streams
                route("POST", "/papi/v1/listenKey", 1, API_KEY, null, false, listenKey::open),
                route("PUT", "/papi/v1/listenKey", 1, API_KEY, null, false, listenKey::keepAlive),
                route("DELETE", "/papi/v1/listenKey", 1, API_KEY, null, false, listenKey::close));
        for (Route r : table) {
            byMethodAndPath.put(r.method() + " " + r.path(), r);
            methodsByPath.computeIfAbsent(r.path(), k -> new TreeSet<>()).add(r.method());
        }
    }

    private static Route get(String path, int weight, Security security, Permission permission, Endpoint e) {
        return route("GET", path, weight, security, permission, false, e);
    }

    private static Route post(String path, int weight, Security security, Permission permission, Endpoint e) {
        return route("POST", path, weight, security, permission, false, e);
    }

    private static Route orders(String method, String path, int weight, Endpoint e) {
        return route(method, path, weight, SIGNED, TRADE, true, e);
    }

    private static Route trade(String method, String path, int weight, Endpoint e) {
        return route(method, path, weight, SIGNED, TRADE, false, e);
    }

    /** A signed READ list whose call without {@code symbol} weighs {@code allSymbolsWeight}. */
    private static Route bySymbol(String path, int weight, int allSymbolsWeight, Endpoint e) {
        return new Route("GET", path, weight, allSymbolsWeight, SIGNED, READ, false, e);
    }

    private static Route route(String method, String path, int weight, Security security, Permission permission,
                               boolean order, Endpoint e) {
        return new Route(method, path, weight, 0, security, permission, order, e);
    }

    /** The route of {@code method} on {@code path} ({@code HEAD} finds {@code GET}), or {@code null}. */
    Route find(String method, String path) {
        return byMethodAndPath.get(("HEAD".equals(method) ? "GET" : method) + " " + path);
    }

    /** The methods served on {@code path} (empty when the path is not served). */
    List<String> methods(String path) {
        TreeSet<String> m = methodsByPath.get(path);
        return m == null ? List.of() : new ArrayList<>(m);
    }

    /** Every route, in table order (for docs and tests). */
    List<Route> all() {
        return table;
    }
}
