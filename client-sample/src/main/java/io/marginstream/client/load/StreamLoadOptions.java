package io.marginstream.client.load;

import io.marginstream.client.UsageException;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * One subscribe-only scenario ({@code msc loadtest-stream}, docs/LOADTEST.md): N WebSocket subscribers of any
 * stream, each frame timed by the publish time it carries. Built by {@code cli.LoadtestStreamCommand} or
 * {@link #of(URI, int)} and the {@code with…} methods; {@link #validate()} fails naming the first bad setting.
 *
 * @param url              the WebSocket URL every subscriber connects to ({@code ws://host:port/path})
 * @param subscribers      connections to open
 * @param subscribeMessage a text frame each subscriber sends once connected, or {@code null} (the URL alone
 *                         subscribes, as with nchan)
 * @param timestamp        where the publish time is in each frame
 * @param rampPerSecond    new connections per second
 * @param warmupSeconds    frames of this long after every subscriber connected are not measured
 * @param durationSeconds  the measured hold: frames whose timestamp falls in it count
 * @param graceSeconds     how long after the hold frames stamped inside it may still arrive (and count)
 * @param threads          Netty event-loop threads of the client
 * @param portsPerSource   connections per loopback source address before the next (127.0.0.2, …) is bound
 * @param publishUrl       an HTTP URL the tester POSTs the messages to itself ({@code null}: the server publishes),
 *                         e.g. nchan's publisher location
 * @param publishRate      messages per second POSTed to {@code publishUrl}
 * @param serverPids       the measured server's processes on this machine (their CPU during the window), or none
 * @param label            the name of the server in the report line
 * @param progress         print a progress line every second
 */
public record StreamLoadOptions(URI url, int subscribers, String subscribeMessage, FrameTimestamp timestamp,
                                int rampPerSecond, int warmupSeconds, int durationSeconds, int graceSeconds,
                                int threads, int portsPerSource, URI publishUrl, double publishRate, List<Long> serverPids,
                                String label, boolean progress) {

    public StreamLoadOptions {
        serverPids = List.copyOf(serverPids);
    }

    /** The defaults for {@code url} with {@code subscribers} connections: {@code json:E}, 1,000/s ramp, 3 + 15 s. */
    public static StreamLoadOptions of(URI url, int subscribers) {
        return new StreamLoadOptions(url, subscribers, null, FrameTimestamp.parse("json:E"), 1000, 3, 15, 2,
                Runtime.getRuntime().availableProcessors(), 28_000, null, 10, List.of(), "server", true);
    }

    public StreamLoadOptions withSubscribe(String message) {
        return new StreamLoadOptions(url, subscribers, message, timestamp, rampPerSecond, warmupSeconds,
                durationSeconds, graceSeconds, threads, portsPerSource, publishUrl, publishRate, serverPids, label,
                progress);
    }

    public StreamLoadOptions withTimestamp(FrameTimestamp t) {
        return new StreamLoadOptions(url, subscribers, subscribeMessage, t, rampPerSecond, warmupSeconds,
                durationSeconds, graceSeconds, threads, portsPerSource, publishUrl, publishRate, serverPids, label,
                progress);
    }

    public StreamLoadOptions withTimes(int ramp, int warmup, int duration, int grace) {
        return new StreamLoadOptions(url, subscribers, subscribeMessage, timestamp, ramp, warmup, duration, grace,
                threads, portsPerSource, publishUrl, publishRate, serverPids, label, progress);
    }

    public StreamLoadOptions withClient(int loops, int perSource) {
        return new StreamLoadOptions(url, subscribers, subscribeMessage, timestamp, rampPerSecond, warmupSeconds,
                durationSeconds, graceSeconds, loops, perSource, publishUrl, publishRate, serverPids, label,
                progress);
    }

    public StreamLoadOptions withPublisher(URI publish, double rate) {
        return new StreamLoadOptions(url, subscribers, subscribeMessage, timestamp, rampPerSecond, warmupSeconds,
                durationSeconds, graceSeconds, threads, portsPerSource, publish, rate, serverPids, label, progress);
    }

    public StreamLoadOptions withReport(String name, List<Long> pids, boolean showProgress) {
        return new StreamLoadOptions(url, subscribers, subscribeMessage, timestamp, rampPerSecond, warmupSeconds,
                durationSeconds, graceSeconds, threads, portsPerSource, publishUrl, publishRate, pids, name,
                showProgress);
    }

    /** This scenario, or a usage error naming the first bad setting. */
    public StreamLoadOptions validate() {
        List<String> bad = new ArrayList<>();
        if (url == null || !"ws".equals(url.getScheme()) || url.getHost() == null || url.getPort() <= 0) {
            bad.add("--url must look like ws://host:port/path");
        }
        if (subscribers < 1) {
            bad.add("--subscribers must be ≥ 1");
        }
        if (timestamp == null) {
            bad.add("--timestamp is required");
        }
        if (rampPerSecond < 1) {
            bad.add("--ramp-per-second must be ≥ 1");
        }
        if (warmupSeconds < 0 || durationSeconds < 1 || graceSeconds < 0) {
            bad.add("--warmup-seconds and --grace-seconds must be ≥ 0, --duration-seconds ≥ 1");
        }
        if (threads < 1) {
            bad.add("--threads must be ≥ 1");
        }
        if (portsPerSource < 1 || portsPerSource > 60_000) {
            bad.add("--ports-per-source must be within 1..60000");
        }
        if (publishUrl != null && (!"http".equals(publishUrl.getScheme()) || publishUrl.getHost() == null)) {
            bad.add("--publish-url must look like http://host:port/path");
        }
        if (publishUrl != null && (publishRate <= 0 || publishRate > 1000)) {
            bad.add("--publish-rate must be within (0, 1000]");
        }
        if (serverPids.stream().anyMatch(p -> p <= 0)) {
            bad.add("--server-pid must be process ids");
        }
        if (!bad.isEmpty()) {
            throw new UsageException(bad.get(0));
        }
        return this;
    }
}
