package io.marginstream.protocol.message;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The method table of PROTOCOL.md §4: wire name, request weight, whether a logged-on session is needed, the
 * permission needed ({@code null} for none), the params the method knows (plus {@code returnRateLimits}, always
 * allowed), and whether it exists only when the config enables admin. {@code subscribe} needs READ only for
 * account streams; the session layer checks that per stream. Immutable.
 */
public enum Method {
    PING("ping", 1, null),
    TIME("time", 1, null),
    EXCHANGE_INFO("exchangeInfo", 10, null),
    SESSION_LOGON("session.logon", 2, null, "apiKey", "timestamp", "recvWindow", "signature"),
    SESSION_STATUS("session.status", 2, null),
    SESSION_LOGOUT("session.logout", 2, null),
    SUBSCRIBE("subscribe", 1, null, "streams", "intervalMs"),
    UNSUBSCRIBE("unsubscribe", 1, null, "streams"),
    SUBSCRIPTIONS("subscriptions", 1, null),
    ACCOUNT_STATUS("account.status", 20, Permission.READ),
    ACCOUNT_BALANCE("account.balance", 20, Permission.READ, "asset"),
    ACCOUNT_POSITIONS("account.positions", 5, Permission.READ, "symbol"),
    ACCOUNT_RISK_SETTINGS("account.riskSettings", 5, Permission.READ),
    ACCOUNT_RISK_SETTINGS_UPDATE("account.riskSettings.update", 10, Permission.TRADE,
            "riskMultiplier", "volatilityFloors", "correlationOverrides", "excludedSymbols", "alertThresholds",
            "leverage"),
    PORTFOLIO_MARGIN_ENABLE("account.portfolioMargin.enable", 50, Permission.TRADE),
    PORTFOLIO_MARGIN_DISABLE("account.portfolioMargin.disable", 50, Permission.TRADE),
    TRANSFER("transfer", 30, Permission.TRANSFER, "asset", "amount", "from", "to", "clientTranId"),
    AUTO_COLLECTION("autoCollection", 750, Permission.TRANSFER, "clientTranId"),
    AUTO_COLLECTION_USAGE("autoCollection.usage", 5, Permission.READ),
    ASSET_COLLECTION("assetCollection", 30, Permission.TRANSFER, "asset"),
    BNB_TRANSFER("bnbTransfer", 750, Permission.TRANSFER, "amount", "transferSide"),
    TRANSFER_HISTORY("transfer.history", 20, Permission.READ, "startTime", "endTime", "limit"),
    ORDER_PLACE("order.place", 1, Permission.TRADE,
            "symbol", "side", "type", "quantity", "price", "stopPrice", "timeInForce", "reduceOnly", "closePosition",
            "newClientOrderId"),
    ORDER_CANCEL("order.cancel", 1, Permission.TRADE, "symbol", "orderId", "origClientOrderId"),
    ORDER_CANCEL_ALL("order.cancelAll", 1, Permission.TRADE, "symbol"),
    ORDER_QUERY("order.query", 1, Permission.READ, "symbol", "orderId", "origClientOrderId"),
    OPEN_ORDERS("openOrders", 1, Permission.READ, "symbol"),
    ALL_ORDERS("allOrders", 5, Permission.READ, "symbol", "startTime", "endTime", "limit"),
    ADMIN_SET_MARK_PRICE("admin.setMarkPrice", 1, Permission.ADMIN, "symbol", "price"),
    ADMIN_DEPOSIT("admin.deposit", 1, Permission.ADMIN, "accountId", "asset", "amount", "wallet"),
    ADMIN_FEED("admin.feed", 1, Permission.ADMIN, "enabled"),
    ADMIN_SET_IMPLIED_VOL("admin.setImpliedVol", 1, Permission.ADMIN, "underlying", "atmVol", "skew", "termSlope"),
    ADMIN_ADVANCE_MARKET_TIME("admin.advanceMarketTime", 1, Permission.ADMIN, "millis"),
    OPTIONS_SURFACE("options.surface", 1, null);

    private static final Map<String, Method> BY_NAME = new HashMap<>();

    static {
        for (Method m : values()) {
            BY_NAME.put(m.wireName, m);
        }
    }

    private final String wireName;
    private final int weight;
    private final Permission permission;
    private final Set<String> params;

    Method(String wireName, int weight, Permission permission, String... params) {
        this.wireName = wireName;
        this.weight = weight;
        this.permission = permission;
        this.params = Set.of(params);
    }

    /** The method by its wire name, or {@code null} when there is none (admin methods included). */
    public static Method byName(String name) {
        return name == null ? null : BY_NAME.get(name);
    }

    /** The name on the wire, e.g. {@code account.status}. */
    public String wireName() {
        return wireName;
    }

    /** Request weight charged against {@code REQUEST_WEIGHT} (§7). */
    public int weight() {
        return weight;
    }

    /** Whether the method needs a logged-on session ({@code -1002} otherwise). */
    public boolean needsAuth() {
        return permission != null;
    }

    /** The permission the key needs ({@code -2015}, 403, otherwise), or {@code null}. */
    public Permission permission() {
        return permission;
    }

    /** The params the method knows, for {@link io.marginstream.protocol.Params#of}. */
    public Set<String> params() {
        return params;
    }

    /** Whether it is an {@code admin.*} method, which exists only when {@code admin.enabled} is true. */
    public boolean admin() {
        return permission == Permission.ADMIN;
    }

    /** Whether it counts against the {@code ORDERS} limit (§7). */
    public boolean placesOrder() {
        return this == ORDER_PLACE;
    }

    @Override
    public String toString() {
        return wireName;
    }
}
