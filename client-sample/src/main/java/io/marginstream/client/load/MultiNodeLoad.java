package io.marginstream.client.load;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The load test spread over several gateway nodes of a cluster (docs/CLUSTER.md, docs/LOADTEST.md): one
 * {@link LoadTester} per node URL, run at the same time, each with its share of the sessions, the ramp, the command
 * rate and the event-loop threads, over the same synthetic accounts (so one account's sessions sit on different
 * nodes), each writing its report to {@code <reportDir>/node-<i>} and its progress lines prefixed
 * {@code [node i]}; then one line per node and a total. Runs on the calling thread plus one thread per node.
 */
public final class MultiNodeLoad {
    private final LoadTestOptions base;
    private final List<URI> nodes;
    private final PrintStream out;

    public MultiNodeLoad(LoadTestOptions base, List<URI> nodes, PrintStream out) {
        if (nodes.size() < 2) {
            throw new IllegalArgumentException("needs at least two node URLs");
        }
        this.base = base;
        this.nodes = List.copyOf(nodes);
        this.out = out;
    }

    /** The options of node {@code i}: its URL and its share of sessions, ramp, rate and threads. */
    LoadTestOptions share(int i) {
        int n = nodes.size();
        int sessions = base.sessions() / n + (i < base.sessions() % n ? 1 : 0);
        int accounts = base.accounts() > 0 ? base.accounts() : base.sessions();
        return base.withUrl(nodes.get(i))
                .withSessions(sessions, Math.max(1, base.rampPerSecond() / n), base.durationSeconds())
                .withSynthetic(base.idPrefix(), base.secretSeed(), Math.min(accounts, Math.max(1, sessions)))
                .withCommands(base.commandRate() / n, base.stalledShare())
                .withReportDir(base.reportDir().resolve("node-" + i), base.progress());
    }

    /** Runs every node's share at once; the reports in node order. */
    public List<LoadReport> run() throws IOException, InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(nodes.size(), r -> {
            Thread t = new Thread(r, "loadtest-node");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<LoadReport>> runs = new ArrayList<>();
            for (int i = 0; i < nodes.size(); i++) {
                LoadTestOptions o = share(i);
                PrintStream prefixed = prefixed("[node " + i + "] ");
                runs.add(pool.submit(() -> new LoadTester(o, prefixed).run()));
            }
            List<LoadReport> reports = new ArrayList<>();
            for (Future<LoadReport> f : runs) {
                try {
                    reports.add(f.get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof IOException io) {
                        throw io;
                    }
                    throw new IOException("a node's load test failed: " + e.getCause(), e.getCause());
                }
            }
            out.print(table(reports));
            return reports;
        } finally {
            pool.shutdownNow();
        }
    }

    /** One line per node and a total: sessions, commands, events, frames/s and latencies. */
    String table(List<LoadReport> reports) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-6s %-28s %9s %9s %9s %9s %11s %9s %9s %9s %9s%n", "node", "url",
                "sessions", "held", "cmdsOk", "cmdsFail", "events", "frames/s", "cmd p50", "cmd p99", "tick p99"));
        long sessions = 0;
        long held = 0;
        long ok = 0;
        long failed = 0;
        long events = 0;
        double frames = 0;
        for (int i = 0; i < reports.size(); i++) {
            LoadReport r = reports.get(i);
            LatencyStats cmd = r.latencyMs().getOrDefault("command", LatencyStats.EMPTY);
            LatencyStats tick = r.latencyMs().getOrDefault("tick-to-client", LatencyStats.EMPTY);
            b.append(String.format(Locale.ROOT, "%-6s %-28s %9d %9d %9d %9d %11d %9.0f %8.2fms %8.2fms %8.2fms%n",
                    Integer.toString(i), nodes.get(i), r.sessions().connectedPeak(), r.sessions().heldAtEnd(),
                    r.requests().commandsOk(), r.requests().commandsFailed(), r.requests().events(),
                    r.frames().framesInPerSecond(), cmd.p50Ms(), cmd.p99Ms(), tick.p99Ms()));
            sessions += r.sessions().connectedPeak();
            held += r.sessions().heldAtEnd();
            ok += r.requests().commandsOk();
            failed += r.requests().commandsFailed();
            events += r.requests().events();
            frames += r.frames().framesInPerSecond();
        }
        b.append(String.format(Locale.ROOT, "%-6s %-28s %9d %9d %9d %9d %11d %9.0f%n", "total", "", sessions, held,
                ok, failed, events, frames));
        return b.toString();
    }

    /** {@link #out} with {@code prefix} before every line. */
    private PrintStream prefixed(String prefix) {
        return new PrintStream(new OutputStream() {
            private final StringBuilder line = new StringBuilder();

            @Override
            public synchronized void write(int c) {
                if (c == '\n') {
                    synchronized (out) {
                        out.println(prefix + line);
                    }
                    line.setLength(0);
                } else {
                    line.append((char) c);
                }
            }
        }, true, StandardCharsets.UTF_8);
    }
}
