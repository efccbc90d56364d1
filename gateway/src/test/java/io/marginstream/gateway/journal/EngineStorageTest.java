package io.marginstream.gateway.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.gateway.engine.CommandJournal;
import io.marginstream.gateway.engine.EngineCommand;
import io.marginstream.gateway.engine.EngineListener;
import io.marginstream.gateway.engine.MarginEngine;
import io.marginstream.protocol.message.Wallet;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The storage life cycle around an engine that is not started: lock, recovery, journal hand-over. */
class EngineStorageTest {
    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path dataDir;

    private static GatewayConfig config() {
        GatewayConfig demo = GatewayConfig.demo("demo-key", "demo-secret");
        return demo.withFeed(new GatewayConfig.FeedConfig(false, null, null, null));
    }

    private static MarginEngine engine(CommandJournal journal) {
        return new MarginEngine(config(), () -> T0, EngineListener.NONE, journal);
    }

    private static EngineCommand deposit(int i) {
        return new EngineCommand.Deposit("demo", "USDT", new BigDecimal(i + ".5"), Wallet.SPOT);
    }

    @Test
    void replayUnderAChangedRiskConfig_stopsStartUp_untilASnapshotCoversTheJournal() throws Exception {
        try (EngineStorage storage = EngineStorage.open(dataDir)) {
            MarginEngine engine = engine(storage.journal());
            storage.recover(engine);
            engine.start();
            engine.submit(deposit(1)).get(10, TimeUnit.SECONDS);
            engine.close();
        }
        GatewayConfig changed = config().withRisk(new GatewayConfig.RiskConfig(new BigDecimal("1.6"), null, null,
                null, null, null));
        try (EngineStorage storage = EngineStorage.open(dataDir)) {
            MarginEngine engine = new MarginEngine(changed, () -> T0, EngineListener.NONE, storage.journal());
            ConfigChangedException e = assertThrows(ConfigChangedException.class, () -> storage.recover(engine));
            assertTrue(e.getMessage().contains("journal-00000000000000000001.log"), e.getMessage());
            assertTrue(e.getMessage().contains(Long.toHexString(engine.configFingerprint())), e.getMessage());
        }
        try (EngineStorage storage = EngineStorage.open(dataDir)) {
            MarginEngine engine = engine(storage.journal());
            storage.recover(engine);
            engine.close();
            assertTrue(storage.snapshotNow(engine).isPresent());
        }
        try (LogCapture log = new LogCapture(EngineStorage.class);
             EngineStorage storage = EngineStorage.open(dataDir)) {
            MarginEngine engine = new MarginEngine(changed, () -> T0, EngineListener.NONE, storage.journal());
            EngineStorage.RecoveryReport r = storage.recover(engine);
            assertEquals(0, r.recordsReplayed());
            assertEquals(1, engine.lastSeq());
            assertTrue(log.messages(ch.qos.logback.classic.Level.WARN).stream()
                    .anyMatch(m -> m.contains("re-evaluated under the new config")));
            engine.close();
        }
    }

    @Test
    void freshDir_recover_writesSeqZeroSnapshot_andHoldsTheLock() throws IOException {
        try (EngineStorage storage = EngineStorage.open(dataDir)) {
            MarginEngine engine = engine(storage.journal());
            EngineStorage.RecoveryReport r = storage.recover(engine);
            assertEquals(-1, r.snapshotSeq());
            assertEquals(0, r.recordsReplayed());
            assertEquals(1, r.nextSeq());
            assertTrue(r.truncation().isEmpty());
            assertEquals(0, storage.lastSnapshotSeq());
            assertTrue(Files.exists(DataDirLayout.snapshotDir(dataDir).resolve(JournalFiles.snapshotName(0))));
            assertTrue(storage.failure().isEmpty());
            assertEquals(0, storage.durableSeq());

            DataDirLockedException e = assertThrows(DataDirLockedException.class, () -> EngineStorage.open(dataDir));
            assertTrue(e.getMessage().contains(dataDir.toAbsolutePath().toString()), e.getMessage());
            engine.close();
        }
        EngineStorage.open(dataDir).close();
    }

    @Test
    void journaledCommands_replayedIntoTheNextEngine_atTheirSeqs() throws IOException {
        try (EngineStorage storage = EngineStorage.open(dataDir)) {
            MarginEngine engine = engine(storage.journal());
            storage.recover(engine);
            for (int i = 1; i <= 25; i++) {
                storage.journal().append(i, T0 + i, deposit(i));
            }
            storage.journal().sync();
            assertEquals(25, storage.durableSeq());
            engine.close();
        }
        try (EngineStorage storage = EngineStorage.open(dataDir)) {
            MarginEngine engine = engine(storage.journal());
            EngineStorage.RecoveryReport r = storage.recover(engine);
            assertEquals(0, r.snapshotSeq());
            assertEquals(25, r.recordsReplayed());
            assertEquals(26, r.nextSeq());
            assertEquals(25, engine.lastSeq());
            storage.journal().append(26, T0 + 26, deposit(26));
            storage.journal().sync();
            engine.close();
        }
        assertEquals(Records.range(1, 26), seqsOf(DataDirLayout.journalDir(dataDir)));
    }

