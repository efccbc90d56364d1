package io.marginstream.gateway.session;

import io.marginstream.gateway.engine.AccountEvent;
import io.marginstream.protocol.message.ExecutionType;
import io.marginstream.protocol.message.FuturesType;
import io.marginstream.protocol.message.OrderStatus;
import io.marginstream.protocol.message.OrderType;
import io.marginstream.protocol.message.Side;
import io.marginstream.protocol.message.TimeInForce;
import io.marginstream.protocol.message.Wallet;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import static io.marginstream.gateway.session.UserDataEncodingTest.assertSameBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hand-written Binance-shaped frames against the {@code PmEvents} records through the shared mapper. */
class PmEncodingTest {

    @Test
    void everyEventType_hostileValuesAndMissingAmounts_sameBytesAsJackson() {
        RandomAccountEvents events = new RandomAccountEvents(1111L, true);
        int[] compared = new int[RandomAccountEvents.TYPES];
        int none = 0;
        for (int i = 0; i < 30_000; i++) {
            AccountEvent e = events.next(i);
            byte[] expected;
            try {
                expected = JacksonPm.frame(e);
            } catch (NullPointerException npe) {
                assertThrows(NullPointerException.class, () -> PmEncoding.frame(e), "a NEW order without q or p");
                continue;
            }
            if (expected == null) {
                assertNull(PmEncoding.frame(e), e::toString);
                none++;
                continue;
            }
            assertSameBytes(expected, PmEncoding.frame(e), e);
            compared[i % RandomAccountEvents.TYPES]++;
        }
        for (int type = 0; type < 5; type++) { // balanceUpdate (a quarter: CROSS_MARGIN) to riskLevelChange
            assertTrue(compared[type] > 800, "type " + type + " compared " + compared[type] + " times");
        }
        assertTrue(none > 8_000, "spot balances, alerts and transfers have no Binance frame");
    }

    @Test
    void restingLimitOrder_carriesItsBidNotional() {
        AccountEvent e = new AccountEvent.OrderUpdated(3, 10L, 11L, FuturesType.UM, "BTCUSDT", "web-1", Side.BUY,
                OrderType.LIMIT, TimeInForce.GTC, new BigDecimal("0.002"), new BigDecimal("60000"), BigDecimal.ZERO,
                ExecutionType.NEW, OrderStatus.NEW, 42L, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
                BigDecimal.ZERO, BigDecimal.ZERO, "USDT", BigDecimal.ZERO, false, false, false, "NONE");
        assertSameBytes(JacksonPm.frame(e), PmEncoding.frame(e), e);
        String json = new String(PmEncoding.frame(e), StandardCharsets.UTF_8);
        assertTrue(json.startsWith("{\"e\":\"ORDER_TRADE_UPDATE\",\"fs\":\"UM\",\"E\":10,\"T\":11,\"i\":\"\",\"o\":{"),
                json);
        assertTrue(json.contains(",\"t\":0,\"b\":\"120.00000000\",\"a\":\"0.00000000\","), json);
        assertNull(PmEncoding.frame(new AccountEvent.BalanceChanged(1, 1L, Wallet.SPOT, "USDT", BigDecimal.ONE, 1L)));
        assertEquals("{\"e\":\"balanceUpdate\",\"E\":1,\"a\":\"USDT\",\"d\":\"1.00000000\",\"U\":1,\"T\":1}",
                new String(PmEncoding.frame(new AccountEvent.BalanceChanged(1, 1L, Wallet.CROSS_MARGIN, "USDT",
                        BigDecimal.ONE, 1L)), StandardCharsets.UTF_8));
    }
}
