package io.marginstream.protocol.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MethodTest {

    @Test
    void table_matchesProtocolSection4() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("ping", "1 -");
        expected.put("time", "1 -");
        expected.put("exchangeInfo", "10 -");
        expected.put("session.logon", "2 -");
        expected.put("session.status", "2 -");
        expected.put("session.logout", "2 -");
        expected.put("subscribe", "1 -");
        expected.put("unsubscribe", "1 -");
        expected.put("subscriptions", "1 -");
        expected.put("account.status", "20 READ");
        expected.put("account.balance", "20 READ");
        expected.put("account.positions", "5 READ");
        expected.put("account.riskSettings", "5 READ");
        expected.put("account.riskSettings.update", "10 TRADE");
        expected.put("account.portfolioMargin.enable", "50 TRADE");
        expected.put("account.portfolioMargin.disable", "50 TRADE");
        expected.put("transfer", "30 TRANSFER");
        expected.put("autoCollection", "750 TRANSFER");
        expected.put("autoCollection.usage", "5 READ");
        expected.put("assetCollection", "30 TRANSFER");
        expected.put("bnbTransfer", "750 TRANSFER");
        expected.put("transfer.history", "20 READ");
        expected.put("order.place", "1 TRADE");
        expected.put("order.cancel", "1 TRADE");
        expected.put("order.cancelAll", "1 TRADE");
        expected.put("order.query", "1 READ");
        expected.put("openOrders", "1 READ");
        expected.put("allOrders", "5 READ");
        expected.put("admin.setMarkPrice", "1 ADMIN");
        expected.put("admin.deposit", "1 ADMIN");
        expected.put("admin.feed", "1 ADMIN");
        expected.put("admin.setImpliedVol", "1 ADMIN");
        expected.put("admin.advanceMarketTime", "1 ADMIN");
        expected.put("options.surface", "1 -");
        assertEquals(expected.size(), Method.values().length);
        expected.forEach((name, row) -> {
            Method m = Method.byName(name);
            String perm = m.permission() == null ? "-" : m.permission().name();
            assertEquals(row, m.weight() + " " + perm, name);
            assertEquals(m.permission() != null, m.needsAuth(), name);
            assertEquals(name.startsWith("admin."), m.admin(), name);
            assertSame(m, Method.byName(m.wireName()));
        });
    }

    @Test
    void byName_unknown_isNull() {
        assertNull(Method.byName("order.modify"));
        assertNull(Method.byName("PING"));
        assertNull(Method.byName(null));
    }

    @Test
    void params_andOrderFlag() {
        assertEquals(4, Method.SESSION_LOGON.params().size());
        assertTrue(Method.SESSION_LOGON.params().contains("recvWindow"));
        assertFalse(Method.ACCOUNT_STATUS.params().contains("timestamp"));
        assertTrue(Method.ORDER_PLACE.placesOrder());
        assertFalse(Method.TRANSFER.placesOrder());
        assertFalse(Method.ORDER_CANCEL.placesOrder());
        assertTrue(Streams.isAccountStream(Streams.USER_DATA));
        assertEquals("BTCUSDT", Streams.markPriceSymbol(Streams.markPrice("BTCUSDT")));
        assertFalse(Streams.isSubscribable(Streams.SERVER));
    }
}
