package io.marginstream.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marginstream.gateway.cluster.ShardNode;
import io.marginstream.gateway.config.ConfigLoader;
import io.marginstream.gateway.config.GatewayConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Command-line entry point (PROTOCOL.md §10): {@code java -jar gateway.jar [--config FILE] [--port N]
 * [--data-dir DIR]}. Bad arguments or a bad config print a message naming the fault and exit with status 2. Without
 * {@code --config} the gateway runs on the embedded demo defaults, whose API key and secret are generated once,
 * kept in {@code <dataDir>/demo-credentials.json} and printed once the gateway holds its data directory's lock (a
 * second gateway on a directory in use fails before it prints anything). SIGTERM stops it gracefully. A config
 * whose {@code cluster.role} is {@code "shard"} or {@code "gateway"} runs that part of a cluster instead
 * (docs/CLUSTER.md). Started with neither a collector nor a heap size on the command line, it runs itself (gateway
 * or shard) in a child JVM with the measured fast flags ({@link JvmRelaunch}); bad arguments are still reported by
 * this process, before any child starts.
 */
public final class GatewayMain {
    static final String USAGE = "usage: java -jar gateway.jar [--config FILE] [--port N] [--data-dir DIR]";
    static final String DEMO_CREDENTIALS = "demo-credentials.json";
    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private GatewayMain() {}

    /** Parsed command-line options; {@code null} = not given. */
    record Options(Path config, Integer port, String dataDir) {}

    /** A fault in the arguments or config: print the message and exit 2. */
    static final class StartupException extends RuntimeException {
        StartupException(String message) {
            super(message);
        }
    }

