package io.marginstream.gateway.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marginstream.gateway.config.Defaults;
import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.gateway.engine.EngineCommand;
import io.marginstream.gateway.engine.EngineListener;
import io.marginstream.gateway.engine.EngineState;
import io.marginstream.gateway.engine.MarginEngine;
import io.marginstream.protocol.ApiException;
import io.marginstream.protocol.message.Side;
import io.marginstream.protocol.message.TransferSide;
import io.marginstream.protocol.message.Wallet;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real engine on the real journal: a seeded mix of every state-changing command (accepted and rejected ones)
 * runs through a started engine; then the state rebuilt by recovery — from a mid-run snapshot plus the journal
 * tail, and from the seq-0 snapshot plus the whole journal — must equal the state before, field for field.
 */
class EngineJournalReplayTest {
    /** 2026-01-01T10:00:00Z. */
    private static final long T0 = 1_767_261_600_000L;

    @TempDir
    Path tmp;

    private final AtomicLong clock = new AtomicLong(T0);
    private final Random random = new Random(20261121);
    private int accepted;
    private int rejected;

    private static GatewayConfig config() {
        GatewayConfig c = GatewayConfig.empty().withAccounts(List.of(
                Defaults.demoAccount("demo-key", "demo-secret"),
                Defaults.syntheticAccount("load-0", List.of()),
                Defaults.syntheticAccount("load-1", List.of())));
        return c.withFeed(c.feed().withEnabled(false)).withAdmin(new GatewayConfig.AdminConfig(true));
    }

    private MarginEngine newEngine(EngineStorage storage) {
        return new MarginEngine(config(), clock::get, EngineListener.NONE, storage.journal());
    }

    @Test
    void replay_fromSnapshotPlusTail_andFromTheStart_equalsTheStateBefore_fieldForField() throws Exception {
        Path dataDir = tmp.resolve("data");
        EngineState before;
        long midSeq;
        try (EngineStorage storage = EngineStorage.open(dataDir)) {
            MarginEngine engine = newEngine(storage);
            storage.recover(engine);
            engine.start();
            runScript(engine, 16);
            midSeq = storage.snapshotNow(engine).map(p -> engine.lastSeq()).orElseThrow();
            runScript(engine, 16);
            engine.close();
            before = engine.snapshot();
        }
        assertTrue(accepted >= 150 && rejected >= 10, "a meaningful mix: " + accepted + " accepted, " + rejected
                + " rejected");
        assertEquals(accepted, before.lastSeq(), "one journal record per accepted command");

        Path fullReplayDir = tmp.resolve("full");
        copyTree(dataDir, fullReplayDir);
        Files.delete(DataDirLayout.snapshotDir(fullReplayDir).resolve(JournalFiles.snapshotName(midSeq)));

        try (EngineStorage storage = EngineStorage.open(dataDir)) {
            MarginEngine engine = newEngine(storage);
            EngineStorage.RecoveryReport r = storage.recover(engine);
            assertEquals(midSeq, r.snapshotSeq());
            assertEquals(before.lastSeq() - midSeq, r.recordsReplayed());
            assertStateEquals(before, engine.snapshot());
            engine.close();
        }
        try (EngineStorage storage = EngineStorage.open(fullReplayDir)) {
            MarginEngine engine = newEngine(storage);
            EngineStorage.RecoveryReport r = storage.recover(engine);
            assertEquals(0, r.snapshotSeq());
            assertEquals(before.lastSeq(), r.recordsReplayed());
            assertStateEquals(before, engine.snapshot());
            engine.close();
        }
    }

    @Test
    void recoveredEngine_continuesJournaling_andRecoversAgain() throws Exception {
        Path dataDir = tmp.resolve("data");
        try (EngineStorage storage = EngineStorage.open(dataDir)) {
            MarginEngine engine = newEngine(storage);
            storage.recover(engine);
            engine.start();
            runScript(engine, 6);
            engine.close();
        }
        EngineState before;
        try (EngineStorage storage = EngineStorage.open(dataDir)) {
            MarginEngine engine = newEngine(storage);
            long next = storage.recover(engine).nextSeq();
            engine.start();
            runScript(engine, 6);
            engine.close();
            before = engine.snapshot();
            assertTrue(before.lastSeq() >= next, "the second run journaled more commands");
        }
        try (EngineStorage storage = EngineStorage.open(dataDir)) {
            MarginEngine engine = newEngine(storage);
            storage.recover(engine);
            assertStateEquals(before, engine.snapshot());
            engine.close();
        }
    }

