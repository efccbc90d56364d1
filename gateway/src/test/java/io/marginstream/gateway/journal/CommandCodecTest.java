package io.marginstream.gateway.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marginstream.gateway.engine.EngineCommand;
import io.marginstream.gateway.engine.EngineCommand.RiskSettingsPatch;
import io.marginstream.protocol.message.OrderType;
import io.marginstream.protocol.message.Side;
import io.marginstream.protocol.message.TimeInForce;
import io.marginstream.protocol.message.TransferSide;
import io.marginstream.protocol.message.Wallet;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandCodecTest {
    private static final long T = 1_700_000_123_456L;

    /** At least one instance of every state-changing command type, with nulls and awkward values. */
    static List<EngineCommand> samples() {
        Map<String, BigDecimal> floors = new LinkedHashMap<>();
        floors.put("ETH", new BigDecimal("0.75"));
        floors.put("BTC", new BigDecimal("0.60000000"));
        return List.of(
                new EngineCommand.Transfer("alice", "USDT", new BigDecimal("12.30000000"), Wallet.UM,
                        Wallet.CROSS_MARGIN,
                        "tran-1"),
                new EngineCommand.Transfer("bob", "BTC", new BigDecimal("0.00000001"), Wallet.CROSS_MARGIN,
                Wallet.SPOT, null),
                new EngineCommand.AutoCollect("alice", "auto-ü-1"),
                new EngineCommand.AutoCollect("alice", null),
                new EngineCommand.CollectAsset("alice", "ETH"),
                new EngineCommand.TransferBnb("alice", new BigDecimal("3"), TransferSide.TO_UM),
                new EngineCommand.PlaceOrder("alice", "BTCUSDT", Side.SELL, new BigDecimal("-0.001"), true, "my-order"),
                new EngineCommand.PlaceOrder("load-17", "BTCUSD_PERP", Side.BUY, new BigDecimal("1E+3"), false, null),
                new EngineCommand.PlaceOrder("alice", "BTCUSDT", Side.BUY, OrderType.LIMIT, new BigDecimal("0.5"),
                        new BigDecimal("59000.50"), null, TimeInForce.GTX, false, false, "grid-1"),
                new EngineCommand.PlaceOrder("alice", "ETHUSDT", Side.SELL, OrderType.STOP_MARKET, null, null,
                        new BigDecimal("2900"), null, false, true, null),
                new EngineCommand.CancelOrder("alice", "BTCUSDT", 42L, null),
                new EngineCommand.CancelOrder("alice", "BTCUSDT", null, "grid-1"),
                new EngineCommand.CancelOrder("alice", "BTCUSDT", 43L, "grid-2"),
                new EngineCommand.CancelAllOrders("alice", "ETHUSDT"),
                new EngineCommand.UpdateRiskSettings("alice", new RiskSettingsPatch(new BigDecimal("1.2"), floors,
                        Map.of("BTC/ETH", new BigDecimal("0.85")), List.of("SOLUSDT", "BNBUSDT"),
                        List.of(new BigDecimal("1.10"), new BigDecimal("1.05")), Map.of("BTCUSDT", 20))),
                new EngineCommand.UpdateRiskSettings("alice", new RiskSettingsPatch(null, null, null, null, null,
                        null)),
                new EngineCommand.UpdateRiskSettings("alice", new RiskSettingsPatch(null, Map.of(), null, List.of(),
                        null, Map.of())),
                new EngineCommand.SetPortfolioMargin("alice", true),
                new EngineCommand.SetPortfolioMargin("alice", false),
                new EngineCommand.SetMarkPrice("BTCUSDT", new BigDecimal("60123.45678901")),
                new EngineCommand.Deposit("alice", "USDT", new BigDecimal("123456789012345678901234567890.5"), null),
                new EngineCommand.Deposit("alice", "BNB", new BigDecimal("0"), Wallet.UM),
                new EngineCommand.SetFeedEnabled(true),
                new EngineCommand.SetFeedEnabled(false),
                new EngineCommand.ApplyMarks(Map.of("BTCUSDT", new BigDecimal("60000.1"), "ETHUSDT",
                        new BigDecimal("3000.00000000"))),
                new EngineCommand.ApplyMarks(Map.of()),
                new EngineCommand.ApplyMarks(Map.of("BTCUSDT", new BigDecimal("60000.1")),
                        Map.of("BTC", new BigDecimal("0.612345"), "ETH", new BigDecimal("0.75"))),
                new EngineCommand.SetImpliedVol("BTC", new BigDecimal("0.8"), null, new BigDecimal("-0.05")),
                new EngineCommand.SetImpliedVol("ETH", null, new BigDecimal("-0.2"), null),
                new EngineCommand.AdvanceMarketTime(86_400_000L * 30),
                new EngineCommand.SettleOptions());
    }

    @Test
    void applyMarksWithoutVolatilities_keepsTheV1Encoding() throws IOException {
        EngineCommand plain = new EngineCommand.ApplyMarks(Map.of("BTCUSDT", new BigDecimal("60000.1")));
        EngineCommand withVols = new EngineCommand.ApplyMarks(Map.of("BTCUSDT", new BigDecimal("60000.1")),
                Map.of("BTC", new BigDecimal("0.6")));
        assertEquals(CommandCodec.APPLY_MARKS_V1, CommandCodec.encode(T, plain)[0]);
        assertEquals(CommandCodec.APPLY_MARKS_WITH_VOLS_V1, CommandCodec.encode(T, withVols)[0]);
        assertEquals(plain, CommandCodec.decode(CommandCodec.encode(T, plain)).command());
    }

    @Test
    void roundTrip_everyCommandType_equalFieldForField() throws IOException {
        long time = T;
        for (EngineCommand cmd : samples()) {
            byte[] bytes = CommandCodec.encode(time, cmd);
            CommandCodec.JournaledCommand back = CommandCodec.decode(bytes);
            assertEquals(cmd, back.command(), "round trip of " + cmd);
            assertEquals(time, back.timeMillis());
            assertArrayEquals(bytes, CommandCodec.encode(time, back.command()), "stable bytes for " + cmd);
            time += 997;
        }
    }

    @Test
    void placeOrderV1_fromAnOlderJournal_decodesAsAMarketOrder() throws IOException {
        BinaryOut v1 = new BinaryOut(64).tag(CommandCodec.PLACE_ORDER_V1).varlong(T).string("alice").string("BTCUSDT")
                .string("SELL").decimal(new BigDecimal("0.001")).bool(true).string("my-order");
        CommandCodec.JournaledCommand back = CommandCodec.decode(v1.toByteArray());
        assertEquals(new EngineCommand.PlaceOrder("alice", "BTCUSDT", Side.SELL, OrderType.MARKET,
                new BigDecimal("0.001"), null,
                null, null, true, false, "my-order"), back.command());
        assertEquals(T, back.timeMillis());
    }

    /**
     * Records as gateways wrote them while these fields were strings (hex of the bytes): every enum field (wallet,
     * side, order type, time in force, BNB transfer side) decodes to its constant, and the command encodes back to
     * the same bytes, so journals on disk stay readable and unchanged.
     */
    @Test
    void recordsWrittenWithStringEnumFields_decodeToTheEnums_andReencodeByteForByte() throws IOException {
        Map<String, EngineCommand> golden = new LinkedHashMap<>();
        golden.put("0180a9bafef96206616c69636505555344540549504f801003554d0d43524f53535f4d415247494e077472616e2d31",
                new EngineCommand.Transfer("alice", "USDT", new BigDecimal("12.30000000"), Wallet.UM,
                        Wallet.CROSS_MARGIN, "tran-1"));
        golden.put("0480a9bafef96206616c6963650203000846524f4d5f554d",
                new EngineCommand.TransferBnb("alice", new BigDecimal("3"), TransferSide.FROM_UM));
        golden.put("0980a9bafef96206616c69636504424e4202190203434d",
                new EngineCommand.Deposit("alice", "BNB", new BigDecimal("2.5"), Wallet.CM));
        golden.put("0980a9bafef96206616c696365055553445402640000",
                new EngineCommand.Deposit("alice", "USDT", new BigDecimal("100"), null));
        golden.put("1480a9bafef96206616c696365084254435553445404425559064c494d4954020502045a071204000447545800"
                + "0007677269642d31", new EngineCommand.PlaceOrder("alice", "BTCUSDT", Side.BUY, OrderType.LIMIT,
                        new BigDecimal("0.5"), new BigDecimal("59000.50"), null, TimeInForce.GTX, false, false,
                        "grid-1"));
        golden.put("1480a9bafef96206616c69636508455448555344540553454c4c1354414b455f50524f4649545f4d41524b455400000"
                + "30b540000000100", new EngineCommand.PlaceOrder("alice", "ETHUSDT", Side.SELL,
                        OrderType.TAKE_PROFIT_MARKET, null, null, new BigDecimal("2900"), null, false, true, null));
        for (Map.Entry<String, EngineCommand> g : golden.entrySet()) {
            byte[] old = HexFormat.of().parseHex(g.getKey());
            CommandCodec.JournaledCommand back = CommandCodec.decode(old);
            assertEquals(g.getValue(), back.command());
            assertEquals(T, back.timeMillis());
            assertArrayEquals(old, CommandCodec.encode(T, back.command()), "bytes of " + g.getValue());
        }
    }

    @Test
    void decode_anEnumNameThatNoConstantHas_failsWithIoExceptionNamingIt() {
        byte[] bad = new BinaryOut(64).tag(CommandCodec.TRANSFER_V1).varlong(T).string("alice").string("USDT")
                .decimal(BigDecimal.ONE).string("FUTURES").string("CROSS_MARGIN").string(null).toByteArray();
        IOException e = assertThrows(IOException.class, () -> CommandCodec.decode(bad));
        assertTrue(e.getMessage().contains("unknown Wallet 'FUTURES'"), e.getMessage());
    }

    @Test
    void roundTrip_decimalsKeepScaleExactly() throws IOException {
        for (String v : List.of("0", "0.00000000", "-1.5", "1E+5", "99999999999999999999.99999999", "-0.00000001")) {
            EngineCommand cmd = new EngineCommand.SetMarkPrice("X", new BigDecimal(v));
            BigDecimal back = ((EngineCommand.SetMarkPrice) CommandCodec.decode(CommandCodec.encode(0, cmd))
                    .command()).price();
            assertEquals(new BigDecimal(v), back);
            assertEquals(new BigDecimal(v).scale(), back.scale());
        }
    }

    @Test
    void samplesCoverEveryStateChangingCommandType() {
        Set<Class<?>> covered = new HashSet<>();
        samples().forEach(c -> covered.add(c.getClass()));
        List<Class<?>> stateChanging = new ArrayList<>();
        collectRecords(EngineCommand.class, stateChanging);
        stateChanging.removeIf(EngineCommand.Query.class::isAssignableFrom);
        assertTrue(stateChanging.size() >= 11, stateChanging.toString());
        for (Class<?> c : stateChanging) {
            assertTrue(covered.contains(c), "no round-trip sample (and maybe no encoding) for " + c.getName());
        }
    }

    private static void collectRecords(Class<?> type, List<Class<?>> out) {
        if (type.isRecord()) {
            out.add(type);
        }
        Class<?>[] permitted = type.getPermittedSubclasses();
        if (permitted != null) {
            for (Class<?> sub : permitted) {
                if (!out.contains(sub)) {
                    collectRecords(sub, out);
                }
            }
        }
    }

    @Test
    void encode_query_rejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CommandCodec.encode(T, new EngineCommand.GetAccountStatus("alice")));
        assertTrue(e.getMessage().contains("queries are not journaled"), e.getMessage());
    }

    @Test
    void decode_unknownTag_truncated_trailing_allFailWithIoException() {
        byte[] good = CommandCodec.encode(T, samples().get(0));
        byte[] unknown = good.clone();
        unknown[0] = (byte) 200;
        IOException e = assertThrows(IOException.class, () -> CommandCodec.decode(unknown));
        assertTrue(e.getMessage().contains("unknown journal command tag 200"), e.getMessage());
        for (int len = 0; len < good.length; len++) {
            byte[] cut = Arrays.copyOf(good, len);
            assertThrows(IOException.class, () -> CommandCodec.decode(cut), "truncated to " + len);
        }
        byte[] longer = Arrays.copyOf(good, good.length + 1);
        assertThrows(IOException.class, () -> CommandCodec.decode(longer));
    }

    @Test
    void encoding_isCompact() {
        byte[] transfer = CommandCodec.encode(T, samples().get(0));
        assertTrue(transfer.length < 50, "transfer encodes in " + transfer.length + " bytes");
    }
}
