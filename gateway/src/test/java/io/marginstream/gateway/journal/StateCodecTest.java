package io.marginstream.gateway.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marginstream.gateway.engine.CollectionResult;
import io.marginstream.gateway.engine.EngineState;
import io.marginstream.gateway.engine.EngineState.AccountState;
import io.marginstream.gateway.engine.EngineState.AutoCollection;
import io.marginstream.gateway.engine.EngineState.PositionState;
import io.marginstream.gateway.engine.OrderResult;
import io.marginstream.gateway.engine.RiskSettings;
import io.marginstream.gateway.engine.TransferRecord;
import io.marginstream.protocol.message.AccountStatus;
import io.marginstream.protocol.message.OrderStatus;
import io.marginstream.protocol.message.OrderType;
import io.marginstream.protocol.message.Side;
import io.marginstream.protocol.message.TimeInForce;
import io.marginstream.protocol.message.TransferStatus;
import io.marginstream.protocol.message.TransferType;
import io.marginstream.protocol.message.Wallet;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateCodecTest {
    private static BigDecimal d(String v) {
        return new BigDecimal(v);
    }

    static EngineState sampleState() {
        RiskSettings risk = new RiskSettings(d("1.2"), Map.of("BTC", d("0.6")), Map.of("BTC/ETH", d("0.85")),
                List.of("SOLUSDT"), List.of(d("1.10"), d("1.05"), d("1.01")), Map.of("BTCUSDT", 20));
        AccountState alice = new AccountState("alice", 1, true, AccountStatus.NORMAL, 42, 1_700_000_000_000L,
                Map.of("CROSS_MARGIN", Map.of("USDT", d("100000.00000000"), "BTC", d("0.5")),
                        "UM", Map.of("USDT", d("-12.5"), "BNB", d("3")),
                        "SPOT", Map.of("USDT", d("1000"))),
                List.of(new PositionState("BTCUSDT", d("1.000"), d("60000")),
                        new PositionState("BTCUSD_PERP", d("-10"), d("59950.5"))),
                risk, 0b101, 19_700, 3, List.of(1_700_000_000_100L, 1_700_000_000_200L), 2,
                List.of(new TransferRecord(7, "t-1", TransferType.TRANSFER, "USDT", d("10"), Wallet.UM,
                                Wallet.CROSS_MARGIN, TransferStatus.CONFIRMED, 1_700_000_000_000L),
                        new AutoCollection("auto-1", 1_700_000_000_500L,
                                new CollectionResult("success", 8, List.of(
                                        new CollectionResult.Collected("USDT", Wallet.UM, d("5")),
                                        new CollectionResult.Collected("BTC", Wallet.CM, d("0.1"))), 1, 10))),
                List.of(new TransferRecord(7, "my-id", TransferType.TRANSFER, "USDT", d("10"), Wallet.UM,
                        Wallet.CROSS_MARGIN, TransferStatus.CONFIRMED,
                        1_700_000_000_000L),
                        new TransferRecord(9, null, TransferType.DEPOSIT, "BTC", d("1"), null, Wallet.SPOT,
                                TransferStatus.CONFIRMED,
                                1_700_000_000_900L)),
                List.of(new OrderResult(21, "grid-1", "BTCUSDT", Side.BUY, OrderType.LIMIT, OrderStatus.NEW, d("0"),
                                d("0"),
                                1_700_000_000_600L, TimeInForce.GTC, d("0.5"), d("59000.5"), d("0"), false, false,
                                1_700_000_000_600L),
                        new OrderResult(22, "ms-22", "BTCUSDT", Side.SELL, OrderType.STOP_MARKET, OrderStatus.NEW,
                                d("0"), d("0"),
                                1_700_000_000_700L, TimeInForce.GTC, d("0"), d("0"), d("58000"), false, true,
                                1_700_000_000_700L)),
                List.of(new OrderResult(20, "ms-20", "ETHUSDT", Side.SELL, OrderType.LIMIT, OrderStatus.FILLED, d("2"),
                        d("3100"),
                        1_700_000_000_800L, TimeInForce.IOC, d("2"), d("3100"), d("0"), true, false,
                        1_700_000_000_550L)));
        AccountState bare = new AccountState("load-0", 0, false, AccountStatus.NORMAL, 0, 0, Map.of(), List.of(), null,
                0, 0, 0,
                List.of(), 0, List.of(), List.of(), List.of(), List.of());
        return new EngineState(1234, 10, 20, true, 1_700_000_001_000L,
                Map.of("BTCUSDT", d("60000.12345678"), "ETHUSDT", d("3000")), List.of(alice, bare));
    }

    @Test
    void roundTrip_fullState_equalFieldForField() throws IOException {
        EngineState s = sampleState();
        EngineState back = StateCodec.decode(StateCodec.encode(s));
        assertEquals(s, back);
    }

    @Test
    void versionOneSnapshot_fromBeforeRestingOrders_readsAsAccountsWithoutOrders() throws IOException {
        BinaryOut v1 = new BinaryOut(256).tag(StateCodec.VERSION_1).varlong(77).varlong(5).varlong(9).bool(false)
                .varlong(1_700_000_000_000L).map(Map.of("BTCUSDT", d("60000")), BinaryOut::decimal);
        v1.uvarint(2);
        v1.string("alice").varint(0).bool(true).string("NORMAL").varlong(3).varlong(1_700_000_000_000L)
                .map(Map.of("CROSS_MARGIN", Map.of("USDT", d("10"))), (o, w) -> o.map(w, BinaryOut::decimal))
                .list(List.of("BTCUSDT"), (o, sym) -> o.string(sym).decimal(d("1")).decimal(d("60000")))
                .bool(false).varlong(0).varlong(19_700).varint(1).list(List.of(), BinaryOut::varlong).varlong(0)
                .list(List.of(), (o, x) -> { }).list(List.of(), (o, x) -> { });
        EngineState back = StateCodec.decode(v1.toByteArray());
        AccountState alice = back.accounts().get(0);
        assertEquals(new AccountState("alice", 0, true, AccountStatus.NORMAL, 3, 1_700_000_000_000L,
                Map.of("CROSS_MARGIN", Map.of("USDT", d("10"))), List.of(new PositionState("BTCUSDT", d("1"),
                d("60000"))), null, 0, 19_700, 1, List.of(), 0, List.of(), List.of(), List.of(), List.of()), alice);
        assertEquals(77, back.lastSeq());
        assertEquals(9, back.nextOrderId());
    }

    @Test
    void versionTwoSnapshot_withOptionStateButNoOrders_readsAsAccountsWithoutOrders() throws IOException {
        BinaryOut v2 = new BinaryOut(256).tag(StateCodec.VERSION_2).varlong(77).varlong(5).varlong(9).bool(false)
                .varlong(1_700_000_000_000L).map(Map.of("BTCUSDT", d("60000")), BinaryOut::decimal);
        v2.uvarint(2);
        v2.string("alice").varint(0).bool(true).string("NORMAL").varlong(3).varlong(1_700_000_000_000L)
                .map(Map.of("CROSS_MARGIN", Map.of("USDT", d("10"))), (o, w) -> o.map(w, BinaryOut::decimal))
                .list(List.of(), (o, x) -> { })
                .bool(false).varlong(0).varlong(19_700).varint(1).list(List.of(), BinaryOut::varlong).varlong(0)
                .list(List.of(), (o, x) -> { }).list(List.of(), (o, x) -> { });
        v2.bool(true).varlong(3_600_000L).varlong(0).list(List.of("BTC"), (o, u) -> o.string(u).decimal(d("0.6"))
                .decimal(d("0")).decimal(d("0")).varlong(1_700_000_000_000L));
        EngineState back = StateCodec.decode(v2.toByteArray());
        assertEquals(new AccountState("alice", 0, true, AccountStatus.NORMAL, 3, 1_700_000_000_000L,
                Map.of("CROSS_MARGIN", Map.of("USDT", d("10"))), List.of(), null, 0, 19_700, 1, List.of(), 0,
                List.of(), List.of(), List.of(), List.of()), back.accounts().get(0));
        assertEquals(new EngineState.OptionsState(3_600_000L, 0, List.of(new EngineState.SurfaceState("BTC",
                d("0.6"), d("0"), d("0"), 1_700_000_000_000L))), back.options());
    }

    @Test
    void versionThreeSnapshot_withTransferClientIdsButNoOrders_readsAsAccountsWithoutOrders() throws IOException {
        BinaryOut v3 = new BinaryOut(256).tag(StateCodec.VERSION_3).varlong(77).varlong(8).varlong(9).bool(false)
                .varlong(1_700_000_000_000L).map(Map.of("BTCUSDT", d("60000")), BinaryOut::decimal);
        v3.uvarint(2);
        v3.string("alice").varint(0).bool(true).string("NORMAL").varlong(3).varlong(1_700_000_000_000L)
                .map(Map.of("CROSS_MARGIN", Map.of("USDT", d("10"))), (o, w) -> o.map(w, BinaryOut::decimal))
                .list(List.of(), (o, x) -> { })
                .bool(false).varlong(0).varlong(19_700).varint(1).list(List.of(), BinaryOut::varlong).varlong(0)
                .list(List.of(), (o, x) -> { })
                .list(List.of(7L), (o, id) -> o.varlong(id).string("my-id").string("TRANSFER").string("USDT")
                        .decimal(d("10")).string("UM").string("CROSS_MARGIN").string("CONFIRMED")
                        .varlong(1_700_000_000_000L));
        v3.bool(false);
        EngineState back = StateCodec.decode(v3.toByteArray());
        assertEquals(new AccountState("alice", 0, true, AccountStatus.NORMAL, 3, 1_700_000_000_000L,
                Map.of("CROSS_MARGIN", Map.of("USDT", d("10"))), List.of(), null, 0, 19_700, 1, List.of(), 0,
                List.of(), List.of(new TransferRecord(7, "my-id", TransferType.TRANSFER, "USDT", d("10"), Wallet.UM,
                Wallet.CROSS_MARGIN,
                TransferStatus.CONFIRMED, 1_700_000_000_000L)), List.of(), List.of()), back.accounts().get(0));
    }

    /**
     * A state of one account keeping two clientTranIds: version 4 as builds before version 5 wrote it (with the
     * fingerprints), or version 5 (a null {@code transferFingerprint}: without them).
     */
    private static byte[] keptClientTranIds(String transferFingerprint, boolean transferResult) {
        boolean v5 = transferFingerprint == null;
        BinaryOut v4 = new BinaryOut(256).tag(v5 ? StateCodec.VERSION_5 : StateCodec.VERSION_4).varlong(77).varlong(9).varlong(1).bool(false)
                .varlong(1_700_000_001_000L).map(Map.of(), BinaryOut::decimal);
        v4.uvarint(1 + 1);
        v4.string("bob").varint(0).bool(true).string("NORMAL").varlong(3).varlong(1_700_000_000_500L)
                .map(Map.<String, Map<String, BigDecimal>>of(), (o, w) -> o.map(w, BinaryOut::decimal))
                .list(List.of(), (o, x) -> { })
                .bool(false).varlong(0).varlong(19_675).varint(1).list(List.of(), BinaryOut::varlong).varlong(0);
        v4.uvarint(2 + 1);
        v4.string("t-1");
        if (!v5) {
            v4.string(transferFingerprint);
        }
        v4.varlong(1_700_000_000_000L).bool(transferResult);
        if (transferResult) {
            v4.varlong(7).string("USDT").decimal(d("10.50")).string("UM").string("CROSS_MARGIN").string("CONFIRMED");
        }
        v4.bool(false);
        v4.string("auto-1");
        if (!v5) {
            v4.string("AUTO_COLLECTION");
        }
        v4.varlong(1_700_000_000_500L).bool(false).bool(true)
                .string("success").varlong(8)
                .list(List.of("USDT"), (o, a) -> o.string(a).string("UM").decimal(d("5")))
                .varint(1).varint(10);
        v4.list(List.of(), (o, x) -> { }).list(List.of(), (o, x) -> { }).list(List.of(), (o, x) -> { });
        v4.bool(false);
        return v4.toByteArray();
    }

    @Test
    void keptClientTranIds_decodeAsTheirResults_andEncodeWithoutTheFingerprint() throws IOException {
        byte[] bytes = keptClientTranIds("TRANSFER|USDT|10.5|UM|CROSS_MARGIN", true);
        EngineState s = StateCodec.decode(bytes);
        assertEquals(List.of(new TransferRecord(7, "t-1", TransferType.TRANSFER, "USDT", d("10.50"), Wallet.UM,
                        Wallet.CROSS_MARGIN, TransferStatus.CONFIRMED, 1_700_000_000_000L),
                new AutoCollection("auto-1", 1_700_000_000_500L, new CollectionResult("success", 8,
                        List.of(new CollectionResult.Collected("USDT", Wallet.UM, d("5"))), 1, 10))),
                s.accounts().get(0).clientTranIds());
        byte[] v5 = keptClientTranIds(null, true);
        assertArrayEquals(v5, StateCodec.encode(s));
        assertEquals(s, StateCodec.decode(v5));
    }

    @Test
    void keptClientTranId_whoseFingerprintIsNotItsResults_orWithoutResult_isRefused() {
        IOException e = assertThrows(IOException.class,
                () -> StateCodec.decode(keptClientTranIds("TRANSFER|USDT|11|UM|CROSS_MARGIN", true)));
        assertTrue(e.getMessage().contains("t-1"), e.getMessage());
        assertThrows(IOException.class,
                () -> StateCodec.decode(keptClientTranIds("TRANSFER|USDT|10.5|UM|CROSS_MARGIN", false)));
    }

    @Test
    void emptyState_roundTrips() throws IOException {
        EngineState s = new EngineState(0, 1, 1, false, 0, Map.of(), List.of());
        assertEquals(s, StateCodec.decode(StateCodec.encode(s)));
    }

    @Test
    void encoding_isIndependentOfMapIterationOrder() {
        Map<String, BigDecimal> a = new LinkedHashMap<>();
        a.put("BTCUSDT", d("1"));
        a.put("ETHUSDT", d("2"));
        Map<String, BigDecimal> b = new LinkedHashMap<>();
        b.put("ETHUSDT", d("2"));
        b.put("BTCUSDT", d("1"));
        assertArrayEquals(StateCodec.encode(new EngineState(1, 1, 1, false, 0, a, List.of())),
                StateCodec.encode(new EngineState(1, 1, 1, false, 0, b, List.of())));
    }

    @Test
    void decode_damagedOrForeignBytes_failWithIoException() {
        byte[] good = StateCodec.encode(sampleState());
        byte[] version = good.clone();
        version[0] = 9;
        assertThrows(IOException.class, () -> StateCodec.decode(version));
        for (int len = 0; len < good.length; len += 7) {
            byte[] cut = Arrays.copyOf(good, len);
            assertThrows(IOException.class, () -> StateCodec.decode(cut), "truncated to " + len);
        }
    }
}
