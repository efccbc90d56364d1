package io.marginstream.client.cli;

import io.marginstream.client.Cli;
import io.marginstream.client.UsageException;
import io.marginstream.client.load.FrameTimestamp;
import io.marginstream.client.load.StreamLoadOptions;
import io.marginstream.client.load.StreamLoadReport;
import io.marginstream.client.load.StreamLoadTester;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URI;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code msc loadtest-stream}: the subscribe-only load tester ({@link StreamLoadTester}) — N subscribers of any
 * WebSocket stream, timed by the publish time in each frame. Prints a summary and, last, one JSON line. Exit code 0
 * when every subscriber held and received every message of the window, 1 when not, 3 when none connected.
 */
@Command(name = "loadtest-stream", description = "Subscribe N connections to any WebSocket stream and time every "
        + "frame by the timestamp it carries (docs/LOADTEST.md).", sortOptions = false)
final class LoadtestStreamCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Option(names = "--subscribers", paramLabel = "N", defaultValue = "1000",
            description = "connections to open (default ${DEFAULT-VALUE})")
    int subscribers;
    @Option(names = "--subscribe", paramLabel = "TEXT",
            description = "text frame each connection sends once connected, e.g. "
                    + "'{\"id\":1,\"method\":\"subscribe\",\"params\":{\"streams\":[\"markPrice@BTCUSDT\"]}}' "
                    + "(default: none, the URL subscribes)")
    String subscribe;
    @Option(names = "--timestamp", paramLabel = "WHERE", defaultValue = "json:E",
            description = "where the publish time (epoch ms) is in each frame: json:NAME (the number after "
                    + "\"NAME\":) or split:SEP:INDEX (default ${DEFAULT-VALUE})")
    String timestamp;
    @Option(names = "--ramp-per-second", paramLabel = "N", defaultValue = "1000",
            description = "new connections per second (default ${DEFAULT-VALUE})")
    int rampPerSecond;
    @Option(names = "--warmup-seconds", paramLabel = "S", defaultValue = "3",
            description = "not measured, after the ramp (default ${DEFAULT-VALUE})")
    int warmupSeconds;
    @Option(names = "--duration-seconds", paramLabel = "S", defaultValue = "15",
            description = "the measured window (default ${DEFAULT-VALUE})")
    int durationSeconds;
    @Option(names = "--grace-seconds", paramLabel = "S", defaultValue = "2",
            description = "frames stamped in the window may arrive this long after it (default ${DEFAULT-VALUE})")
    int graceSeconds;
    @Option(names = "--threads", paramLabel = "N", description = "event-loop threads (default: the cores)")
    Integer threads;
    @Option(names = "--ports-per-source", paramLabel = "N", defaultValue = "28000",
            description = "connections per loopback source address (default ${DEFAULT-VALUE})")
    int portsPerSource;
    @Option(names = "--publish-url", paramLabel = "URL",
            description = "POST the messages here (nchan's publisher location); default: the server publishes")
    String publishUrl;
    @Option(names = "--publish-rate", paramLabel = "R", defaultValue = "10",
            description = "messages per second to --publish-url (default ${DEFAULT-VALUE})")
    double publishRate;
    @Option(names = "--server-pid", paramLabel = "PID", split = ",",
            description = "the server's pids (comma-separated, e.g. nginx's workers): their CPU during the window")
    List<Long> serverPids;
    @Option(names = "--label", paramLabel = "NAME", defaultValue = "server",
            description = "the server's name in the report (default ${DEFAULT-VALUE})")
    String label;
    @Option(names = "--quiet", description = "no progress lines")
    boolean quiet;

    LoadtestStreamCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    /** The scenario these options describe; a usage error names the first bad setting. */
    StreamLoadOptions options() {
        if (ctx.root().url == null) {
            throw new UsageException("--url is required, e.g. ws://127.0.0.1:8090/ws");
        }
        URI publish;
        try {
            publish = publishUrl == null ? null : URI.create(publishUrl);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--publish-url is not a URL: " + e.getMessage());
        }
        StreamLoadOptions d = StreamLoadOptions.of(uri(ctx.root().url), subscribers);
        return d.withSubscribe(subscribe).withTimestamp(FrameTimestamp.parse(timestamp))
                .withTimes(rampPerSecond, warmupSeconds, durationSeconds, graceSeconds)
                .withClient(threads != null ? threads : d.threads(), portsPerSource)
                .withPublisher(publish, publishRate)
                .withReport(label, serverPids == null ? List.of() : serverPids, !quiet).validate();
    }

    private static URI uri(String s) {
        try {
            return URI.create(s);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--url is not a URL: " + e.getMessage());
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        StreamLoadOptions o = options();
        StreamLoadReport r = new StreamLoadTester(o, ctx.out()).run();
        ctx.out().print(r.summary());
        ctx.out().println(r.jsonLine());
        if (r.held() == 0) {
            ctx.err().println("no subscriber could connect to " + o.url());
            return Cli.CONNECTION;
        }
        return r.everyFrameDelivered() ? Cli.OK : Cli.REJECTED;
    }
}
