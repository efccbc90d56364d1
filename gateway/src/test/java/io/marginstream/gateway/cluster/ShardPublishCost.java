package io.marginstream.gateway.cluster;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import io.nats.client.Options;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A shard's CPU per published {@code marginRatio} message, for the capacity model of docs/CLUSTER.md: the real
 * {@link NatsEventSink#onMarginRatio} (subject, {@link WireCodec}, jnats publish) on a connection made by the real
 * {@link Broker#connect} (the shard's options), to a {@code nats-server} started here on a free loopback port, with
 * one subscriber to {@code ms.acct.*.r} in a child JVM (a gateway stand-in, so its CPU is not counted here). The
 * figures are one real engine tick's ({@link TickSnapshots}: {@code accounts} synthetic accounts); each "tick"
 * publishes all of them back to back on this thread, as the engine thread does after a tick's batch.
 * After {@code warmup} ticks, {@code ticks} ticks are measured up to the connection's flush and the subscriber having
 * every message: messages/s; CPU µs per message of the publishing thread (ThreadMXBean), of this whole process
 * (the shard side: publishing thread, jnats writer, GC, JIT) and of the broker ({@code /proc/<pid>/stat}); the
 * process's threads by name ({@code /proc/self/task}, so GC and JIT threads too). Nothing may be lost (the run fails
 * otherwise): {@code ticks × accounts} stays within the connection's queue of 1,000,000 messages at the defaults.
 * The broker and the child are stopped by their PIDs.
 * Usage: {@code ShardPublishCost [accounts] [ticks] [warmup]} (defaults 20000 40 30).
 */
public final class ShardPublishCost {
    private static final String SUBSCRIBER = "--subscriber";

    private ShardPublishCost() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals(SUBSCRIBER)) {
            subscriber(args[1]);
            return;
        }
        int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int ticks = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        List<TickSnapshots.Figure> figures = TickSnapshots.oneTick(accounts);
        long payload = 0;
        for (TickSnapshots.Figure f : figures) {
            payload += WireCodec.marginSnapshot(f.snapshot()).length;
        }
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String url = "nats://127.0.0.1:" + port;
        String bin = Files.isExecutable(Path.of("/usr/sbin/nats-server")) ? "/usr/sbin/nats-server" : "nats-server";
        Process nats = new ProcessBuilder(bin, "-a", "127.0.0.1", "-p", Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Process sub = null;
        Connection nc = null;
        try {
            String java = ProcessHandle.current().info().command().orElse("java");
            sub = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    ShardPublishCost.class.getName(), SUBSCRIBER, url)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader fromSub = new BufferedReader(new InputStreamReader(sub.getInputStream(),
                    StandardCharsets.UTF_8));
            PrintStream toSub = new PrintStream(sub.getOutputStream(), true, StandardCharsets.UTF_8);
            expect(fromSub, "ready");
            nc = Broker.connect(url, "shard-publish-cost", (c, e) -> { });
            NatsEventSink sink = new NatsEventSink(nc, false);
            for (int t = 0; t < warmup; t++) {
                tick(sink, figures);
            }
            nc.flush(Duration.ofSeconds(60));
            awaitCount(toSub, fromSub, (long) warmup * accounts);

            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            Map<String, Long> before = threadCpu();
            long broker0 = cpuTicks(nats.pid());
            long process0 = os.getProcessCpuTime();
            long thread0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            for (int t = 0; t < ticks; t++) {
                tick(sink, figures);
            }
            long publishThread = threads.getCurrentThreadCpuTime() - thread0;
            nc.flush(Duration.ofSeconds(60));
            long flushed = System.nanoTime() - t0;
            long process = os.getProcessCpuTime() - process0;
            Map<String, Long> after = threadCpu();
            long total = (long) (warmup + ticks) * accounts;
            long received = awaitCount(toSub, fromSub, total);
            long broker = cpuTicks(nats.pid()) - broker0;

            long messages = (long) ticks * accounts;
            System.out.printf(Locale.ROOT, "shard publish: %d ticks × %d accounts = %d marginRatio messages "
                    + "(%d B JSON on average) in %.3f s = %.0f msg/s; subscriber got %d of %d, dropped %d%n",
                    ticks, accounts, messages, payload / accounts, flushed / 1e9, messages / (flushed / 1e9),
                    received, total, sink.dropped());
            System.out.printf(Locale.ROOT, "shard CPU per message: publishing (engine) thread %.2f µs, whole shard "
                    + "process %.2f µs (%.2f cores at that rate); broker %.2f µs%n", publishThread / 1e3 / messages,
                    process / 1e3 / messages, process / (double) flushed, broker * 10_000.0 / messages);
            printBusiest(before, after, messages);
            if (received != total || sink.dropped() != 0) {
                throw new IllegalStateException("messages were lost: the figures above do not hold");
            }
        } finally {
            if (nc != null) {
                nc.close();
            }
            if (sub != null) {
                stop(sub);
            }
            stop(nats);
        }
    }

    /** One tick's publishing, as the engine thread calls its sink after the batch. */
    private static void tick(NatsEventSink sink, List<TickSnapshots.Figure> figures) {
        for (TickSnapshots.Figure f : figures) {
            sink.onMarginRatio(f.accountId(), f.snapshot());
        }
    }

    /** Every thread of this process (Java, GC, JIT) by its {@code /proc} task id: name and CPU in clock ticks. */
    private static Map<String, Long> threadCpu() throws java.io.IOException {
        Map<String, Long> out = new HashMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    out.put(task.getFileName() + " " + name, ticks(stat));
                } catch (java.nio.file.NoSuchFileException ended) {
                    // the thread ended meanwhile
                }
            }
        }
        return out;
    }

    private static void printBusiest(Map<String, Long> before, Map<String, Long> after, long messages) {
        Map<String, Long> byName = new HashMap<>();
        after.forEach((task, cpu) -> byName.merge(task.substring(task.indexOf(' ') + 1).replaceAll("[0-9]+$", "#"),
                cpu - before.getOrDefault(task, 0L), Long::sum));
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(byName.entrySet());
        sorted.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
        StringBuilder sb = new StringBuilder("shard process threads (/proc, µs per message):");
        for (Map.Entry<String, Long> e : sorted.subList(0, Math.min(6, sorted.size()))) {
            sb.append(String.format(Locale.ROOT, " %s %.2f;", e.getKey(), e.getValue() * 10_000.0 / messages));
        }
        System.out.println(sb);
    }

    /** Asks the subscriber for its count once it has {@code n} messages (or gives up after 60 s); returns it. */
    private static long awaitCount(PrintStream toSub, BufferedReader fromSub, long n) throws Exception {
        toSub.println(n);
        String line = fromSub.readLine();
        if (line == null) {
            throw new IllegalStateException("the subscriber ended");
        }
        return Long.parseLong(line.trim());
    }

    private static void expect(BufferedReader in, String word) throws Exception {
        String line = in.readLine();
        if (!word.equals(line)) {
            throw new IllegalStateException("the subscriber said '" + line + "', not '" + word + "'");
        }
    }

    /**
     * The child: subscribes to every account's {@code marginRatio} subject, says {@code ready}, then for each number
     * read on stdin answers its message count once it reaches that number (or after 60 s).
     */
    private static void subscriber(String url) throws Exception {
        AtomicLong count = new AtomicLong();
        Connection nc = Nats.connect(Options.builder().server(url).connectionTimeout(Duration.ofSeconds(5)).build());
        Dispatcher d = nc.createDispatcher(m -> count.incrementAndGet());
        d.setPendingLimits(-1, -1);
        d.subscribe("ms.acct.*.r");
        nc.flush(Duration.ofSeconds(5));
        System.out.println("ready");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            long want = Long.parseLong(line.trim());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (count.get() < want && System.nanoTime() < deadline) {
                LockSupport.parkNanos(1_000_000);
            }
            System.out.println(count.get());
            System.out.flush();
        }
        nc.close();
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
    }

    /** utime + stime of a process, in clock ticks (1/100 s). */
    private static long cpuTicks(long pid) throws java.io.IOException {
        return ticks(Files.readString(Path.of("/proc/" + pid + "/stat")));
    }

    /** utime + stime of a {@code /proc/.../stat} line, in clock ticks (1/100 s). */
    private static long ticks(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
}
