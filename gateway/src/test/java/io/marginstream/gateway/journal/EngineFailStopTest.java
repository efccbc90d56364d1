package io.marginstream.gateway.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.gateway.engine.AccountEvent;
import io.marginstream.gateway.engine.BalanceView;
import io.marginstream.gateway.engine.CommandJournal;
import io.marginstream.gateway.engine.EngineCommand;
import io.marginstream.gateway.engine.EngineHealth;
import io.marginstream.gateway.engine.EngineListener;
import io.marginstream.gateway.engine.MarginEngine;
import io.marginstream.gateway.engine.MarginSnapshot;
import io.marginstream.gateway.engine.RecoveryTarget;
import io.marginstream.gateway.engine.TransferRecord;
import io.marginstream.gateway.engine.TransferResult;
import io.marginstream.protocol.ApiException;
import io.marginstream.protocol.ErrorCode;
import io.marginstream.protocol.message.ExecutionType;
import io.marginstream.protocol.message.OrderStatus;
import io.marginstream.protocol.message.OrderType;
import io.marginstream.protocol.message.Side;
import io.marginstream.protocol.message.TimeInForce;
import io.marginstream.protocol.message.Wallet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's fail-stop rules against real storage with injected faults: a refused batch is invisible (to reads,
 * to the event stream, after a restart), every executed command is answered, {@link MarginEngine#health()} tells
 * the truth, and the engine resumes by itself once a failed journal can be written again.
 */
class EngineFailStopTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final BigDecimal TEN = BigDecimal.TEN;

    @TempDir
    Path dataDir;

    private final List<AccountEvent> events = new CopyOnWriteArrayList<>();
    private final AtomicBoolean listenerThrows = new AtomicBoolean();
    private final AtomicBoolean clockThrows = new AtomicBoolean();

    private static GatewayConfig config() {
        GatewayConfig demo = GatewayConfig.demo("demo-key", "demo-secret");
        return demo.withFeed(new GatewayConfig.FeedConfig(false, null, null, null));
    }

    private final EngineListener listener = new EngineListener() {
        @Override
        public void onAccountEvents(String accountId, List<AccountEvent> evs) {
            if (listenerThrows.get()) {
                throw new StackOverflowError("injected");
            }
            events.addAll(evs);
        }

        @Override
        public void onMarginRatio(String accountId, MarginSnapshot snapshot) {
        }

        @Override
        public void onMarkPrices(long eventTime, Map<String, BigDecimal> marks) {
        }
    };

    private long clock() {
        if (clockThrows.get()) {
            throw new IllegalStateException("injected: a bug inside a command");
        }
        return T0;
    }

    /** A recovered, started engine on {@code storage}, its journal wrapped by {@code wrap}. */
    private MarginEngine start(EngineStorage storage, java.util.function.UnaryOperator<CommandJournal> wrap)
            throws IOException {
        MarginEngine engine = new MarginEngine(config(), this::clock, listener, wrap.apply(storage.journal()));
        storage.recover(engine);
        engine.start();
        return engine;
    }

    private static EngineCommand transfer(String amount) {
        return new EngineCommand.Transfer("demo", "USDT", new BigDecimal(amount), Wallet.SPOT, Wallet.CROSS_MARGIN,
                null);
    }

    private static Object call(MarginEngine e, EngineCommand cmd) throws Exception {
        return e.submit(cmd).get(30, TimeUnit.SECONDS);
    }

    private static ApiException refused(CompletableFuture<Object> f) throws Exception {
        try {
            Object o = f.get(30, TimeUnit.SECONDS);
            throw new AssertionError("expected a refusal, got " + o);
        } catch (ExecutionException e) {
            return (ApiException) e.getCause();
        }
    }

    private static BigDecimal spot(MarginEngine e) throws Exception {
        return ((BalanceView) call(e, new EngineCommand.GetBalances("demo", "USDT"))).spotBalance();
    }

    @SuppressWarnings("unchecked")
    private static List<TransferRecord> history(MarginEngine e) throws Exception {
        return (List<TransferRecord>) call(e, new EngineCommand.GetTransferHistory("demo", null, null, null));
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting until " + what);
            }
            LockSupport.parkNanos(5_000_000);
        }
    }

    private long transfersSeen() {
        return events.stream().filter(e -> e instanceof AccountEvent.TransferCompleted).count();
    }

    @Test
    void diskFull_refusedTransferInvisible_everyCommandAnswered_resumesByItself() throws Exception {
        FaultyDisk disk = new FaultyDisk();
        BigDecimal start;
        List<BigDecimal> acked = new ArrayList<>();
        try (EngineStorage storage = EngineStorage.open(dataDir, EngineStorage.Options.DEFAULT, disk.opener())) {
            MarginEngine engine = start(storage, j -> j);
            start = spot(engine);
            call(engine, transfer("10"));
            acked.add(TEN);

            disk.fill();
            ApiException e = refused(engine.submit(transfer("1")));
            assertEquals(ErrorCode.SERVICE_OVERLOADED, e.code());
            assertEquals(503, e.status());
            assertEquals(EngineHealth.Condition.STORAGE_FAILED, engine.health().condition());
            assertEquals(0, start.subtract(TEN).compareTo(spot(engine)), "the refused transfer is not visible");
            assertEquals(1, history(engine).size());
            assertEquals(1, transfersSeen(), "no event of the refused transfer");
            assertEquals(ErrorCode.SERVICE_OVERLOADED, refused(engine.submit(transfer("2"))).code());

            List<CompletableFuture<Object>> burst = new ArrayList<>();
            disk.free();
            for (int i = 0; i < 200; i++) {
                burst.add(engine.submit(transfer("0.5")));
            }
            for (CompletableFuture<Object> f : burst) {
                try {
                    f.get(30, TimeUnit.SECONDS);
                    acked.add(new BigDecimal("0.5"));
                } catch (ExecutionException x) {
                    assertEquals(ErrorCode.SERVICE_OVERLOADED, ((ApiException) x.getCause()).code());
                }
            }
            await(() -> engine.health().up(), "the engine resumes");
            TransferResult r = (TransferResult) call(engine, transfer("5"));
            acked.add(new BigDecimal("5"));
            assertEquals(acked.size(), history(engine).size());
            assertEquals(acked.size(), r.tranId(), "tranIds continue from the durable state");
            BigDecimal expected = start.subtract(acked.stream().reduce(BigDecimal.ZERO, BigDecimal::add));
            assertEquals(0, expected.compareTo(spot(engine)));
            engine.close();
        }
        try (EngineStorage storage = EngineStorage.open(dataDir)) {
            MarginEngine engine = start(storage, j -> j);
            BigDecimal expected = start.subtract(acked.stream().reduce(BigDecimal.ZERO, BigDecimal::add));
            assertEquals(0, expected.compareTo(spot(engine)), "after a restart: exactly the acknowledged transfers");
            assertEquals(acked.size(), history(engine).size());
            engine.close();
        }
    }

    /** A journal whose {@code append} throws while {@code broken} is set, and which cannot roll back meanwhile. */
    private static CommandJournal throwing(CommandJournal real, AtomicBoolean broken) {
        return new CommandJournal() {
            @Override
            public void append(long seq, long timeMillis, EngineCommand cmd) {
                if (broken.get()) {
                    throw new UncheckedIOException(new IOException("injected: Input/output error"));
                }
                real.append(seq, timeMillis, cmd);
            }

            @Override
            public void sync() throws IOException {
                real.sync();
            }

            @Override
            public void rollBack() throws IOException {
                real.rollBack();
                if (broken.get()) {
                    throw new IOException("injected: Input/output error");
                }
            }

            @Override
            public void replayDurable(RecoveryTarget target) throws IOException {
                real.replayDurable(target);
            }
        };
    }

    @Test
    void throwingJournal_refusesTheBatch_staysReadable_resumesWhenItWorks() throws Exception {
        AtomicBoolean broken = new AtomicBoolean();
        try (EngineStorage storage = EngineStorage.open(dataDir)) {
            MarginEngine engine = start(storage, j -> throwing(j, broken));
            BigDecimal start = spot(engine);
            broken.set(true);
            assertEquals(ErrorCode.SERVICE_OVERLOADED, refused(engine.submit(transfer("1"))).code());
            assertEquals(EngineHealth.Condition.STORAGE_FAILED, engine.health().condition());
            assertTrue(engine.health().reason().contains("Input/output error"), engine.health().reason());
            assertEquals(0, start.compareTo(spot(engine)));
            assertEquals(0, history(engine).size());
            broken.set(false);
            await(() -> engine.health().up(), "the engine resumes");
            call(engine, transfer("3"));
            assertEquals(0, start.subtract(new BigDecimal("3")).compareTo(spot(engine)));
            engine.close();
        }
    }

    @Test
    void refusedMarkThatWouldFillARestingOrder_leavesItOpen_andItFillsOnceAfterTheEngineResumes() throws Exception {
        AtomicBoolean broken = new AtomicBoolean();
        try (EngineStorage storage = EngineStorage.open(dataDir)) {
            MarginEngine engine = start(storage, j -> throwing(j, broken));
            BigDecimal mark = engine.marks().get("BTCUSDT");
            BigDecimal below = mark.multiply(new BigDecimal("0.9")).setScale(1, java.math.RoundingMode.DOWN);
            io.marginstream.gateway.engine.OrderResult placed = (io.marginstream.gateway.engine.OrderResult) call(
                    engine, new EngineCommand.PlaceOrder("demo", "BTCUSDT", Side.BUY, OrderType.LIMIT,
                            new BigDecimal("0.001"),
                            below, null, TimeInForce.GTC, false, false, "rest-1"));
            assertEquals(OrderStatus.NEW, placed.status());
            var before = engine.snapshot();
            int seen = events.size();

            broken.set(true);
            assertEquals(ErrorCode.SERVICE_OVERLOADED, refused(engine.submit(new EngineCommand.SetMarkPrice("BTCUSDT",
                    below.subtract(BigDecimal.ONE)))).code());
            assertEquals(before, engine.snapshot(), "the refused fill is invisible, the order still rests");
            assertEquals(seen, events.size(), "no event of the refused fill");
            broken.set(false);
            await(() -> engine.health().up(), "the engine resumes");

            call(engine, new EngineCommand.SetMarkPrice("BTCUSDT", below.subtract(BigDecimal.ONE)));
            call(engine, new EngineCommand.SetMarkPrice("BTCUSDT", below.subtract(TEN)));
            List<AccountEvent.OrderUpdated> trades = events.stream()
                    .filter(e -> e instanceof AccountEvent.OrderUpdated u && u.orderId() == placed.orderId()
                            && u.executionType() == ExecutionType.TRADE)
                    .map(e -> (AccountEvent.OrderUpdated) e).toList();
            assertEquals(1, trades.size(), "the rebuilt trigger index fires the order exactly once");
            assertEquals(0, below.compareTo(trades.get(0).lastFilledPrice()));
            engine.close();
        }
    }

    @Test
    void bugInACommand_failsTheEngine_refusesEverything_andIsNotDurable() throws Exception {
        BigDecimal start;
        try (LogCapture log = new LogCapture(MarginEngine.class);
             EngineStorage storage = EngineStorage.open(dataDir)) {
            MarginEngine engine = start(storage, j -> j);
            start = spot(engine);
            call(engine, transfer("10"));
            clockThrows.set(true);
            ApiException e = refused(engine.submit(transfer("1")));
            assertTrue(e.code() == ErrorCode.UNKNOWN || e.code() == ErrorCode.SERVICE_OVERLOADED, e.getMessage());
            clockThrows.set(false);
            assertEquals(EngineHealth.Condition.FAILED, engine.health().condition());
            assertEquals(ErrorCode.SERVICE_OVERLOADED, refused(engine.submit(transfer("1"))).code());
            assertEquals(ErrorCode.SERVICE_OVERLOADED,
                    refused(engine.submit(new EngineCommand.GetBalances("demo", "USDT"))).code(),
                    "a failed engine's state is not trusted: no reads either");
            assertThrows(IllegalStateException.class, engine::snapshot);
            assertEquals(1, log.messages(ch.qos.logback.classic.Level.ERROR).size(), "the cause is logged once");
            engine.close();
        }
        try (EngineStorage storage = EngineStorage.open(dataDir)) {
            MarginEngine engine = start(storage, j -> j);
            assertEquals(0, start.subtract(TEN).compareTo(spot(engine)));
            assertEquals(EngineHealth.Condition.RUNNING, engine.health().condition());
            engine.close();
        }
    }

    @Test
    void engineThreadError_afterTheBatchIsDurable_answersIt_thenFailsFast() throws Exception {
        BigDecimal start;
        try (EngineStorage storage = EngineStorage.open(dataDir)) {
            MarginEngine engine = start(storage, j -> j);
            start = spot(engine);
            listenerThrows.set(true);
            TransferResult r = (TransferResult) call(engine, transfer("10"));
            assertEquals(1, r.tranId(), "the executed, durable transfer is answered");
            listenerThrows.set(false);
            await(() -> engine.health().condition() == EngineHealth.Condition.FAILED, "the engine reports FAILED");
            assertEquals(ErrorCode.SERVICE_OVERLOADED, refused(engine.submit(transfer("1"))).code());
            engine.close();
        }
        try (EngineStorage storage = EngineStorage.open(dataDir)) {
            MarginEngine engine = start(storage, j -> j);
            assertEquals(0, start.subtract(TEN).compareTo(spot(engine)));
            engine.close();
        }
    }

    @Test
    void blockingJournal_reportsStalled_thenAnswersEverything() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean block = new AtomicBoolean();
        try (EngineStorage storage = EngineStorage.open(dataDir)) {
            MarginEngine engine = start(storage, real -> new CommandJournal() {
                @Override
                public void append(long seq, long timeMillis, EngineCommand cmd) {
                    real.append(seq, timeMillis, cmd);
                }

                @Override
                public void sync() throws IOException {
                    if (block.get()) {
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    real.sync();
                }

                @Override
                public void rollBack() throws IOException {
                    real.rollBack();
                }

                @Override
                public void replayDurable(RecoveryTarget target) throws IOException {
                    real.replayDurable(target);
                }
            });
            BigDecimal start = spot(engine);
            block.set(true);
            List<CompletableFuture<Object>> pending = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                pending.add(engine.submit(transfer("1")));
            }
            await(() -> engine.health().condition() == EngineHealth.Condition.STALLED, "the engine reports STALLED");
            assertTrue(engine.health().reason().contains("ms"), engine.health().reason());
            block.set(false);
            release.countDown();
            for (CompletableFuture<Object> f : pending) {
                f.get(30, TimeUnit.SECONDS);
            }
            assertEquals(EngineHealth.Condition.RUNNING, engine.health().condition());
            assertEquals(0, start.subtract(new BigDecimal("20")).compareTo(spot(engine)));
            engine.close();
        } finally {
            release.countDown();
        }
    }

    @Test
    void rejectionOnReplay_stopsStartUp_namingTheRecord() throws Exception {
        try (EngineStorage storage = EngineStorage.open(dataDir)) {
            MarginEngine engine = new MarginEngine(config(), () -> T0, EngineListener.NONE, storage.journal());
            storage.recover(engine);
            engine.close();
        }
        try (JournalWriter w = JournalWriter.open(DataDirLayout.journalDir(dataDir), 1)) {
            w.append(1, CommandCodec.encode(T0, transfer("1000000000")));
            w.sync();
        }
        try (EngineStorage storage = EngineStorage.open(dataDir)) {
            MarginEngine engine = new MarginEngine(config(), () -> T0, EngineListener.NONE, storage.journal());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> storage.recover(engine));
            assertTrue(e.getMessage().contains("journal record seq 1 (Transfer)"), e.getMessage());
            assertTrue(e.getMessage().contains("-2018"), e.getMessage());
        }
    }
}
