package io.marginstream.gateway.cluster;

import io.marginstream.gateway.config.ShardRule;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real local cluster for the tests: {@code nats-server} on a free loopback port, {@code shards} engine shards
 * and {@code gateways} gateway nodes, each a child JVM running {@code GatewayMain} on its own config (as
 * {@code scripts/cluster.sh} runs them), every one stopped by its own PID. Accounts: one per shard at least
 * ({@link #accountOn}), each with an HMAC key {@code <id>-key} / {@code <id>-secret-0123456789} and every
 * permission; feed off, admin on.
 */
final class ClusterHarness implements AutoCloseable {
    static final String SECRET_SUFFIX = "-secret-0123456789";
    private static final Pattern GATEWAY_PORT = Pattern.compile("listening on ws://127\\.0\\.0\\.1:(\\d+)/ws");
    private static final Pattern SHARD_PORT = Pattern.compile("healthz http://127\\.0\\.0\\.1:(\\d+)/healthz");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    final Path dir;
    final int shards;
    final int gateways;
    /** The broker's port: chosen free, and chosen again if another process takes it before our broker binds it. */
    volatile int natsPort;
    /** The name our broker answers with in its INFO line, so that a broker of another run is never taken for it. */
    private final String natsName = "harness-" + java.util.UUID.randomUUID();
    final List<String> accounts;
    final String extraLimits;
    final int requestTimeoutMillis;
    private Process nats;
    final Node[] shardNodes;
    final Node[] gatewayNodes;

    /** One child JVM and the port it reported. */
    static final class Node {
        final String role;
        final int index;
        final Path config;
        volatile Process process;
        volatile int port;

        Node(String role, int index, Path config) {
            this.role = role;
            this.index = index;
            this.config = config;
        }

        long pid() {
            return process.pid();
        }
    }

    ClusterHarness(Path dir, int shards, int gateways, String extraLimits, int requestTimeoutMillis)
            throws IOException {
        this.dir = dir;
        this.shards = shards;
        this.gateways = gateways;
        this.extraLimits = extraLimits;
        this.requestTimeoutMillis = requestTimeoutMillis;
        this.natsPort = freePort();
        this.accounts = accounts(shards);
        this.shardNodes = new Node[shards];
        this.gatewayNodes = new Node[gateways];
        for (int s = 0; s < shards; s++) {
            shardNodes[s] = new Node("shard", s, dir.resolve("shard-" + s + ".json"));
        }
        for (int g = 0; g < gateways; g++) {
            gatewayNodes[g] = new Node("gateway", g, dir.resolve("gateway-" + g + ".json"));
        }
    }

    /** Two accounts per shard: {@code acct-<n>} ids picked by the shard rule. */
    private static List<String> accounts(int shards) {
        List<String> out = new ArrayList<>();
        int[] per = new int[shards];
        for (int n = 0; out.size() < 2 * shards; n++) {
            String id = "acct-" + n;
            int s = ShardRule.shardOf(id, shards);
            if (per[s] < 2) {
                per[s]++;
                out.add(id);
            }
        }
        return List.copyOf(out);
    }

    /** The {@code i}-th account (0 or 1) owned by {@code shard}. */
    String accountOn(int shard, int i) {
        int seen = 0;
        for (String a : accounts) {
            if (ShardRule.shardOf(a, shards) == shard && seen++ == i) {
                return a;
            }
        }
        throw new IllegalArgumentException("no account " + i + " on shard " + shard);
    }

    static String key(String account) {
        return account + "-key";
    }

    static String secret(String account) {
        return account + SECRET_SUFFIX;
    }

    private String config(String role, int index) {
        StringBuilder acc = new StringBuilder();
        for (String a : accounts) {
            if (acc.length() > 0) {
                acc.append(',');
            }
            acc.append("{\"id\":\"").append(a).append("\",\"portfolioMargin\":true,\"keys\":[{\"apiKey\":\"")
                    .append(key(a)).append("\",\"secret\":\"").append(secret(a))
                    .append("\",\"permissions\":[\"READ\",\"TRANSFER\",\"TRADE\",\"ADMIN\"]}],")
                    .append("\"balances\":{\"SPOT\":{\"USDT\":\"1000\"},\"CROSS_MARGIN\":{\"USDT\":\"100000\"},")
                    .append("\"UM\":{\"USDT\":\"5000\"}},")
                    .append("\"positions\":[{\"symbol\":\"BTCUSDT\",\"positionAmt\":\"1\",\"entryPrice\":\"60000\"}]}");
        }
        String data = role.equals("shard") ? dir.resolve("data-shard-" + index).toString()
                : dir.resolve("unused-" + index).toString();
        return "{\"server\":{\"host\":\"127.0.0.1\",\"port\":0},\"dataDir\":" + json(data)
                + ",\"feed\":{\"enabled\":false},\"admin\":{\"enabled\":true},"
                + "\"limits\":{\"messagesPerSecond\":1000,\"messageBurst\":1000,\"connectionsPerIpPer5Minutes\":10000"
                + extraLimits + "},"
                + "\"accounts\":[" + acc + "],"
                + "\"cluster\":{\"role\":\"" + role + "\",\"natsUrl\":\"nats://127.0.0.1:" + natsPort + "\","
                + "\"shards\":" + shards + ",\"shard\":" + (role.equals("shard") ? index : 0) + ",\"gateways\":"
                + gateways + ",\"requestTimeoutMillis\":" + requestTimeoutMillis + ",\"nodeId\":\"" + role + "-"
                + index + "\"}}";
    }

    private static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /**
     * Starts NATS, writes every node's config with its port, starts the shards, then the gateways, and waits until
     * every gateway says UP. When the chosen port was taken before our broker could bind it (another run on the
     * machine), a new one is chosen: the nodes must never join someone else's broker.
     */
    ClusterHarness start() throws Exception {
        for (int attempt = 1; !tryStartNats(); attempt++) {
            if (attempt == 5) {
                throw new IllegalStateException("nats-server could not bind a free port in 5 attempts; see "
                        + dir.resolve("nats.log"));
            }
            natsPort = freePort();
        }
        for (Node n : shardNodes) {
            Files.writeString(n.config, config("shard", n.index), StandardCharsets.UTF_8);
        }
        for (Node n : gatewayNodes) {
            Files.writeString(n.config, config("gateway", n.index), StandardCharsets.UTF_8);
        }
        for (Node s : shardNodes) {
            launch(s);
        }
        for (Node g : gatewayNodes) {
            launch(g);
        }
        for (Node g : gatewayNodes) {
            awaitStatus(g, "UP");
        }
        return this;
    }

    static String natsBinary() {
        for (String p : List.of("/usr/sbin/nats-server", "/usr/bin/nats-server", "/usr/local/bin/nats-server")) {
            if (Files.isExecutable(Path.of(p))) {
                return p;
            }
        }
        throw new IllegalStateException("nats-server is not installed: scripts/test.sh installs it "
                + "(apt-get install -y nats-server)");
    }

    /** (Re)starts NATS on {@link #natsPort}; fails when it cannot be ours there (the nodes' configs name it). */
    void startNats() throws Exception {
        if (!tryStartNats()) {
            throw new IllegalStateException("nats-server could not listen on " + natsPort + " again (taken by another "
                    + "process); see " + dir.resolve("nats.log"));
        }
    }

    /**
     * Starts NATS on {@link #natsPort} and waits until it answers there with its own name; false (and our broker
     * stopped) when it exited (the port was taken) or another broker answers on that port.
     */
    private boolean tryStartNats() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(natsBinary(), "-a", "127.0.0.1", "-p", Integer.toString(natsPort),
                "-n", natsName);
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("nats.log").toFile()));
        Process p = pb.start();
        String[] info = new String[1];
        waitUntil(() -> !p.isAlive() || (info[0] = natsInfo(natsPort)) != null, "nats-server listening on " + natsPort);
        if (p.isAlive() && info[0].contains("\"server_name\":\"" + natsName + "\"")) {
            nats = p;
            return true;
        }
        p.destroy();
        p.waitFor(10, TimeUnit.SECONDS);
        return false;
    }

    /** The INFO line a broker on {@code port} greets with, or {@code null} while nothing answers there. */
    private static String natsInfo(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(2_000);
            String line = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            return line != null && line.startsWith("INFO ") ? line : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Stops NATS (SIGTERM to its PID) and waits for it to exit. */
    void stopNats() throws InterruptedException {
        nats.destroy();
        if (!nats.waitFor(10, TimeUnit.SECONDS)) {
            nats.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Starts (or restarts) one node and waits for the port it prints. */
    void launch(Node n) throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(javaBin, "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Xshare:auto", "-cp", System.getProperty("java.class.path"), "io.marginstream.gateway.GatewayMain",
                "--config", n.config.toString());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        n.process = p;
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Pattern pattern = n.role.equals("shard") ? SHARD_PORT : GATEWAY_PORT;
        Path log = dir.resolve(n.role + "-" + n.index + ".log");
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    Files.writeString(log, line + "\n", StandardCharsets.UTF_8,
                            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                    Matcher m = pattern.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (IOException e) {
                port.completeExceptionally(e);
            }
            port.completeExceptionally(new IOException(n.role + " " + n.index + " exited before it listened; see "
                    + log));
        }, n.role + "-" + n.index + "-out");
        reader.setDaemon(true);
        reader.start();
        n.port = port.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** {@code kill -9} of one node; waits until it is gone. */
    void kill9(Node n) throws InterruptedException {
        n.process.destroyForcibly();
        n.process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Sends {@code signal} ({@code STOP}, {@code CONT}) to one node by its PID. */
    void signal(Node n, String signal) throws Exception {
        Process k = new ProcessBuilder("kill", "-" + signal, Long.toString(n.pid())).start();
        if (!k.waitFor(10, TimeUnit.SECONDS) || k.exitValue() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + n.pid() + " failed");
        }
    }

    /** The node's {@code /healthz} body, or {@code null} while it does not answer. */
    String health(Node n) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + n.port
                    + "/healthz")).timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
            return r.body();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    void awaitStatus(Node n, String status) throws InterruptedException {
        waitUntil(() -> {
            String h = health(n);
            return h != null && h.contains("\"status\":\"" + status + "\"");
        }, n.role + " " + n.index + " /healthz status " + status);
    }

    static void waitUntil(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    /** Removes a test directory and everything in it. */
    static void deleteTree(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Stops every node (SIGTERM, then SIGKILL after 15 s) and NATS, each by its PID. */
    @Override
    public void close() throws InterruptedException {
        List<Process> all = new ArrayList<>();
        for (Node g : gatewayNodes) {
            if (g.process != null) {
                all.add(g.process);
            }
        }
        for (Node s : shardNodes) {
            if (s.process != null) {
                all.add(s.process);
            }
        }
        for (Process p : all) {
            p.destroy();
        }
        for (Process p : all) {
            if (!p.waitFor(15, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (nats != null) {
            stopNats();
        }
    }
}
