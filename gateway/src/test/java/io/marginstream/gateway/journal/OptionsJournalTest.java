package io.marginstream.gateway.journal;

import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.gateway.config.GatewayConfig.AccountConfig;
import io.marginstream.gateway.config.GatewayConfig.OptionUnderlyingConfig;
import io.marginstream.gateway.config.GatewayConfig.OptionsConfig;
import io.marginstream.gateway.engine.EngineCommand;
import io.marginstream.gateway.engine.EngineListener;
import io.marginstream.gateway.engine.EngineState;
import io.marginstream.gateway.engine.MarginEngine;
import io.marginstream.protocol.message.Side;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Options (§5.3a) through the real journal and snapshot files: option orders, the feed's ATM moves, a surface
 * change, the market clock and a settlement the engine issues itself are journaled; a restart recovers — from a
 * snapshot (option state in it) plus the journal tail, and from the journal alone — the same state, field for field.
 */
class OptionsJournalTest {
    /** 2026-06-25T08:00:00Z: a day before the listing's first expiry. */
    private static final long T0 = 1_782_374_400_000L;

    @TempDir
    Path tmp;

    private final AtomicLong clock = new AtomicLong(T0);

    private static GatewayConfig config() {
        GatewayConfig c = GatewayConfig.empty().withAccounts(List.of(
                new AccountConfig("a", 1, true, List.of(), Map.of("CROSS_MARGIN", Map.of("USDT",
                        new BigDecimal("200000"))), List.of())))
                .withOptions(new OptionsConfig(List.of("2026-06-26", "2026-09-25"), Map.of("BTC",
                        new OptionUnderlyingConfig(new BigDecimal("5000"), 1, new BigDecimal("0.01"),
                                new BigDecimal("0.6"), new BigDecimal("-0.1"), new BigDecimal("0.05")))));
        return c.withFeed(c.feed().withEnabled(false));
    }

    private Object call(MarginEngine e, EngineCommand c) throws Exception {
        return e.submit(c).get(10, TimeUnit.SECONDS);
    }

    private static EngineCommand order(String symbol, Side side, String qty) {
        return new EngineCommand.PlaceOrder("a", symbol, side, new BigDecimal(qty), false, null);
    }

    @Test
    void restart_recoversOptionPositionsSurfacesClockAndSettlements_fromSnapshotAndJournal() throws Exception {
        Path dataDir = tmp.resolve("data");
        EngineState before;
        try (EngineStorage storage = EngineStorage.open(dataDir)) {
            MarginEngine engine = new MarginEngine(config(), clock::get, EngineListener.NONE, storage.journal());
            storage.recover(engine);
            engine.start();
            call(engine, order("BTC-260626-60000-C", Side.SELL, "1"));
            call(engine, order("BTC-260925-55000-P", Side.BUY, "2"));
            clock.addAndGet(100);
            call(engine, new EngineCommand.ApplyMarks(Map.of("BTCUSDT", new BigDecimal("61234.56")),
                    Map.of("BTC", new BigDecimal("0.654321"))));
            storage.snapshotNow(engine);
            call(engine, new EngineCommand.SetImpliedVol("BTC", null, new BigDecimal("-0.2"), null));
            call(engine, new EngineCommand.AdvanceMarketTime(3_600_000L));
            clock.addAndGet(86_400_000L);
            // the first expiry is due now: the engine settles it with a command of its own
            call(engine, new EngineCommand.GetPositions("a", null));
            clock.addAndGet(100);
            call(engine, new EngineCommand.ApplyMarks(Map.of("BTCUSDT", new BigDecimal("59000")),
                    Map.of("BTC", new BigDecimal("0.7"))));
            engine.close();
            before = engine.snapshot();
        }
        assertTrue(before.options().settledThroughMillis() > 0, "the first expiry settled");
        assertEquals(1, before.accounts().get(0).positions().size(), "the September put is left");
        assertEquals(new BigDecimal("-0.2"), before.options().surfaces().get(0).skew());
        try (EngineStorage storage = EngineStorage.open(dataDir)) {
            MarginEngine engine = new MarginEngine(config(), clock::get, EngineListener.NONE, storage.journal());
            EngineStorage.RecoveryReport r = storage.recover(engine);
            assertTrue(r.snapshotSeq() > 0 && r.recordsReplayed() > 0, r.toString());
            assertEquals(before, engine.snapshot());
            engine.close();
        }
    }

    @Test
    void stateCodec_roundTripsTheOptionState_andReadsAVersionOneState() throws Exception {
        EngineState.OptionsState options = new EngineState.OptionsState(3_600_000L, 1_782_460_800_000L,
                List.of(new EngineState.SurfaceState("BTC", new BigDecimal("0.654321"), new BigDecimal("-0.2"),
                        new BigDecimal("0.05"), T0)));
        EngineState s = new EngineState(7, 2, 3, false, T0, Map.of("BTC-260626-60000-C", new BigDecimal("1234.56")),
                List.of(), options);
        assertEquals(s, StateCodec.decode(StateCodec.encode(s)));
        EngineState none = new EngineState(7, 2, 3, false, T0, Map.of(), List.of());
        assertEquals(none, StateCodec.decode(StateCodec.encode(none)));
        byte[] v1 = StateCodec.encode(none);
        v1[0] = StateCodec.VERSION_1;
        byte[] withoutFlag = java.util.Arrays.copyOf(v1, v1.length - 1);
        assertEquals(none, StateCodec.decode(withoutFlag));
    }
}
