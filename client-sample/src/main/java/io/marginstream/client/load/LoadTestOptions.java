package io.marginstream.client.load;

import io.marginstream.client.UsageException;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One load-test scenario. Build with {@link #defaults()} and the {@code with…} methods, or from the command line
 * ({@code msc loadtest}, {@code cli.LoadtestCommand}); {@link #validate()} fails fast naming the bad setting.
 *
 * @param url             the gateway's WebSocket URL
 * @param sessions        sessions to open
 * @param rampPerSecond   new connections per second while ramping up
 * @param durationSeconds how long to hold all sessions and run commands after the ramp
 * @param drainSeconds    at most this long to wait for outstanding answers at the end
 * @param idPrefix        {@code syntheticAccounts.idPrefix} of the gateway
 * @param secretSeed      {@code syntheticAccounts.secretSeed} of the gateway
 * @param accounts        synthetic accounts to use; session {@code i} logs on as {@code accountOffset + i % accounts}
 * @param accountOffset   first synthetic account index
 * @param streams         streams every active session subscribes ({@code userData}, {@code marginRatio},
 *                        {@code markPrice}, {@code markPrice@SYMBOL})
 * @param intervalMs      {@code intervalMs} of the {@code marginRatio} subscription
 * @param commandRate     commands per second over all active sessions
 * @param mix             relative weights of {@code transfer}, {@code keyedTransfer} (a transfer with a unique
 *                        {@code clientTranId}), {@code collect}, {@code order} (a MARKET order) and
 *                        {@code resting} (a LIMIT order far from the mark, or, once the session holds
 *                        {@link LoadSession#RESTING_DEPTH}, the cancel of its oldest)
 * @param stalledShare    share of sessions (0..1) that subscribe to everything and then stop reading
 * @param portsPerSource  sessions per loopback source address before the next one (127.0.0.2, …) is bound
 * @param threads         Netty event-loop threads
 * @param reportDir       where the JSON report and the SVG plot go
 * @param progress        print a progress line every second
 * @param serverPid       the gateway's PID on this machine for live-heap and RSS readings, or 0
 * @param warmupSeconds   commands run this long after the ramp before the measured hold starts (latencies and
 *                        rates of the warm-up are discarded)
 * @param recvWindowMs    {@code recvWindow} of the logons: long by default, so a gateway busy with a fast ramp
 *                        answers late rather than with -1021
 */
public record LoadTestOptions(URI url, int sessions, int rampPerSecond, int durationSeconds, int drainSeconds,
                              String idPrefix, String secretSeed, int accounts, int accountOffset,
                              List<String> streams, int intervalMs, double commandRate, Map<String, Integer> mix,
                              double stalledShare, int portsPerSource, int threads, Path reportDir,
                              boolean progress, long serverPid, int warmupSeconds, long recvWindowMs) {

    public static final List<String> COMMANDS = List.of("transfer", "keyedTransfer", "collect", "order", "resting");

    public LoadTestOptions {
        streams = List.copyOf(streams);
        mix = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(mix));
    }

    /** The standard scenario's defaults (see docs/LOADTEST.md). */
    public static LoadTestOptions defaults() {
        Map<String, Integer> mix = new LinkedHashMap<>();
        mix.put("transfer", 70);
        mix.put("collect", 5);
        mix.put("order", 25);
        return new LoadTestOptions(URI.create("ws://127.0.0.1:8090/ws"), 1000, 500, 30, 10, "load-", "change-me", 0,
                0, List.of("userData", "marginRatio"), 1000, 200, mix, 0.01, 28_000,
                Runtime.getRuntime().availableProcessors(), Path.of("load-report"), true, 0, 5, 60_000);
    }

    /** This scenario, or a usage error naming the first bad setting. */
    public LoadTestOptions validate() {
        List<String> bad = new ArrayList<>();
        if (!"ws".equals(url.getScheme()) || url.getHost() == null || url.getPort() <= 0) {
            bad.add("--url must look like ws://host:port/ws");
        }
        if (sessions < 1) {
            bad.add("--sessions must be ≥ 1");
        }
        if (rampPerSecond < 1) {
            bad.add("--ramp-per-second must be ≥ 1");
        }
        if (durationSeconds < 0 || drainSeconds < 0) {
            bad.add("--duration-seconds and --drain-seconds must be ≥ 0");
        }
        if (accounts < 0 || accountOffset < 0) {
            bad.add("--accounts and --account-offset must be ≥ 0");
        }
        if (intervalMs < 0) {
            bad.add("--interval-ms must be ≥ 0");
        }
        if (commandRate < 0) {
            bad.add("--command-rate must be ≥ 0");
        }
        if (mix.values().stream().anyMatch(w -> w < 0) || (commandRate > 0 && totalMixWeight() == 0)) {
            bad.add("--mix weights must be ≥ 0 and not all 0");
        }
        if (stalledShare < 0 || stalledShare > 1) {
            bad.add("--stalled-share must be within 0..1");
        }
        if (portsPerSource < 1 || portsPerSource > 60_000) {
            bad.add("--ports-per-source must be within 1..60000");
        }
        if (warmupSeconds < 0) {
            bad.add("--warmup-seconds must be ≥ 0");
        }
        if (recvWindowMs < 1 || recvWindowMs > 60_000) {
            bad.add("--recv-window-ms must be within 1..60000");
        }
        if (serverPid < 0) {
            bad.add("--server-pid must be a process id");
        }
        if (threads < 1) {
            bad.add("--threads must be ≥ 1");
        }
        for (String s : streams) {
            if (!s.equals("userData") && !s.equals("marginRatio") && !s.equals("markPrice")
                    && !s.startsWith("markPrice@")) {
                bad.add("--streams: unknown stream '" + s + "'");
            }
        }
        if (!bad.isEmpty()) {
            throw new UsageException(bad.get(0));
        }
        return this;
    }

    int totalMixWeight() {
        return mix.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The number of synthetic accounts the sessions are spread over. */
    int effectiveAccounts() {
        return accounts > 0 ? accounts : sessions;
    }

    /** Whether session {@code i} is one of the stalled ones (spread evenly over the run). */
    boolean isStalled(int i) {
        return Math.floor((i + 1) * stalledShare) > Math.floor(i * stalledShare);
    }

    public LoadTestOptions withUrl(URI u) {
        return new LoadTestOptions(u, sessions, rampPerSecond, durationSeconds, drainSeconds, idPrefix, secretSeed,
                accounts, accountOffset, streams, intervalMs, commandRate, mix, stalledShare, portsPerSource, threads,
                reportDir, progress, serverPid, warmupSeconds, recvWindowMs);
    }

    public LoadTestOptions withSessions(int n, int ramp, int seconds) {
        return new LoadTestOptions(url, n, ramp, seconds, drainSeconds, idPrefix, secretSeed, accounts,
                accountOffset, streams, intervalMs, commandRate, mix, stalledShare, portsPerSource, threads,
                reportDir, progress, serverPid, warmupSeconds, recvWindowMs);
    }

    public LoadTestOptions withSynthetic(String prefix, String seed, int accountCount) {
        return new LoadTestOptions(url, sessions, rampPerSecond, durationSeconds, drainSeconds, prefix, seed,
                accountCount, accountOffset, streams, intervalMs, commandRate, mix, stalledShare, portsPerSource,
                threads, reportDir, progress, serverPid, warmupSeconds, recvWindowMs);
    }

    public LoadTestOptions withCommands(double rate, double stalled) {
        return new LoadTestOptions(url, sessions, rampPerSecond, durationSeconds, drainSeconds, idPrefix, secretSeed,
                accounts, accountOffset, streams, intervalMs, rate, mix, stalled, portsPerSource, threads, reportDir,
                progress, serverPid, warmupSeconds, recvWindowMs);
    }

    public LoadTestOptions withMix(Map<String, Integer> m) {
        return new LoadTestOptions(url, sessions, rampPerSecond, durationSeconds, drainSeconds, idPrefix, secretSeed,
                accounts, accountOffset, streams, intervalMs, commandRate, m, stalledShare, portsPerSource, threads,
                reportDir, progress, serverPid, warmupSeconds, recvWindowMs);
    }

    public LoadTestOptions withWarmup(int seconds) {
        return new LoadTestOptions(url, sessions, rampPerSecond, durationSeconds, drainSeconds, idPrefix, secretSeed,
                accounts, accountOffset, streams, intervalMs, commandRate, mix, stalledShare, portsPerSource, threads,
                reportDir, progress, serverPid, seconds, recvWindowMs);
    }

    public LoadTestOptions withReportDir(Path dir, boolean showProgress) {
        return new LoadTestOptions(url, sessions, rampPerSecond, durationSeconds, drainSeconds, idPrefix, secretSeed,
                accounts, accountOffset, streams, intervalMs, commandRate, mix, stalledShare, portsPerSource, threads,
                dir, showProgress, serverPid, warmupSeconds, recvWindowMs);
    }
}