    /** Compares account by account first, so that a mismatch names the account and the field. */
    private static void assertStateEquals(EngineState expected, EngineState actual) {
        assertEquals(expected.lastSeq(), actual.lastSeq(), "lastSeq");
        assertEquals(expected.nextTranId(), actual.nextTranId(), "nextTranId");
        assertEquals(expected.nextOrderId(), actual.nextOrderId(), "nextOrderId");
        assertEquals(expected.feedEnabled(), actual.feedEnabled(), "feedEnabled");
        assertEquals(expected.lastTimeMillis(), actual.lastTimeMillis(), "lastTimeMillis");
        assertEquals(expected.marks(), actual.marks(), "marks");
        assertEquals(expected.accounts().size(), actual.accounts().size(), "number of accounts");
        for (int i = 0; i < expected.accounts().size(); i++) {
            EngineState.AccountState e = expected.accounts().get(i);
            EngineState.AccountState a = actual.accounts().get(i);
            String id = e.id();
            assertEquals(e.id(), a.id(), "account " + i);
            assertEquals(e.balances(), a.balances(), id + " balances");
            assertEquals(e.positions(), a.positions(), id + " positions");
            assertEquals(e.updateId(), a.updateId(), id + " U");
            assertEquals(e.updateTime(), a.updateTime(), id + " updateTime");
            assertEquals(e.accountStatus(), a.accountStatus(), id + " status");
            assertEquals(e.portfolioMargin(), a.portfolioMargin(), id + " PM mode");
            assertEquals(e.riskSettings(), a.riskSettings(), id + " risk settings");
            assertEquals(e.autoCollectionDay(), a.autoCollectionDay(), id + " autoCollectionDay");
            assertEquals(e.autoCollectionUsed(), a.autoCollectionUsed(), id + " autoCollectionUsed");
            assertEquals(e.bnbTransferTimes(), a.bnbTransferTimes(), id + " bnbTransfer times");
            assertEquals(e.clientTranIds(), a.clientTranIds(), id + " clientTranIds");
            assertEquals(e.history(), a.history(), id + " history");
            assertEquals(e, a, id);
        }
        assertEquals(expected, actual);
        assertArrayEquals(StateCodec.encode(expected), StateCodec.encode(actual), "equal states encode equally");
    }

    /** Runs {@code bursts} bursts of 10 commands; the clock moves between bursts, so every time is reproducible. */
    private void runScript(MarginEngine engine, int bursts) throws Exception {
        for (int b = 0; b < bursts; b++) {
            clock.addAndGet(1 + random.nextInt(90_000));
            List<CompletableFuture<Object>> futures = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                futures.add(engine.submit(nextCommand()));
            }
            for (CompletableFuture<Object> f : futures) {
                try {
                    f.get(30, TimeUnit.SECONDS);
                    accepted++;
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof ApiException)) {
                        throw e;
                    }
                    rejected++;
                } catch (TimeoutException e) {
                    throw new AssertionError("the engine did not answer", e);
                }
            }
        }
    }

    private final double[] btc = {60_000};

    private EngineCommand nextCommand() {
        String[] ids = {"demo", "load-0", "load-1"};
        String id = ids[random.nextInt(ids.length)];
        String tran = "t-" + random.nextInt(40);
        switch (random.nextInt(14)) {
            case 0:
                return new EngineCommand.Deposit(id, random.nextBoolean() ? "USDT" : "BTC",
                        amount("0.01", 5000), random.nextBoolean() ? null : Wallet.CROSS_MARGIN);
            case 1:
            case 2:
                return new EngineCommand.Transfer(id, "USDT", amount("0.01", 20_000), Wallet.SPOT, Wallet.CROSS_MARGIN,
                tran);
            case 3:
                return new EngineCommand.Transfer(id, "USDT", amount("0.01", 2_000), Wallet.CROSS_MARGIN, Wallet.SPOT,
                        random.nextBoolean() ? tran : null);
            case 4:
                return new EngineCommand.Transfer(id, random.nextBoolean() ? "USDT" : "BNB", amount("0.01", 3_000),
                        Wallet.UM, Wallet.CROSS_MARGIN, null);
            case 5:
            case 6:
                String[] symbols = {"BTCUSDT", "ETHUSDT", "BTCUSD_PERP", "SOLUSDT"};
                String symbol = symbols[random.nextInt(symbols.length)];
                BigDecimal qty = symbol.equals("BTCUSD_PERP") ? BigDecimal.valueOf(1 + random.nextInt(5))
                        : new BigDecimal("0.001").multiply(BigDecimal.valueOf(1 + random.nextInt(500)));
                return new EngineCommand.PlaceOrder(id, symbol, random.nextBoolean() ? Side.BUY : Side.SELL, qty,
                        random.nextInt(5) == 0, random.nextBoolean() ? "o-" + random.nextInt(1000) : null);
            case 7:
                btc[0] *= 1 + (random.nextGaussian() * 0.02);
                return new EngineCommand.SetMarkPrice("BTCUSDT",
                        BigDecimal.valueOf(Math.round(btc[0] * 100), 2));
            case 8:
                return new EngineCommand.ApplyMarks(Map.of(
                        "ETHUSDT", BigDecimal.valueOf(2_800 + random.nextInt(400)),
                        "SOLUSDT", new BigDecimal(140 + random.nextInt(20) + ".25")));
            case 9:
                return random.nextBoolean() ? new EngineCommand.AutoCollect(id, random.nextBoolean() ? tran : null)
                        : new EngineCommand.CollectAsset(id, random.nextBoolean() ? "USDT" : "BTC");
            case 10:
                return new EngineCommand.TransferBnb(id, amount("0.01", 2), random.nextBoolean() ? TransferSide.TO_UM
                        : TransferSide.FROM_UM);
            case 11:
                return new EngineCommand.UpdateRiskSettings(id, new EngineCommand.RiskSettingsPatch(
                        new BigDecimal("1." + random.nextInt(5)), null, null, null, null, null));
            case 12:
                return new EngineCommand.SetPortfolioMargin(id, random.nextInt(4) != 0);
            default:
                return random.nextBoolean() ? new EngineCommand.SetFeedEnabled(false)
                        : new EngineCommand.Transfer(id, "USDT", new BigDecimal("-1"), Wallet.SPOT,
                        Wallet.CROSS_MARGIN, null);
        }
    }

    /** A random amount in [step, step × max], a multiple of step. */
    private BigDecimal amount(String step, int max) {
        return new BigDecimal(step).multiply(BigDecimal.valueOf(1 + random.nextInt(max)));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (!p.getFileName().toString().equals(DataDirLayout.LOCK_FILE)) {
                    Files.copy(p, target);
                }
            }
        }
    }
}
