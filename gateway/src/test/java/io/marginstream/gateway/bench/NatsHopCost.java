package io.marginstream.gateway.bench;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * NATS's own cost on this machine, for the capacity model of docs/CLUSTER.md: a publisher and a subscriber
 * connection through one {@code nats-server} (started here on a free loopback port, stopped by its PID).
 * <ol>
 *   <li>fan-in throughput: {@code messages} messages of {@code bytes} bytes published as fast as the connection
 *       takes them, to one subscriber; messages/s and the broker's CPU per message (from {@code /proc/<pid>/stat});
 *   <li>the request/reply round trip (what a command's hop adds at least): {@code requests} sequential requests of
 *       200 bytes to an echo responder; p50, p99, p99.9 in µs.
 * </ol>
 * Usage: {@code NatsHopCost [messages] [bytes] [requests]} (defaults 500000 200 20000). Prints one line per figure.
 */
public final class NatsHopCost {
    private NatsHopCost() {}

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        int bytes = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int requests = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String bin = Files.isExecutable(Path.of("/usr/sbin/nats-server")) ? "/usr/sbin/nats-server" : "nats-server";
        Process nats = new ProcessBuilder(bin, "-a", "127.0.0.1", "-p", Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            Options o = Options.builder().server("nats://127.0.0.1:" + port).connectionTimeout(Duration.ofSeconds(5))
                    .maxMessagesInOutgoingQueue(10_000_000).build();
            Connection pub = connect(o);
            Connection sub = connect(o);
            throughput(pub, sub, nats.pid(), messages, bytes);
            roundTrip(pub, sub, requests);
            pub.close();
            sub.close();
        } finally {
            nats.destroy();
            if (!nats.waitFor(10, TimeUnit.SECONDS)) {
                nats.destroyForcibly();
            }
        }
    }

    private static Connection connect(Options o) throws Exception {
        for (int i = 0; ; i++) {
            try {
                return Nats.connect(o);
            } catch (java.io.IOException e) {
                if (i > 100) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    private static void throughput(Connection pub, Connection sub, long natsPid, int messages, int bytes)
            throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        AtomicLong got = new AtomicLong();
        Dispatcher d = sub.createDispatcher(m -> {
            if (got.incrementAndGet() == messages) {
                done.countDown();
            }
        });
        d.setPendingLimits(-1, -1);
        d.subscribe("bench.fanin");
        sub.flush(Duration.ofSeconds(5));
        byte[] payload = new byte[bytes];
        long cpu0 = cpuTicks(natsPid);
        long t0 = System.nanoTime();
        for (int i = 0; i < messages; i++) {
            pub.publish("bench.fanin", payload);
        }
        pub.flush(Duration.ofSeconds(60));
        if (!done.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("only " + got.get() + " of " + messages + " messages arrived");
        }
        long nanos = System.nanoTime() - t0;
        long cpu = cpuTicks(natsPid) - cpu0;
        double perSecond = messages / (nanos / 1e9);
        double brokerMicros = cpu * 10_000.0 / messages; // 100 ticks/s
        System.out.printf(Locale.ROOT, "nats fan-in: %d messages of %d B in %.2f s = %.0f msg/s; broker CPU %.2f µs "
                + "per message (%.2f cores)%n", messages, bytes, nanos / 1e9, perSecond, brokerMicros,
                cpu / 100.0 / (nanos / 1e9));
        d.unsubscribe("bench.fanin");
    }

    private static void roundTrip(Connection client, Connection responder, int requests) throws Exception {
        Dispatcher echo = responder.createDispatcher(m -> responder.publish(m.getReplyTo(), m.getData()));
        echo.subscribe("bench.echo");
        responder.flush(Duration.ofSeconds(5));
        byte[] payload = new byte[200];
        long[] micros = new long[requests];
        for (int i = 0; i < requests + 2_000; i++) {
            long t = System.nanoTime();
            if (client.request("bench.echo", payload, Duration.ofSeconds(5)) == null) {
                throw new IllegalStateException("no reply");
            }
            if (i >= 2_000) {
                micros[i - 2_000] = (System.nanoTime() - t) / 1_000;
            }
        }
        Arrays.sort(micros);
        System.out.printf(Locale.ROOT, "nats request/reply: %d sequential requests of 200 B: p50 %d µs, p99 %d µs, "
                + "p99.9 %d µs%n", requests, micros[requests / 2], micros[(int) (requests * 0.99)],
                micros[(int) (requests * 0.999)]);
    }

    /** utime + stime of a process, in clock ticks (1/100 s). */
    private static long cpuTicks(long pid) throws java.io.IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
}
