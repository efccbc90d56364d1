package io.marginstream.gateway.session;

import io.marginstream.gateway.engine.AccountEvent;
import io.marginstream.protocol.message.AccountStatus;
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
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The hand-written {@code userData} frames against the protocol records through the shared mapper, byte for byte. */
class UserDataEncodingTest {

    static void assertSameBytes(byte[] expected, byte[] actual, Object what) {
        assertArrayEquals(expected, actual, () -> "for " + what + "\nexpected "
                + new String(expected, StandardCharsets.UTF_8) + "\n but got "
                + new String(actual, StandardCharsets.UTF_8));
    }

    @Test
    void everyEventType_hostileValues_sameBytesAsJackson() {
        RandomAccountEvents events = new RandomAccountEvents(20261201L, true);
        for (int i = 0; i < 30_000; i++) {
            AccountEvent e = events.next(i);
            assertSameBytes(JacksonUserData.frame(e), UserDataEncoding.frame(e), e);
        }
        List<Enum<?>> all = new ArrayList<>();
        for (Class<? extends Enum<?>> type : List.of(AccountStatus.class, ExecutionType.class, FuturesType.class,
                OrderStatus.class, OrderType.class, Side.class, TimeInForce.class, Wallet.class)) {
            all.addAll(List.of(type.getEnumConstants()));
        }
        assertEquals(all.size(), events.seen.size(), "every enum constant encoded");
    }

    @Test
    void typicalEvents_sameBytesAsJackson_andReadable() {
        BigDecimal usdt = new BigDecimal("1234.5");
        List<AccountEvent> typical = List.of(
                new AccountEvent.BalanceChanged(7, 1_700_000_000_000L, Wallet.CROSS_MARGIN, "USDT",
                        new BigDecimal("-12.5"), 1_700_000_000_000L),
                new AccountEvent.AccountPositionUpdated(8, 1_700_000_000_001L, 1_700_000_000_001L,
                        List.of(new AccountEvent.FreeLocked("USDT", usdt, BigDecimal.ZERO))),
                new AccountEvent.AccountUpdated(9, 1L, 2L, FuturesType.UM, "ORDER", List.of(), List.of()),
                new AccountEvent.RiskLevelChanged(10, 3L, null, AccountStatus.NORMAL, usdt, usdt, BigDecimal.ZERO),
                new AccountEvent.TransferCompleted(11, 4L, 99L, "USDT", BigDecimal.ONE, null, Wallet.SPOT));
        for (AccountEvent e : typical) {
            assertSameBytes(JacksonUserData.frame(e), UserDataEncoding.frame(e), e);
        }
        assertEquals("{\"stream\":\"userData\",\"data\":{\"e\":\"balanceUpdate\",\"E\":1700000000000,\"a\":\"USDT\","
                + "\"d\":\"-12.50000000\",\"U\":7,\"T\":1700000000000}}",
                new String(UserDataEncoding.frame(typical.get(0)), StandardCharsets.UTF_8));
        assertEquals("{\"stream\":\"userData\",\"data\":{\"e\":\"ACCOUNT_UPDATE\",\"E\":1,\"T\":2,\"fs\":\"UM\","
                + "\"a\":{\"m\":\"ORDER\",\"B\":[],\"P\":[]},\"U\":9}}",
                new String(UserDataEncoding.frame(typical.get(2)), StandardCharsets.UTF_8));
    }
}
