package io.marginstream.client.cli;

import io.marginstream.client.Cli;
import io.marginstream.client.UsageException;
import io.marginstream.client.load.LoadReport;
import io.marginstream.client.load.LoadTestOptions;
import io.marginstream.client.load.LoadTester;
import io.marginstream.client.load.MultiNodeLoad;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code msc loadtest}: the load tester's options, read into a {@link LoadTestOptions} (defaults from
 * {@link LoadTestOptions#defaults()}), then one run. Exit code 0 when every request was answered exactly once.
 */
@Command(name = "loadtest", description = "Run a load test against a gateway with syntheticAccounts "
        + "(docs/LOADTEST.md); --url a,b,... spreads the sessions over several gateway nodes of a cluster and "
        + "reports per node (docs/CLUSTER.md).", sortOptions = false)
final class LoadtestCommand implements Callable<Integer> {
    private static final LoadTestOptions D = LoadTestOptions.defaults();
    private final CliContext ctx;

    @Option(names = "--sessions", paramLabel = "N", description = "sessions to open (default 1000)")
    Integer sessions;
    @Option(names = "--ramp-per-second", paramLabel = "N", description = "new sessions per second (default 500)")
    Integer rampPerSecond;
    @Option(names = "--warmup-seconds", paramLabel = "S",
            description = "commands after the ramp that are not measured (default 5)")
    Integer warmupSeconds;
    @Option(names = "--duration-seconds", paramLabel = "S",
            description = "the measured hold with commands (default 30)")
    Integer durationSeconds;
    @Option(names = "--drain-seconds", paramLabel = "S", description = "wait this long for late answers (default 10)")
    Integer drainSeconds;
    @Option(names = "--command-rate", paramLabel = "R", description = "commands per second over all sessions "
            + "(default 200)")
    Double commandRate;
    @Option(names = "--mix", paramLabel = "MIX", description = "command weights of transfer, keyedTransfer (with a "
            + "clientTranId), collect, order and resting (resting LIMIT orders placed and canceled; default "
            + "transfer=70,collect=5,order=25)")
    String mix;
    @Option(names = "--stalled-share", paramLabel = "F", description = "share of sessions that stop reading "
            + "(default 0.01)")
    Double stalledShare;
    @Option(names = "--streams", split = ",", paramLabel = "S,T",
            description = "userData, marginRatio, markPrice, markPrice@SYMBOL (default userData,marginRatio)")
    List<String> streams;
    @Option(names = "--interval-ms", paramLabel = "MS", description = "marginRatio intervalMs (default 1000)")
    Integer intervalMs;
    @Option(names = "--id-prefix", paramLabel = "P", description = "the gateway's syntheticAccounts.idPrefix "
            + "(default load-)")
    String idPrefix;
    @Option(names = "--secret-seed", paramLabel = "S", description = "the gateway's syntheticAccounts.secretSeed")
    String secretSeed;
    @Option(names = "--accounts", paramLabel = "N", description = "synthetic accounts to spread over (default: one "
            + "per session)")
    Integer accounts;
    @Option(names = "--account-offset", paramLabel = "N", description = "first synthetic account (default 0)")
    Integer accountOffset;
    @Option(names = "--ports-per-source", paramLabel = "N",
            description = "sessions per loopback source address (default 28000)")
    Integer portsPerSource;
    @Option(names = "--threads", paramLabel = "N", description = "event-loop threads (default: the cores)")
    Integer threads;
    @Option(names = "--recv-window-ms", paramLabel = "MS", description = "logon recvWindow (default 60000)")
    Integer recvWindowMs;
    @Option(names = "--server-pid", paramLabel = "PID",
            description = "the gateway's pid: live heap (jcmd) and RSS readings")
    Long serverPid;
    @Option(names = "--report-dir", paramLabel = "DIR", description = "report.json, latency.svg, latency.hgrm "
            + "(default load-report)")
    Path reportDir;
    @Option(names = "--quiet", description = "no progress line every second")
    boolean quiet;

    LoadtestCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    /** The scenario these options describe; a usage error names the first bad setting. */
    LoadTestOptions options() {
        return new LoadTestOptions(urls().get(0), or(sessions, D.sessions()), or(rampPerSecond, D.rampPerSecond()),
                or(durationSeconds, D.durationSeconds()), or(drainSeconds, D.drainSeconds()),
                or(idPrefix, D.idPrefix()), or(secretSeed, D.secretSeed()), or(accounts, D.accounts()),
                or(accountOffset, D.accountOffset()), or(streams, D.streams()), or(intervalMs, D.intervalMs()),
                or(commandRate, D.commandRate()), mix == null ? D.mix() : parseMix(mix),
                or(stalledShare, D.stalledShare()), or(portsPerSource, D.portsPerSource()), or(threads, D.threads()),
                or(reportDir, D.reportDir()), !quiet, or(serverPid, D.serverPid()),
                or(warmupSeconds, D.warmupSeconds()), or(recvWindowMs, (int) D.recvWindowMs())).validate();
    }

    /** The gateway URLs: one, or several comma-separated nodes of a cluster that the sessions are spread over. */
    List<URI> urls() {
        String url = ctx.root().url != null ? ctx.root().url : D.url().toString();
        List<URI> out = new java.util.ArrayList<>();
        for (String u : url.split(",")) {
            out.add(URI.create(u.trim()));
        }
        return out;
    }

    private static <T> T or(T v, T dflt) {
        return v != null ? v : dflt;
    }

    static Map<String, Integer> parseMix(String s) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (String part : s.split(",")) {
            String[] kv = part.split("=", 2);
            if (kv.length != 2 || !LoadTestOptions.COMMANDS.contains(kv[0].trim())) {
                throw new UsageException("--mix wants e.g. transfer=70,collect=5,order=25, got '" + part + "'");
            }
            try {
                m.put(kv[0].trim(), Integer.parseInt(kv[1].trim()));
            } catch (NumberFormatException e) {
                throw new UsageException("--mix weight of " + kv[0] + " must be an integer");
            }
        }
        return m;
    }

    @Override
    public Integer call() {
        LoadTestOptions o = options();
        List<URI> urls = urls();
        try {
            if (urls.size() > 1) {
                for (URI u : urls) {
                    o.withUrl(u).validate();
                }
                List<LoadReport> reports = new MultiNodeLoad(o, urls, ctx.out()).run();
                if (reports.stream().allMatch(r -> r.sessions().connectedPeak() == 0)) {
                    ctx.err().println("no session could connect to " + urls);
                    return Cli.CONNECTION;
                }
                return reports.stream().allMatch(LoadReport::countsAddUp) ? Cli.OK : Cli.REJECTED;
            }
            LoadReport r = new LoadTester(o, ctx.out()).run();
            if (r.sessions().connectedPeak() == 0) {
                ctx.err().println("no session could connect to " + o.url());
                return Cli.CONNECTION;
            }
            return r.countsAddUp() ? Cli.OK : Cli.REJECTED;
        } catch (IOException e) {
            ctx.err().println("load test failed: " + e.getMessage());
            return Cli.CONNECTION;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Cli.CONNECTION;
        }
    }
}
