package io.marginstream.gateway.journal;

import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.gateway.engine.EngineCommand;
import io.marginstream.gateway.engine.EngineListener;
import io.marginstream.gateway.engine.EngineState;
import io.marginstream.gateway.engine.MarginEngine;
import io.marginstream.protocol.message.Wallet;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * Plain-main benchmark of the engine on the real journal (not a unit test; run by hand):
 * <ol>
 *   <li>Builds a data directory: {@code accounts} synthetic accounts, then {@code records} transfers submitted with
 *       up to {@code window} in flight (as many concurrent sessions would), fsync'd in groups by the engine —
 *       reports acknowledged transfers/s and the submit → acknowledgement latency.</li>
 *   <li>Restarts from it: engine construction, then recovery (seq-0 snapshot restore + replay of the whole tail) —
 *       the start-up time with that many accounts and that long a tail.</li>
 *   <li>Takes a snapshot of the recovered state: copy, encode and write times, and its size.</li>
 * </ol>
 *
 * <pre>
 * java -Xmx8g -cp gateway/target/test-classes:gateway/target/classes:protocol/target/classes:&lt;jars&gt; \
 *     io.marginstream.gateway.journal.RecoveryBench [baseDir] [accounts] [records] [window]
 * </pre>
 */
public final class RecoveryBench {
    private RecoveryBench() {}

    public static void main(String[] args) throws Exception {
        Path base = Path.of(args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir"));
        int accounts = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int records = args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000;
        int window = args.length > 3 ? Integer.parseInt(args[3]) : 1024;
        GatewayConfig c = GatewayConfig.empty()
                .withSyntheticAccounts(new GatewayConfig.SyntheticAccountsConfig(accounts, "load-", null));
        GatewayConfig config = c.withFeed(c.feed().withEnabled(false));
        Path dataDir = Files.createTempDirectory(base, "recovery-bench-");
        System.out.printf("recovery bench: %d accounts, %d transfers, window %d, dir %s%n", accounts, records,
                window, dataDir);
        try {
            build(config, dataDir, accounts, records, window);
            restart(config, dataDir);
        } finally {
            try (Stream<Path> s = Files.walk(dataDir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static void build(GatewayConfig config, Path dataDir, int accounts, int records, int window)
            throws Exception {
        long t0 = System.nanoTime();
        try (EngineStorage storage = EngineStorage.open(dataDir)) {
            MarginEngine engine = new MarginEngine(config, System::currentTimeMillis, EngineListener.NONE,
                    storage.journal());
            long t1 = System.nanoTime();
            storage.recover(engine);
            long t2 = System.nanoTime();
            System.out.printf("fresh start: accounts created in %d ms, seq-0 snapshot (%d bytes) in %d ms%n",
                    (t1 - t0) / 1_000_000, Files.size(DataDirLayout.snapshotDir(dataDir)
                            .resolve(JournalFiles.snapshotName(0))), (t2 - t1) / 1_000_000);
            engine.start();
            Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
            Semaphore inFlight = new Semaphore(window);
            AtomicLong failed = new AtomicLong();
            SplittableRandom random = new SplittableRandom(7);
            BigDecimal one = BigDecimal.ONE;
            long start = System.nanoTime();
            for (int i = 0; i < records; i++) {
                String account = "load-" + random.nextInt(accounts);
                EngineCommand cmd = i % 2 == 0
                        ? new EngineCommand.Transfer(account, "USDT", one, Wallet.SPOT, Wallet.CROSS_MARGIN, null)
                        : new EngineCommand.Transfer(account, "USDT", one, Wallet.CROSS_MARGIN, Wallet.SPOT, null);
                inFlight.acquire();
                long submitted = System.nanoTime();
                engine.submit(cmd).whenComplete((r, e) -> {
                    latency.recordValue(System.nanoTime() - submitted);
                    if (e != null) {
                        failed.incrementAndGet();
                    }
                    inFlight.release();
                });
            }
            inFlight.acquire(window);
            double secs = (System.nanoTime() - start) / 1e9;
            System.out.printf("acknowledged transfers: %.0f/s (%d in %.1f s, %d rejected), latency p50 %.2f ms, "
                    + "p99 %.2f ms, p99.9 %.2f ms, max %.2f ms; journal syncs: %d (mean group %.0f)%n",
                    records / secs, records, secs, failed.get(), latency.getValueAtPercentile(50) / 1e6,
                    latency.getValueAtPercentile(99) / 1e6, latency.getValueAtPercentile(99.9) / 1e6,
                    latency.getMaxValue() / 1e6, ((EngineJournal) storage.journal()).writer().syncCount(),
                    (double) records / ((EngineJournal) storage.journal()).writer().syncCount());
            engine.close();
        }
    }

    private static void restart(GatewayConfig config, Path dataDir) throws Exception {
        long r0 = System.nanoTime();
        long[] decoded = {0};
        JournalReader.recover(DataDirLayout.journalDir(dataDir), 1, (seq, payload) -> {
            CommandCodec.decode(payload);
            decoded[0]++;
        });
        System.out.printf("journal read + CRC check + decode alone: %d records in %d ms%n", decoded[0],
                (System.nanoTime() - r0) / 1_000_000);
        long t0 = System.nanoTime();
        try (EngineStorage storage = EngineStorage.open(dataDir)) {
            MarginEngine engine = new MarginEngine(config, System::currentTimeMillis, EngineListener.NONE,
                    storage.journal());
            long t1 = System.nanoTime();
            EngineStorage.RecoveryReport r = storage.recover(engine);
            long t2 = System.nanoTime();
            System.out.printf("restart: engine constructed in %d ms, recovery (snapshot at seq %d + %d records) in "
                    + "%d ms, total %d ms%n", (t1 - t0) / 1_000_000, r.snapshotSeq(), r.recordsReplayed(),
                    (t2 - t1) / 1_000_000, (t2 - t0) / 1_000_000);
            EngineState state = engine.snapshot();
            long t3 = System.nanoTime();
            byte[] bytes = StateCodec.encode(state);
            long t4 = System.nanoTime();
            storage.snapshotNow(engine);
            long t5 = System.nanoTime();
            System.out.printf("snapshot of %d accounts: state copy %d ms, encode %d ms (%d bytes), copy+encode+write "
                    + "%d ms%n", state.accounts().size(), (t3 - t2) / 1_000_000, (t4 - t3) / 1_000_000, bytes.length,
                    (t5 - t4) / 1_000_000);
            for (int i = 0; i < 3; i++) {
                long c0 = System.nanoTime();
                engine.snapshot();
                System.out.printf("state copy again (warmer JIT): %d ms%n", (System.nanoTime() - c0) / 1_000_000);
            }
            engine.close();
        }
    }
}
