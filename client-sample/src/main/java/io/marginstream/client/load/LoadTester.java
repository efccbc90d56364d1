package io.marginstream.client.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
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
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one load-test scenario ({@link LoadTestOptions}) against a running gateway and returns its
 * {@link LoadReport}: ramp up N sessions, hold them while sending commands at a fixed total rate, drain, let the
 * stalled sessions read their backlog, close, report.
 *
 * <p>Threads: {@code threads} Netty event loops own the sockets; one driver thread opens connections at the ramp
 * rate and hands out commands; the calling thread prints progress and scrapes the server's {@code /metrics} once a
 * second.
 */
public final class LoadTester {
    private static final int MAX_FRAME_BYTES = 4 << 20;
    private static final int STALLED_RCVBUF_BYTES = 8192;
    private static final long TICK_MILLIS = 5;

    private final LoadTestOptions o;
    private final PrintStream out;
    private final LoadMetrics metrics = new LoadMetrics();
    private final List<LoadSession> sessions = new ArrayList<>();
    private final ServerMetrics server;

    public LoadTester(LoadTestOptions options, PrintStream out) {
        this.o = options.validate();
        this.out = out;
        this.server = new ServerMetrics(ServerMetrics.metricsUri(o.url()));
    }

    /** Runs the scenario to the end and writes the report files; returns the report. */
    public LoadReport run() throws IOException, InterruptedException {
        InetSocketAddress remote = new InetSocketAddress(o.url().getHost(), o.url().getPort());
        boolean epoll = Epoll.isAvailable();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(o.threads(),
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        ScheduledExecutorService driver = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "loadtest-driver");
            t.setDaemon(true);
            return t;
        });
        Bootstrap base = new Bootstrap().group(group)
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
        List<ServerMetrics.Sample> samples = new ArrayList<>();
        try {
            ServerMetrics.Sample baseline = server.scrape();
            ServerProcess proc = o.serverPid() > 0 ? new ServerProcess(o.serverPid()) : null;
            long[] process = new long[6];
            if (proc != null) {
                process[0] = proc.liveHeapBytes();
                process[1] = proc.rssBytes();
            }
            long t0 = System.nanoTime();
            out.printf(Locale.ROOT, "loadtest: %d sessions at %d/s against %s, hold %ds, %.0f commands/s, "
                            + "%.1f%% stalled, %d event-loop threads (%s)%n", o.sessions(), o.rampPerSecond(), o.url(),
                    o.durationSeconds(), o.commandRate(), o.stalledShare() * 100, o.threads(), epoll ? "epoll" : "nio");

            // Phase 1: ramp.
            AtomicInteger opened = new AtomicInteger();
            CountDownLatch rampDone = new CountDownLatch(1);
            driver.scheduleAtFixedRate(() -> {
                long due = Math.min(o.sessions(), (System.nanoTime() - t0) * o.rampPerSecond() / 1_000_000_000L + 1);
                while (opened.get() < due) {
                    open(base, remote, opened.getAndIncrement());
                }
                if (opened.get() >= o.sessions()) {
                    rampDone.countDown();
                    throw new RampFinished();
                }
            }, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
            Progress progress = new Progress(t0);
            while (!rampDone.await(1, TimeUnit.SECONDS)) {
                progress.print("ramp", samples);
            }
            long settleDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!settled() && System.nanoTime() < settleDeadline) {
                Thread.sleep(200);
                progress.maybePrint("settle", samples);
            }
            long rampNanos = System.nanoTime() - t0;
            if (proc != null) {
                // sessions open and subscribed, no command run yet: what the sessions alone cost
                process[4] = proc.liveHeapBytes();
                process[5] = proc.rssBytes();
            }

            // Phase 2: warm up, then hold and command.
            CommandScheduler scheduler = new CommandScheduler(System.nanoTime());
            var commandTask = driver.scheduleAtFixedRate(scheduler::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
            long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(o.warmupSeconds());
            while (System.nanoTime() < warmupEnd) {
                Thread.sleep(Math.max(1, Math.min(1000, (warmupEnd - System.nanoTime()) / 1_000_000)));
                progress.maybePrint("warmup", samples);
            }
            metrics.resetMeasured();
            long gatewayCpu0 = proc == null ? -1 : proc.cpuNanos();
            long testerCpu0 = testerCpuNanos();
            long steadyStart = System.nanoTime();
            long framesIn0 = metrics.framesIn.sum();
            long framesOut0 = metrics.framesOut.sum();
            long steadyEnd = steadyStart + TimeUnit.SECONDS.toNanos(o.durationSeconds());
            while (System.nanoTime() < steadyEnd) {
                Thread.sleep(Math.max(1, Math.min(1000, (steadyEnd - System.nanoTime()) / 1_000_000)));
                progress.maybePrint("hold", samples);
            }
            commandTask.cancel(false);
            long steadyNanos = System.nanoTime() - steadyStart;
            long gatewayCpu = proc == null || gatewayCpu0 < 0 ? -1 : proc.cpuNanos() - gatewayCpu0;
            long testerCpu = testerCpu0 < 0 ? -1 : testerCpuNanos() - testerCpu0;
            long framesIn = metrics.framesIn.sum() - framesIn0;
            long framesOut = metrics.framesOut.sum() - framesOut0;
            ServerMetrics.Sample atPeak = server.scrape();
            if (atPeak != null) {
                samples.add(atPeak);
            }
            int held = metrics.loggedOn.get();

            // Phase 3: drain outstanding answers.
            long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(o.drainSeconds());
            while (outstanding() > 0 && System.nanoTime() < drainDeadline) {
                Thread.sleep(50);
            }
            long unanswered = outstanding();
            if (proc != null) {
                process[2] = proc.liveHeapBytes();
                process[3] = proc.rssBytes();
            }

            // Phase 4: stalled sessions read their backlog.
            List<LoadSession> stalled = sessions.stream().filter(s -> s.state() == LoadSession.State.STALLED).toList();
            int stalledAtEnd = stalled.size();
            stalled.forEach(LoadSession::resume);
            if (!stalled.isEmpty()) {
                long quiet = System.nanoTime();
                long last = -1;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (System.nanoTime() < deadline) {
                    long now = stalled.stream().mapToLong(LoadSession::backlogFrames).sum();
                    if (now != last) {
                        last = now;
                        quiet = System.nanoTime();
                    } else if (System.nanoTime() - quiet > TimeUnit.MILLISECONDS.toNanos(500)) {
                        break;
                    }
                    Thread.sleep(50);
                }
            }
            long backlog = stalled.stream().mapToLong(s -> Math.max(0, s.backlogFrames())).sum();
            metrics.sample();

            // Phase 5: close.
            sessions.forEach(LoadSession::close);
            long closeDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (metrics.open.get() > 0 && System.nanoTime() < closeDeadline) {
                Thread.sleep(50);
            }
            ServerMetrics.Sample after = server.scrape();

            LoadReport report = LoadReport.build(o, metrics, new LoadReport.Timing(rampNanos, steadyNanos, gatewayCpu, testerCpu),
                    held, stalledAtEnd, backlog, unanswered, framesIn, framesOut, baseline, samples, after, process);
            report.write(o.reportDir(), plotSeries());
            out.println();
            out.print(report.summaryTable());
            out.println("report: " + o.reportDir().resolve(LoadReport.JSON_FILE).toAbsolutePath());
            out.println("plot:   " + o.reportDir().resolve(LoadReport.SVG_FILE).toAbsolutePath());
            out.println("hgrm:   " + o.reportDir().resolve(LoadReport.HGRM_PREFIX + "*.hgrm").toAbsolutePath()
                    + " (HdrHistogram percentiles, ms)");
            return report;
        } finally {
            driver.shutdownNow();
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static long testerCpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    private Map<String, Histogram> plotSeries() {
        Map<String, Histogram> m = new java.util.LinkedHashMap<>();
        for (LoadMetrics.Kind k : LoadMetrics.Kind.values()) {
            m.put(k.label, metrics.total(k));
        }
        return m;
    }

    private void open(Bootstrap base, InetSocketAddress remote, int i) {
        int account = o.accountOffset() + i % o.effectiveAccounts();
        boolean stalled = o.isStalled(i);
        LoadSession session = new LoadSession(i, stalled,
                SyntheticKeys.credentials(o.idPrefix(), o.secretSeed(), account), o, metrics);
        synchronized (sessions) {
            sessions.add(session);
        }
        Bootstrap b = base.clone().handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(65536),
                        WsHandshake.handler(o.url(), MAX_FRAME_BYTES),
                        new WebSocketFrameAggregator(MAX_FRAME_BYTES), session);
            }
        });
        if (stalled) {
            b.option(ChannelOption.SO_RCVBUF, STALLED_RCVBUF_BYTES);
        }
        metrics.connecting.incrementAndGet();
        InetSocketAddress local = sourceAddress(i);
        session.connecting(System.nanoTime());
        ChannelFuture f = local == null ? b.connect(remote) : b.connect(remote, local);
        f.addListener(done -> {
            metrics.connecting.decrementAndGet();
            if (!done.isSuccess()) {
                session.connectFailed(done.cause());
            }
        });
    }

    private InetSocketAddress sourceAddress(int i) {
        return sourceAddress(i, o.portsPerSource());
    }

    /**
     * The local address connection {@code i} binds: {@code null} (any) for the first {@code portsPerSource}, then
     * 127.0.0.2, 127.0.0.3, … so each source address has its own ports (the stream tester's too).
     */
    static InetSocketAddress sourceAddress(int i, int portsPerSource) {
        int source = i / portsPerSource;
        if (source == 0) {
            return null;
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, (byte) (source / 254),
                    (byte) (1 + source % 254)}), 0);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean settled() {
        synchronized (sessions) {
            for (LoadSession s : sessions) {
                LoadSession.State st = s.state();
                if (st == LoadSession.State.CONNECTING || st == LoadSession.State.LOGGING_ON
                        || st == LoadSession.State.SUBSCRIBING) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * How long counting may wait for one event loop: after a saturating phase a loop still works through the writes
     * and reads queued behind it (5 s was not enough at 20,000 transfers/s on a 2-core box), and only a loop that
     * never answers ends the run.
     */
    private static final long COUNT_WAIT_SECONDS = 60;

    /** Requests still unanswered, counted on each session's own event loop. */
    private long outstanding() throws InterruptedException {
        Map<EventLoop, List<LoadSession>> byLoop = new IdentityHashMap<>();
        for (LoadSession s : snapshot()) {
            Channel ch = s.channel();
            if (ch != null) {
                byLoop.computeIfAbsent(ch.eventLoop(), l -> new ArrayList<>()).add(s);
            }
        }
        long total = 0;
        for (Map.Entry<EventLoop, List<LoadSession>> e : byLoop.entrySet()) {
            try {
                total += e.getKey().submit(() -> e.getValue().stream().mapToLong(LoadSession::outstanding).sum())
                        .get(COUNT_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex) {
                throw new IllegalStateException("event loop did not answer within " + COUNT_WAIT_SECONDS + " s", ex);
            }
        }
        return total;
    }

    private List<LoadSession> snapshot() {
        synchronized (sessions) {
            return new ArrayList<>(sessions);
        }
    }

    /** Ends the ramp task (a periodic task stops when it throws). */
    private static final class RampFinished extends RuntimeException {
        RampFinished() {
            super(null, null, false, false);
        }
    }

    /** Hands out {@code commandRate} commands per second, round-robin over active sessions, by the mix's weights. */
    private final class CommandScheduler {
        private final long start;
        private final SplittableRandom random = new SplittableRandom(42);
        private final List<String> names = new ArrayList<>();
        private final int[] cumulative;
        private long issued;
        private int cursor;

        CommandScheduler(long start) {
            this.start = start;
            Map<String, Integer> mix = new HashMap<>(o.mix());
            int sum = 0;
            List<Integer> c = new ArrayList<>();
            for (String name : LoadTestOptions.COMMANDS) {
                int w = mix.getOrDefault(name, 0);
                if (w > 0) {
                    sum += w;
                    names.add(name);
                    c.add(sum);
                }
            }
            cumulative = c.stream().mapToInt(Integer::intValue).toArray();
        }

        void tick() {
            if (o.commandRate() <= 0 || cumulative.length == 0) {
                return;
            }
            long due = (long) ((System.nanoTime() - start) / 1e9 * o.commandRate());
            List<LoadSession> all = snapshot();
            while (issued < due) {
                LoadSession s = nextActive(all);
                if (s == null) {
                    issued = due;
                    return;
                }
                int r = random.nextInt(cumulative[cumulative.length - 1]);
                int k = 0;
                while (r >= cumulative[k]) {
                    k++;
                }
                s.submit(names.get(k));
                issued++;
            }
        }

        private LoadSession nextActive(List<LoadSession> all) {
            for (int n = 0; n < all.size(); n++) {
                LoadSession s = all.get(cursor++ % all.size());
                if (s.state() == LoadSession.State.ACTIVE) {
                    return s;
                }
            }
            return null;
        }
    }

    /** The once-a-second progress line. */
    private final class Progress {
        private final long t0;
        private long lastPrint;
        private long lastIn;
        private long lastOut;
        private long lastCommands;

        Progress(long t0) {
            this.t0 = t0;
            this.lastPrint = t0;
        }

        void maybePrint(String phase, List<ServerMetrics.Sample> samples) {
            if (System.nanoTime() - lastPrint >= 1_000_000_000L) {
                print(phase, samples);
            }
        }

        void print(String phase, List<ServerMetrics.Sample> samples) {
            long now = System.nanoTime();
            double dt = Math.max(1e-3, (now - lastPrint) / 1e9);
            lastPrint = now;
            Map<LoadMetrics.Kind, Histogram> interval = metrics.sample();
            ServerMetrics.Sample srv = server.scrape();
            if (srv != null) {
                samples.add(srv);
            }
            long in = metrics.framesIn.sum();
            long outFrames = metrics.framesOut.sum();
            long cmds = metrics.commandsSent.sum();
            if (o.progress()) {
                Histogram cmd = interval.get(LoadMetrics.Kind.COMMAND);
                Histogram tick = interval.get(LoadMetrics.Kind.TICK);
                out.printf(Locale.ROOT, "[%4.0fs %-6s] open %d/%d logged-on %d stalled %d | in %.0f/s out %.0f/s | "
                                + "cmd %.0f/s p50 %.1fms p99 %.1fms | tick p50 %.1fms p99 %.1fms | errors %d closes %d"
                                + " connect-fail %d%s%n",
                        (now - t0) / 1e9, phase, metrics.open.get(), o.sessions(), metrics.loggedOn.get(),
                        metrics.stalled.get(), (in - lastIn) / dt, (outFrames - lastOut) / dt,
                        (cmds - lastCommands) / dt, cmd.getValueAtPercentile(50) / 1000.0,
                        cmd.getValueAtPercentile(99) / 1000.0, tick.getValueAtPercentile(50) / 1000.0,
                        tick.getValueAtPercentile(99) / 1000.0, metrics.responsesError.sum(),
                        metrics.closesByCode().values().stream().mapToLong(Long::longValue).sum(),
                        metrics.connectFailures.sum(),
                        srv == null ? "" : srv.heapUsedBytes() < 0
                                ? String.format(Locale.ROOT, " | server sessions %d", srv.sessions())
                                : String.format(Locale.ROOT, " | server heap %s sessions %d",
                                LoadReport.mib(srv.heapUsedBytes()), srv.sessions()));
            }
            lastIn = in;
            lastOut = outFrames;
            lastCommands = cmds;
        }
    }
}
