package io.marginstream.client.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The subscribe-only load tester ({@code msc loadtest-stream}): opens N WebSocket connections to any stream,
 * optionally sends each a subscribe message, and times every frame by the publish time it carries — so MarginStream
 * and another server (nchan) are measured by the same client, the same way, in one run. Phases: ramp (connections at
 * the ramp rate, until each is connected or failed), warm-up, the measured window (frames stamped inside it count,
 * also when they arrive up to {@code graceSeconds} after it), close.
 *
 * <p>Threads: {@code threads} Netty event loops own the sockets and do all per-frame work (a byte scan for the
 * timestamp, a wait-free histogram record); the calling thread ramps, prints progress, and reports. Optionally one
 * publisher thread POSTs the messages ({@link StreamPublisher}).
 */
public final class StreamLoadTester {
    private static final int MAX_FRAME_BYTES = 1 << 20;

    private final StreamLoadOptions o;
    private final PrintStream out;
    private final StreamMeasure measure = new StreamMeasure();
    private final List<StreamSubscriber> subscribers = new ArrayList<>();

    public StreamLoadTester(StreamLoadOptions options, PrintStream out) {
        this.o = options.validate();
        this.out = out;
    }

    /** Runs the scenario to the end and returns its report. */
    public StreamLoadReport run() throws InterruptedException {
        boolean epoll = Epoll.isAvailable();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(o.threads(),
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        Bootstrap base = new Bootstrap().group(group)
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
        InetSocketAddress remote = new InetSocketAddress(o.url().getHost(), o.url().getPort());
        List<ServerProcess> server = o.serverPids().stream().map(ServerProcess::new).toList();
        StreamPublisher publisher = o.publishUrl() == null ? null : new StreamPublisher(o.publishUrl());
        try {
            progress("%s: %d subscribers of %s (%s), %d event loops (%s)%n", o.label(), o.subscribers(), o.url(),
                    o.timestamp(), o.threads(), epoll ? "epoll" : "nio");
            ramp(base, remote);
            if (publisher != null) {
                publisher.start(o.publishRate());
            }
            sleepWithProgress(o.warmupSeconds(), "warm-up");

            long fromMs = System.currentTimeMillis();
            long toMs = fromMs + TimeUnit.SECONDS.toMillis(o.durationSeconds());
            measure.open(fromMs, toMs);
            long clientCpu0 = clientCpuNanos();
            long serverCpu0 = cpuNanos(server);
            long t0 = System.nanoTime();
            sleepWithProgress(o.durationSeconds(), "hold");
            long windowNanos = System.nanoTime() - t0;
            long clientCpu = clientCpuNanos() - clientCpu0;
            long serverCpu = serverCpu0 < 0 ? -1 : cpuNanos(server) - serverCpu0;
            int held = measure.connected.get();
            Thread.sleep(TimeUnit.SECONDS.toMillis(o.graceSeconds()));
            measure.interval();
            Histogram lags = measure.total();
            long published = publisher == null ? -1 : publisher.acceptedIn(fromMs, toMs);

            long fewest = Long.MAX_VALUE;
            synchronized (subscribers) {
                for (StreamSubscriber s : subscribers) {
                    if (s.connected()) {
                        fewest = Math.min(fewest, s.framesInWindow());
                    }
                }
            }
            long messages = measure.messages();
            double seconds = windowNanos / 1e9;
            return new StreamLoadReport(o.label(), o.subscribers(), held, messages, published,
                    measure.counted.sum(), messages * held, fewest == Long.MAX_VALUE ? 0 : fewest,
                    LatencyStats.of(lags), seconds, clientCpu / 1e9 / seconds, o.threads(),
                    serverCpu < 0 ? -1 : serverCpu / 1e9 / seconds, measure.failures(), measure.closes());
        } finally {
            if (publisher != null) {
                publisher.close();
            }
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** Opens the connections at the ramp rate; returns once every one is connected or has failed (≤ 60 s more). */
    private void ramp(Bootstrap base, InetSocketAddress remote) throws InterruptedException {
        long t0 = System.nanoTime();
        long lastPrint = t0;
        for (int i = 0; i < o.subscribers(); i++) {
            long due = t0 + i * 1_000_000_000L / o.rampPerSecond();
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            open(base, remote, i);
            if (System.nanoTime() - lastPrint > 1_000_000_000L) {
                lastPrint = System.nanoTime();
                progress("  ramp: %d opened, %d connected%n", i + 1, measure.connected.get());
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (pendingConnects() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        progress("  ramp: %d connected in %.1f s%n", measure.connected.get(), (System.nanoTime() - t0) / 1e9);
    }

    private int pendingConnects() {
        int n = 0;
        synchronized (subscribers) {
            for (StreamSubscriber s : subscribers) {
                if (!s.connected() && !s.ended()) {
                    n++;
                }
            }
        }
        return n;
    }

    private void open(Bootstrap base, InetSocketAddress remote, int i) {
        StreamSubscriber sub = new StreamSubscriber(measure, o.timestamp(), o.subscribeMessage());
        synchronized (subscribers) {
            subscribers.add(sub);
        }
        Bootstrap b = base.clone().handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(65536),
                        WsHandshake.handler(o.url(), MAX_FRAME_BYTES), sub);
            }
        });
        InetSocketAddress local = LoadTester.sourceAddress(i, o.portsPerSource());
        ChannelFuture f = local == null ? b.connect(remote) : b.connect(remote, local);
        f.addListener(done -> {
            if (!done.isSuccess()) {
                measure.failed(LoadSession.describe(done.cause()));
                f.channel().close();
            }
        });
    }

    private void sleepWithProgress(int seconds, String phase) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long lastFrames = measure.frames.sum();
        while (System.nanoTime() < end) {
            Thread.sleep(Math.max(1, Math.min(1000, (end - System.nanoTime()) / 1_000_000)));
            long frames = measure.frames.sum();
            Histogram h = measure.interval();
            progress("  %-7s connected %d | frames %d/s | lag p50 %.1f p99 %.1f ms%n", phase,
                    measure.connected.get(), frames - lastFrames, h.getValueAtPercentile(50) / 1000.0,
                    h.getValueAtPercentile(99) / 1000.0);
            lastFrames = frames;
        }
    }

    private void progress(String format, Object... args) {
        if (o.progress()) {
            out.printf(Locale.ROOT, format, args);
        }
    }

    /** The processes' CPU time summed, or -1 when there are none or one cannot be read. */
    private static long cpuNanos(List<ServerProcess> processes) {
        long sum = 0;
        for (ServerProcess p : processes) {
            long ns = p.cpuNanos();
            if (ns < 0) {
                return -1;
            }
            sum += ns;
        }
        return processes.isEmpty() ? -1 : sum;
    }

    private static long clientCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
