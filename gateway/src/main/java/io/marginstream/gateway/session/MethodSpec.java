package io.marginstream.gateway.session;

import java.util.HashMap;
import java.util.Map;

/**
 * The method table of §4: each method's weight, whether it needs a logged-on session, the permission it needs and
 * whether the engine runs it. {@code admin.*} exist only when the config enables them.
 */
enum MethodSpec {
    PING("ping", 1, null, false),
    TIME("time", 1, null, false),
    EXCHANGE_INFO("exchangeInfo", 10, null, false),
    LOGON("session.logon", 2, null, false),
    STATUS("session.status", 2, null, false),
    LOGOUT("session.logout", 2, null, false),
    SUBSCRIBE("subscribe", 1, null, false),
    UNSUBSCRIBE("unsubscribe", 1, null, false),
    SUBSCRIPTIONS("subscriptions", 1, null, false),
    ACCOUNT_STATUS("account.status", 20, "READ", true),
    ACCOUNT_BALANCE("account.balance", 20, "READ", true),
    ACCOUNT_POSITIONS("account.positions", 5, "READ", true),
    RISK_SETTINGS("account.riskSettings", 5, "READ", true),
    RISK_SETTINGS_UPDATE("account.riskSettings.update", 10, "TRADE", true),
    PM_ENABLE("account.portfolioMargin.enable", 50, "TRADE", true),
    PM_DISABLE("account.portfolioMargin.disable", 50, "TRADE", true),
    TRANSFER("transfer", 30, "TRANSFER", true),
    AUTO_COLLECTION("autoCollection", 750, "TRANSFER", true),
    ASSET_COLLECTION("assetCollection", 30, "TRANSFER", true),
    BNB_TRANSFER("bnbTransfer", 750, "TRANSFER", true),
    TRANSFER_HISTORY("transfer.history", 20, "READ", true),
    ORDER_PLACE("order.place", 1, "TRADE", true),
    ADMIN_SET_MARK_PRICE("admin.setMarkPrice", 1, "ADMIN", true),
    ADMIN_DEPOSIT("admin.deposit", 1, "ADMIN", true),
    ADMIN_FEED("admin.feed", 1, "ADMIN", true);

    private static final Map<String, MethodSpec> BY_NAME = new HashMap<>();

    static {
        for (MethodSpec m : values()) {
            BY_NAME.put(m.wireName, m);
        }
    }

    final String wireName;
    final int weight;
    /** The permission needed; non-null means the method needs a logged-on session. */
    final String permission;
    final boolean engine;

    MethodSpec(String wireName, int weight, String permission, boolean engine) {
        this.wireName = wireName;
        this.weight = weight;
        this.permission = permission;
        this.engine = engine;
    }

    boolean admin() {
        return wireName.startsWith("admin.");
    }

    /** The method called {@code name}, or {@code null}; admin methods only when {@code adminEnabled}. */
    static MethodSpec find(String name, boolean adminEnabled) {
        MethodSpec m = BY_NAME.get(name);
        return m == null || (m.admin() && !adminEnabled) ? null : m;
    }
}
