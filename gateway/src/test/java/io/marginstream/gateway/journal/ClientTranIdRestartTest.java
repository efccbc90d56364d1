package io.marginstream.gateway.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.marginstream.gateway.config.Defaults;
import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.gateway.engine.CollectionResult;
import io.marginstream.gateway.engine.EngineCommand;
import io.marginstream.gateway.engine.EngineListener;
import io.marginstream.gateway.engine.EngineState;
import io.marginstream.gateway.engine.MarginEngine;
import io.marginstream.gateway.engine.TransferRecord;
import io.marginstream.gateway.engine.TransferResult;
import io.marginstream.protocol.ApiException;
import io.marginstream.protocol.ErrorCode;
import io.marginstream.protocol.message.TransferStatus;
import io.marginstream.protocol.message.Wallet;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * clientTranIds across a restart from a snapshot, on the real engine and storage: a repeat answers the first result
 * and moves nothing, other params are {@code -5002}, the 24 hours run on; for a snapshot this build writes and for
 * one an earlier build wrote (a resource, {@link #OLD_SNAPSHOT}, taken by the build before the engine stopped keeping
 * a separate result and fingerprint per clientTranId).
 */
class ClientTranIdRestartTest {
    /** 2026-01-01T10:00:00Z, the clock the old snapshot was taken at. */
    private static final long T0 = 1_767_261_600_000L;
    private static final long DAY = 86_400_000L;
    /**
     * Written by commit 1877ac0's engine with {@link #config()} at {@link #T0}: on {@code load-0}, transfers
     * {@code pay-1} (5 USDT SPOT → CROSS_MARGIN, tranId 1), {@code pay-2} (2.50 USDT CROSS_MARGIN → SPOT,
     * tranId 2), {@code autoCollection} {@code auto-1} (tranId 3: 5000 USDT from UM, 0.2 BTC from CM), a transfer
     * without id (1 USDT SPOT → CROSS_MARGIN, tranId 4); then {@code snapshotNow} at seq 4.
     */
    private static final String OLD_SNAPSHOT = "snapshot-00000000000000000004.snap";

    @TempDir
    Path dataDir;

    private final AtomicLong clock = new AtomicLong(T0);

    private static GatewayConfig config() {
        GatewayConfig c = GatewayConfig.empty().withAccounts(List.of(Defaults.syntheticAccount("load-0", List.of())));
        return c.withFeed(c.feed().withEnabled(false));
    }

    private static EngineCommand.Transfer transfer(String amount, Wallet from, Wallet to, String id) {
        return new EngineCommand.Transfer("load-0", "USDT", new BigDecimal(amount), from, to, id);
    }

    @Test
    void repeatAfterSnapshotAndRestart_answersTheFirstResult_otherParamsRejected_forgottenAfterADay()
            throws Exception {
        TransferResult first;
        CollectionResult collected;
        try (EngineStorage storage = EngineStorage.open(dataDir)) {
            MarginEngine engine = started(storage, -1);
            first = (TransferResult) call(engine, transfer("5", Wallet.SPOT, Wallet.CROSS_MARGIN, "pay-1"));
            collected = (CollectionResult) call(engine, new EngineCommand.AutoCollect("load-0", "auto-1"));
            storage.snapshotNow(engine).orElseThrow();
            engine.close();
        }
        try (EngineStorage storage = EngineStorage.open(dataDir)) {
            MarginEngine engine = started(storage, 2);
            Map<String, Map<String, BigDecimal>> balances = balances(engine);
            assertEquals(first, call(engine, transfer("5.000", Wallet.SPOT, Wallet.CROSS_MARGIN, "pay-1")));
            assertEquals(collected, call(engine, new EngineCommand.AutoCollect("load-0", "auto-1")));
            assertEquals(balances, balances(engine), "a repeat moves nothing");
            assertReused(engine, transfer("6", Wallet.SPOT, Wallet.CROSS_MARGIN, "pay-1"), "pay-1");
            assertReused(engine, transfer("5", Wallet.SPOT, Wallet.CROSS_MARGIN, "auto-1"), "auto-1");
            assertReused(engine, new EngineCommand.AutoCollect("load-0", "pay-1"), "pay-1");

            clock.set(T0 + DAY);
            assertEquals(first, call(engine, transfer("5", Wallet.SPOT, Wallet.CROSS_MARGIN, "pay-1")),
                    "kept for 24 h");
            clock.set(T0 + DAY + 1);
            TransferResult later = (TransferResult) call(engine, transfer("6", Wallet.SPOT, Wallet.CROSS_MARGIN,
                    "pay-1"));
            assertNotEquals(first.tranId(), later.tranId());
            engine.close();
        }
    }

    @Test
    void snapshotOfAnEarlierBuild_restores_repeatsAnswerTheFirstResults_andReencodesToTheSameState()
            throws Exception {
        Path snapshots = DataDirLayout.snapshotDir(dataDir);
        Files.createDirectories(snapshots);
        try (InputStream in = getClass().getResourceAsStream(OLD_SNAPSHOT)) {
            Files.copy(in, snapshots.resolve(OLD_SNAPSHOT));
        }
        SnapshotStore.Snapshot old = SnapshotStore.open(dataDir).latest().orElseThrow();
        EngineState decoded = StateCodec.decode(old.state());
        assertEquals(StateCodec.VERSION_4, old.state()[0], "the resource is a version-4 snapshot");
        assertEquals(decoded, StateCodec.decode(StateCodec.encode(decoded)), "written again as version 5, the same");
        EngineState.AccountState account = decoded.accounts().get(0);
        assertEquals(List.of("pay-1", "pay-2", "auto-1"),
                account.clientTranIds().stream().map(EngineState.ClientTranIdEntry::clientTranId).toList());
        assertEquals(account.history().get(0), assertInstanceOf(TransferRecord.class, account.clientTranIds().get(0)),
                "a transfer's entry is its history record");

        try (EngineStorage storage = EngineStorage.open(dataDir)) {
            clock.set(T0 + 60_000);
            MarginEngine engine = started(storage, 4);
            Map<String, Map<String, BigDecimal>> balances = balances(engine);
            EngineState restored = engine.snapshot();
            assertSame(restored.accounts().get(0).history().get(0), restored.accounts().get(0).clientTranIds().get(0),
                    "restored as one object");
            assertEquals(new TransferResult(1, "USDT", new BigDecimal("5"), Wallet.SPOT, Wallet.CROSS_MARGIN,
                    TransferStatus.CONFIRMED), call(engine, transfer("5", Wallet.SPOT, Wallet.CROSS_MARGIN, "pay-1")));
            assertEquals(new TransferResult(2, "USDT", new BigDecimal("2.50"), Wallet.CROSS_MARGIN, Wallet.SPOT,
                    TransferStatus.CONFIRMED), call(engine, transfer("2.5", Wallet.CROSS_MARGIN, Wallet.SPOT,
                    "pay-2")));
            CollectionResult c = (CollectionResult) call(engine, new EngineCommand.AutoCollect("load-0", "auto-1"));
            assertEquals(3, c.tranId());
            assertEquals(List.of(new CollectionResult.Collected("USDT", Wallet.UM, new BigDecimal("5000")),
                    new CollectionResult.Collected("BTC", Wallet.CM, new BigDecimal("0.2"))), c.collected());
            assertEquals(balances, balances(engine), "repeats move nothing");
            assertReused(engine, transfer("2.51", Wallet.CROSS_MARGIN, Wallet.SPOT, "pay-2"), "pay-2");
            assertReused(engine, transfer("5", Wallet.CROSS_MARGIN, Wallet.SPOT, "pay-1"), "pay-1");
            assertReused(engine, transfer("5", Wallet.SPOT, Wallet.CROSS_MARGIN, "auto-1"), "auto-1");
            assertEquals(5, ((TransferResult) call(engine, transfer("5", Wallet.SPOT, Wallet.CROSS_MARGIN, "pay-3")))
                    .tranId(), "a new id is a new transfer");
            engine.close();
        }
    }

    /**
     * A started engine on {@code storage}, recovered from its snapshot at {@code snapshotSeq} (-1: a fresh directory)
     * with nothing to replay.
     */
    private MarginEngine started(EngineStorage storage, long snapshotSeq) throws IOException {
        MarginEngine engine = new MarginEngine(config(), clock::get, EngineListener.NONE, storage.journal());
        EngineStorage.RecoveryReport r = storage.recover(engine);
        assertEquals(snapshotSeq, r.snapshotSeq());
        assertEquals(0, r.recordsReplayed());
        engine.start();
        return engine;
    }

    private static Map<String, Map<String, BigDecimal>> balances(MarginEngine engine) {
        return engine.snapshot().accounts().get(0).balances();
    }

    private static void assertReused(MarginEngine engine, EngineCommand c, String id) throws Exception {
        try {
            call(engine, c);
        } catch (ApiException e) {
            assertEquals(ErrorCode.CLIENT_TRAN_ID_REUSED, e.code());
            assertEquals(ErrorCode.CLIENT_TRAN_ID_REUSED.message(id), e.getMessage());
            return;
        }
        throw new AssertionError(c + " was accepted");
    }

    private static Object call(MarginEngine engine, EngineCommand c) throws Exception {
        try {
            return engine.submit(c).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ApiException a) {
                throw a;
            }
            throw e;
        }
    }
}