    @Test
    void journal_usedBeforeRecovery_orAfterClose_refused() throws IOException {
        EngineStorage storage = EngineStorage.open(dataDir);
        assertThrows(IllegalStateException.class, () -> storage.journal().append(1, T0, deposit(1)));
        MarginEngine engine = engine(storage.journal());
        storage.recover(engine);
        assertThrows(IllegalStateException.class, () -> storage.recover(engine));
        assertThrows(IllegalArgumentException.class, () -> storage.journal().append(5, T0, deposit(1)),
                "seqs must follow on");
        storage.close();
        assertThrows(IllegalStateException.class, () -> storage.journal().append(1, T0, deposit(1)));
        engine.close();
    }

    @Test
    void corruptJournal_recoveryRefused_lockReleasedOnClose() throws IOException {
        try (EngineStorage storage = EngineStorage.open(dataDir)) {
            MarginEngine engine = engine(storage.journal());
            storage.recover(engine);
            for (int i = 1; i <= 10; i++) {
                storage.journal().append(i, T0 + i, deposit(i));
            }
            storage.journal().sync();
            engine.close();
        }
        Path seg = JournalFiles.listSegments(DataDirLayout.journalDir(dataDir)).get(0).file();
        byte[] bytes = Files.readAllBytes(seg);
        bytes[JournalFiles.SEGMENT_HEADER_BYTES + 20] ^= 1;
        Files.write(seg, bytes);
        try (EngineStorage storage = EngineStorage.open(dataDir)) {
            MarginEngine engine = engine(storage.journal());
            JournalCorruptException e = assertThrows(JournalCorruptException.class, () -> storage.recover(engine));
            assertEquals(seg, e.file());
            engine.close();
        }
    }

    @Test
    void backgroundSnapshots_byCountAndTime_pruneTheJournal_andShortenRecovery() throws Exception {
        EngineStorage.Options options = new EngineStorage.Options(4096, 2, 100, Duration.ofMillis(50));
        long lastSnapshot;
        try (EngineStorage storage = EngineStorage.open(dataDir, options)) {
            MarginEngine engine = engine(storage.journal());
            storage.recover(engine);
            engine.start();
            storage.startSnapshots(engine);
            for (int phase = 1; phase <= 2; phase++) {
                List<CompletableFuture<Object>> acks = new ArrayList<>();
                for (int i = 1; i <= 200; i++) {
                    acks.add(engine.submit(deposit(i)));
                }
                for (CompletableFuture<Object> f : acks) {
                    f.get(30, TimeUnit.SECONDS);
                }
                awaitSnapshotAt(storage, 200L * phase);
            }
            engine.close();
            lastSnapshot = storage.lastSnapshotSeq();
        }
        assertEquals(400, lastSnapshot);
        assertEquals(2, JournalFiles.listSnapshots(DataDirLayout.snapshotDir(dataDir)).size(), "two retained");
        assertTrue(JournalFiles.listSegments(DataDirLayout.journalDir(dataDir)).get(0).firstSeq() > 1,
                "segments covered by the older retained snapshot deleted");
        try (EngineStorage storage = EngineStorage.open(dataDir, options)) {
            MarginEngine engine = engine(storage.journal());
            EngineStorage.RecoveryReport r = storage.recover(engine);
            assertEquals(400, r.snapshotSeq());
            assertEquals(0, r.recordsReplayed());
            assertEquals(400, engine.lastSeq());
            engine.close();
        }
    }

    @Test
    void snapshotAtShutdown_nextStartReplaysNothing() throws Exception {
        try (EngineStorage storage = EngineStorage.open(dataDir)) {
            MarginEngine engine = engine(storage.journal());
            storage.recover(engine);
            engine.start();
            for (int i = 1; i <= 30; i++) {
                engine.submit(deposit(i)).get(30, TimeUnit.SECONDS);
            }
            engine.close();
            assertTrue(storage.snapshotNow(engine).isPresent());
            assertTrue(storage.snapshotNow(engine).isEmpty(), "nothing new: no second snapshot");
            assertEquals(30, storage.lastSnapshotSeq());
        }
        try (EngineStorage storage = EngineStorage.open(dataDir)) {
            MarginEngine engine = engine(storage.journal());
            EngineStorage.RecoveryReport r = storage.recover(engine);
            assertEquals(30, r.snapshotSeq());
            assertEquals(0, r.recordsReplayed());
            assertEquals(31, r.nextSeq());
            engine.close();
        }
    }

    /** Bounded poll until the background snapshots reached {@code seq}. */
    private static void awaitSnapshotAt(EngineStorage storage, long seq) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (storage.lastSnapshotSeq() < seq) {
            assertTrue(System.nanoTime() < deadline, "no snapshot at seq " + seq + " within 30 s; last at "
                    + storage.lastSnapshotSeq());
            LockSupport.parkNanos(1_000_000);
        }
    }

    /** The seqs in a journal. */
    private static List<Long> seqsOf(Path journalDir) throws IOException {
        List<Long> seqs = new ArrayList<>();
        JournalReader.recover(journalDir, 1, (seq, payload) -> seqs.add(seq));
        return seqs;
    }
}
