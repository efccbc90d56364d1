package io.marginstream.gateway.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * Plain-main benchmark of the journal with real fsyncs (not a unit test; run by hand).
 *
 * <ol>
 *   <li><b>Fixed groups</b>: one thread appends records and syncs after every {@code g} records, for several
 *       {@code g}: appends/s and the cost of one group commit.</li>
 *   <li><b>Group commit under concurrency</b>: {@code c} client threads each submit one record and wait for its
 *       durability before the next (closed loop, like sessions waiting for their replies); one writer thread drains
 *       the queue as the engine does (up to 4096 per batch), appends, syncs once, completes the batch. Reports
 *       acknowledged records/s, the mean batch size, and the latency percentiles from submit to acknowledgement.</li>
 * </ol>
 *
 * <pre>
 * java -cp gateway/target/test-classes:gateway/target/classes:$(cat cp.txt) \
 *     io.marginstream.gateway.journal.JournalBench [baseDir] [secondsPerRun] [payloadBytes]
 * </pre>
 */
public final class JournalBench {
    private JournalBench() {}

    public static void main(String[] args) throws Exception {
        Path base = Path.of(args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir"));
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 3;
        int payloadBytes = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        byte[] payload = new byte[payloadBytes];
        System.out.printf("journal bench: dir %s, %.1f s per run, %d-byte payloads (%d bytes on disk per record)%n",
                base, seconds, payloadBytes, payloadBytes + JournalFiles.RECORD_HEADER_BYTES);

        System.out.println("\n-- fixed groups: one thread, sync every g records");
        System.out.printf("%8s %14s %12s %14s%n", "g", "appends/s", "syncs/s", "us/sync");
        for (int g : new int[] {1, 4, 16, 64, 256, 1024, 4096}) {
            fixedGroups(base, seconds, payload, g);
        }

        System.out.println("\n-- group commit: c closed-loop clients, one writer thread draining up to 4096 per batch");
        System.out.printf("%8s %14s %12s %10s %10s %10s %10s%n", "c", "acks/s", "mean batch", "p50 us", "p99 us",
                "p99.9 us", "max us");
        for (int c : new int[] {1, 16, 64, 256, 1024}) {
            groupCommit(base, seconds, payload, c);
        }
    }

    private static void fixedGroups(Path base, double seconds, byte[] payload, int group) throws IOException {
        Path dir = Files.createTempDirectory(base, "journal-bench-");
        try (JournalWriter w = JournalWriter.open(dir, 1)) {
            long seq = 1;
            long deadline = System.nanoTime() + (long) (seconds * 1e9);
            long t0 = System.nanoTime();
            while (System.nanoTime() < deadline) {
                for (int i = 0; i < group; i++) {
                    w.append(seq++, payload);
                }
                w.sync();
            }
            double elapsed = (System.nanoTime() - t0) / 1e9;
            System.out.printf("%8d %14.0f %12.0f %14.1f%n", group, (seq - 1) / elapsed, w.syncCount() / elapsed,
                    elapsed * 1e6 / w.syncCount());
        } finally {
            deleteRecursively(dir);
        }
    }

    private record Pending(byte[] payload, long submittedNanos, CompletableFuture<Void> done) {}

    private static void groupCommit(Path base, double seconds, byte[] payload, int clients) throws Exception {
        Path dir = Files.createTempDirectory(base, "journal-bench-");
        ArrayBlockingQueue<Pending> queue = new ArrayBlockingQueue<>(65_536);
        AtomicBoolean running = new AtomicBoolean(true);
        Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        long[] acked = new long[1];
        long[] batches = new long[1];
        try (JournalWriter w = JournalWriter.open(dir, 1)) {
            Thread writer = new Thread(() -> {
                List<Pending> batch = new ArrayList<>(4096);
                long seq = 1;
                try {
                    while (running.get() || !queue.isEmpty()) {
                        Pending first = queue.poll(50, TimeUnit.MILLISECONDS);
                        if (first == null) {
                            continue;
                        }
                        batch.add(first);
                        queue.drainTo(batch, 4095);
                        for (Pending p : batch) {
                            w.append(seq++, p.payload());
                        }
                        w.sync();
                        long now = System.nanoTime();
                        for (Pending p : batch) {
                            latency.recordValue(now - p.submittedNanos());
                            p.done().complete(null);
                        }
                        acked[0] += batch.size();
                        batches[0]++;
                        batch.clear();
                    }
                } catch (InterruptedException | IOException e) {
                    throw new IllegalStateException(e);
                }
            }, "bench-writer");
            writer.start();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                Thread t = new Thread(() -> {
                    while (running.get()) {
                        CompletableFuture<Void> f = new CompletableFuture<>();
                        try {
                            queue.put(new Pending(payload, System.nanoTime(), f));
                            f.join();
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }, "bench-client-" + i);
                t.setDaemon(true);
                threads.add(t);
            }
            long t0 = System.nanoTime();
            threads.forEach(Thread::start);
            Thread.sleep((long) (seconds * 1000));
            running.set(false);
            for (Thread t : threads) {
                t.join(10_000);
            }
            writer.join(10_000);
            double elapsed = (System.nanoTime() - t0) / 1e9;
            System.out.printf("%8d %14.0f %12.1f %10.0f %10.0f %10.0f %10.0f%n", clients, acked[0] / elapsed,
                    (double) acked[0] / batches[0], latency.getValueAtPercentile(50) / 1e3,
                    latency.getValueAtPercentile(99) / 1e3, latency.getValueAtPercentile(99.9) / 1e3,
                    latency.getMaxValue() / 1e3);
        } finally {
            deleteRecursively(dir);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