    /** One line for a start-up failure: the message, or the type where there is none, and each further cause. */
    static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(e.getMessage() == null ? e.getClass().getName() : e.getMessage());
        for (Throwable c = e.getCause(); c != null; c = c.getCause() == c ? null : c.getCause()) {
            String m = c.getMessage() == null ? c.getClass().getName() : c.getMessage();
            if (text.indexOf(m) < 0) {
                text.append(" (caused by ").append(c.getClass().getSimpleName()).append(": ").append(m).append(')');
            }
        }
        return text.toString();
    }

    public static void main(String[] args) {
        GatewayServer server;
        try {
            Options options = parse(args);
            if (options == null) {
                System.out.println(USAGE);
                return;
            }
            if (JvmRelaunch.wanted(ManagementFactory.getRuntimeMXBean().getInputArguments(),
                    System.getProperty(JvmRelaunch.PROPERTY), System.getenv(JvmRelaunch.ENV))) {
                System.exit(JvmRelaunch.run(args));
                return;
            }
            JvmRelaunch.exitWithLauncher();
            GatewayConfig config = configure(options);
            if (config.cluster().isShard()) {
                runShard(config);
                return;
            }
            server = start(options, config, System.out);
        } catch (StartupException | ConfigLoader.ConfigException e) {
            System.err.println("marginstream: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        } catch (RuntimeException | java.io.IOException e) {
            System.err.println("marginstream: " + describe(e));
            if (e instanceof RuntimeException && !(e instanceof java.io.UncheckedIOException)) {
                e.printStackTrace();
            }
            System.exit(1);
            return;
        }
        GatewayServer running = server;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                running.close();
            } finally {
                stopped.countDown();
            }
        }, "marginstream-shutdown"));
        System.out.println("MarginStream gateway listening on ws://" + running.config().server().host() + ":"
                + running.port() + "/ws (dashboard http://" + running.config().server().host() + ":"
                + running.port() + "/)");
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Parses the arguments; {@code null} means {@code --help} was asked for. */
    static Options parse(String[] args) {
        Path config = null;
        Integer port = null;
        String dataDir = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                return null;
            }
            String value;
            String name;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            } else {
                name = a;
                if (i + 1 >= args.length) {
                    throw new StartupException(known(name) ? name + " needs a value" : "unknown argument '" + a + "'");
                }
                value = args[++i];
            }
            switch (name) {
                case "--config" -> {
                    if (config != null) {
                        throw new StartupException("--config given twice");
                    }
                    config = Path.of(value);
                }
                case "--port" -> {
                    if (port != null) {
                        throw new StartupException("--port given twice");
                    }
                    try {
                        port = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        throw new StartupException("--port must be a number, not '" + value + "'");
                    }
                    if (port < 0 || port > 65535) {
                        throw new StartupException("--port must be between 0 and 65535, not " + port);
                    }
                }
                case "--data-dir" -> {
                    if (dataDir != null) {
                        throw new StartupException("--data-dir given twice");
                    }
                    if (value.isBlank()) {
                        throw new StartupException("--data-dir must not be empty");
                    }
                    dataDir = value;
                }
                default -> throw new StartupException("unknown argument '" + a + "'");
            }
        }
        return new Options(config, port, dataDir);
    }

    private static boolean known(String name) {
        return name.equals("--config") || name.equals("--port") || name.equals("--data-dir");
    }

    /**
     * Runs one engine shard of a cluster ({@code cluster.role = "shard"}, docs/CLUSTER.md) until SIGTERM.
     *
     * @throws IOException when its data directory cannot be locked, read or recovered
     */
    private static void runShard(GatewayConfig config) throws IOException {
        ShardNode shard = ShardNode.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                shard.close();
            } finally {
                stopped.countDown();
            }
        }, "marginstream-shutdown"));
        System.out.println("MarginStream shard " + config.cluster().shard() + " of " + config.cluster().shards()
                + " on " + config.cluster().natsUrl() + " (healthz http://" + config.server().host() + ":"
                + shard.port() + "/healthz)");
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Starts a durable gateway (or, with {@code cluster.role = "gateway"}, a cluster's gateway node), then, in demo
     * mode, prints the demo banner to {@code out}: only once the data directory's lock is held and the server
     * listens, so a refused start prints no credentials.
     */
    static GatewayServer start(Options o, PrintStream out) throws IOException {
        return start(o, configure(o), out);
    }

    private static GatewayServer start(Options o, GatewayConfig config, PrintStream out) throws IOException {
        GatewayServer server = (config.cluster().isGateway() ? GatewayServer.clusterNode(config)
                : GatewayServer.durable(config)).start();
        if (o.config() == null) {
            GatewayConfig.KeyConfig key = config.accounts().get(0).keys().get(0);
            out.println("==============================================================================");
            out.println(" MarginStream demo mode: account 'demo', permissions READ TRANSFER TRADE ADMIN");
            out.println("   apiKey: " + key.apiKey());
            out.println("   secret: " + key.secret());
            out.println(" (kept in " + Path.of(config.dataDir()).resolve(DEMO_CREDENTIALS) + ")");
            out.println("==============================================================================");
        }
        return server;
    }

    /** The effective config: the file (or the demo defaults) with the command-line overrides applied. */
    static GatewayConfig configure(Options o) {
        GatewayConfig config;
        if (o.config() != null) {
            if (!Files.isRegularFile(o.config())) {
                throw new StartupException("config file " + o.config() + " does not exist");
            }
            config = ConfigLoader.load(o.config());
        } else {
            String dataDir = o.dataDir() != null ? o.dataDir() : GatewayConfig.empty().dataDir();
            Map<String, String> creds = demoCredentials(Path.of(dataDir));
            config = GatewayConfig.demo(creds.get("apiKey"), creds.get("secret"));
        }
        if (o.port() != null) {
            config = config.withServer(config.server().withPort(o.port()));
        }
        if (o.dataDir() != null) {
            config = config.withDataDir(o.dataDir());
        }
        ConfigLoader.validate(config);
        return config;
    }

    /**
     * Reads the demo key and secret from the data dir, creating them on first start; the file is kept
     * {@code rw-------}.
     */
    static Map<String, String> demoCredentials(Path dataDir) {
        Path file = dataDir.resolve(DEMO_CREDENTIALS);
        ObjectMapper mapper = new ObjectMapper();
        try {
            if (Files.exists(file)) {
                if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                }
                JsonNode n = mapper.readTree(file.toFile());
                JsonNode key = n.get("apiKey");
                JsonNode secret = n.get("secret");
                if (key == null || !key.isTextual() || secret == null || !secret.isTextual()
                        || key.textValue().isEmpty() || secret.textValue().isEmpty()) {
                    throw new StartupException(file + " must hold {\"apiKey\": \"...\", \"secret\": \"...\"}");
                }
                return Map.of("apiKey", key.textValue(), "secret", secret.textValue());
            }
            Files.createDirectories(dataDir);
            Map<String, String> creds = new LinkedHashMap<>();
            creds.put("apiKey", random(64));
            creds.put("secret", random(64));
            Path tmp = dataDir.resolve(DEMO_CREDENTIALS + ".tmp");
            Files.deleteIfExists(tmp);
            ownerOnly(tmp);
            Files.writeString(tmp, mapper.writerWithDefaultPrettyPrinter().writeValueAsString(creds) + "\n",
                    StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return creds;
        } catch (IOException e) {
            throw new StartupException("cannot read or create " + file + ": " + e.getMessage());
        }
    }

    /** Creates {@code file} empty and readable by its owner only ({@code rw-------}) on a POSIX file system. */
    private static void ownerOnly(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
    }

    private static String random(int n) {
        SecureRandom r = new SecureRandom();
        char[] out = new char[n];
        for (int i = 0; i < n; i++) {
            out[i] = ALPHABET[r.nextInt(ALPHABET.length)];
        }
        return new String(out);
    }
}
