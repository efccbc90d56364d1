package io.marginstream.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginstream.client.Args.UsageException;
import io.marginstream.client.load.LoadReport;
import io.marginstream.client.load.LoadTestOptions;
import io.marginstream.client.load.LoadTester;
import io.marginstream.client.load.rest.RestLoadOptions;
import io.marginstream.client.load.rest.RestLoadTester;
import io.marginstream.protocol.ApiException;
import io.marginstream.protocol.ErrorCode;
import io.marginstream.protocol.ProtocolJson;
import io.marginstream.protocol.auth.Ed25519;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@code marginstream-client} command line: one subcommand per common task, against a gateway's WebSocket API.
 * Run without arguments for the usage. Exit codes: {@value #OK} ok, {@value #REJECTED} the server rejected the
 * request, {@value #USAGE} usage error, {@value #CONNECTION} connection failed or lost, {@value #AUTH}
 * authentication failed.
 */
public final class Cli {
    public static final int OK = 0;
    public static final int REJECTED = 1;
    public static final int USAGE = 2;
    public static final int CONNECTION = 3;
    public static final int AUTH = 4;

    static final String DEFAULT_URL = "ws://127.0.0.1:8090/ws";
    private static final Set<String> FLAGS = Set.of("json", "reduce-only", "quiet", "help");
    private static final Set<Integer> AUTH_CODES = Set.of(ErrorCode.UNAUTHORIZED.code(),
            ErrorCode.BAD_API_KEY_FORMAT.code(), ErrorCode.REJECTED_API_KEY.code(), ErrorCode.INVALID_SIGNATURE.code(),
            ErrorCode.INVALID_TIMESTAMP.code());
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    static final String USAGE_TEXT = """
            usage: java -jar marginstream-client.jar [options] <command> [command options]

            commands:
              status                                  account status: uniMMR, equity, margins, accountStatus
              balance [--asset A]                     balances per asset and wallet
              positions [--symbol S]                  open positions
              watch [--seconds N] [--interval-ms MS]  live uniMMR, equity, status and alerts, one line per update
              transfer --asset A --amount X --from W --to W [--client-tran-id ID]
                                                      move funds (W: SPOT, CROSS_MARGIN, UM, CM)
              collect                                 auto-collection: UM and CM balances into CROSS_MARGIN
              order --symbol S --side BUY|SELL --quantity Q [--reduce-only]
                                                      a MARKET order
              risk [show]                             the account's risk settings
              risk update [--multiplier X] [--alert-thresholds A,B,C] [--excluded-symbols S,T]
                                                      change risk settings
              keygen --out FILE                       make an Ed25519 key pair; prints the public key for the config
              loadtest [load options]                 run a load test (see docs/LOADTEST.md)
              loadtest-rest [--url http://H:P] [--rate N] [--duration-seconds N] [--accounts N] ...
                                                      REST load on the Binance-compatible surface (docs/BINANCE.md)

            options:
              --url URL              gateway WebSocket URL (default ws://127.0.0.1:8090/ws, env MARGINSTREAM_URL)
              --api-key KEY          API key (env MARGINSTREAM_API_KEY)
              --secret SECRET        HMAC secret (env MARGINSTREAM_SECRET; prefer the variable: arguments are visible
                                     to other users in the process list)
              --ed25519-key-file F   Ed25519 private key, base64 PKCS#8 (env MARGINSTREAM_ED25519_KEY_FILE)
              --timeout-seconds N    how long to wait for each answer (default 10)
              --json                 print results as JSON

            exit codes: 0 ok, 1 rejected by the server, 2 usage error, 3 connection failed, 4 authentication failed
            """;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private Duration timeout = Duration.ofSeconds(10);
    private boolean json;
    /** The logged-on client the prepared command runs against. */
    private GatewayClient current;
    private int watchSeconds;
    private Integer watchInterval;

    Cli(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    public static void main(String[] argv) {
        int code = new Cli(System.out, System.err, System.getenv()).run(argv);
        System.out.flush();
        System.exit(code);
    }

    /** Runs one command line and returns the exit code. */
    public int run(String[] argv) {
        try {
            Args a = Args.parse(argv, FLAGS);
            if (a.positionals().isEmpty() || a.flag("help")) {
                out.print(USAGE_TEXT);
                return a.flag("help") ? OK : USAGE;
            }
            String command = a.positionals().get(0);
            timeout = Duration.ofSeconds(a.getInt("timeout-seconds", 10));
            json = a.flag("json");
            return switch (command) {
                case "keygen" -> keygen(a);
                case "loadtest" -> loadtest(a);
                case "loadtest-rest" -> loadtestRest(a);
                case "status", "balance", "positions", "watch", "transfer", "collect", "order", "risk" ->
                        withClient(a, command);
                default -> throw new UsageException("unknown command '" + command + "'");
            };
        } catch (UsageException e) {
            err.println("usage error: " + e.getMessage());
            err.println("run with --help for the usage");
            return USAGE;
        }
    }

    private int withClient(Args a, String command) {
        String url = a.get("url", env.getOrDefault("MARGINSTREAM_URL", DEFAULT_URL));
        Credentials credentials = credentials(a);
        Runnable action = prepare(a, command);
        a.rejectUnused();
        boolean watch = command.equals("watch");
        WatchPrinter printer = new WatchPrinter();
        GatewayClient client;
        try {
            GatewayClient.Builder b = GatewayClient.builder(url).credentials(credentials).requestTimeout(timeout)
                    .reconnect(watch);
            client = (watch ? b.listener(printer) : b).build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        try (client) {
            try {
                await(client.connect());
            } catch (Failure f) {
                err.println("cannot connect to " + url + ": " + f.getCause().getMessage());
                return CONNECTION;
            }
            try {
                await(client.logon());
            } catch (Failure f) {
                if (f.getCause() instanceof ApiException e) {
                    err.println("logon failed: " + ErrorHints.explain(e));
                    return AUTH;
                }
                return fail(f);
            }
            current = client;
            if (watch) {
                return watch(client, printer);
            }
            action.run();
            return OK;
        } catch (Failure f) {
            return fail(f);
        }
    }

    /** Checks the command's options before connecting and returns what to do once logged on. */
    private Runnable prepare(Args a, String command) {
        switch (command) {
            case "status":
                return () -> printObject(await(current.status()));
            case "balance": {
                String asset = upper(a.get("asset"));
                return () -> {
                    JsonNode r = await(current.balance(asset));
                    if (r.isArray()) {
                        printTable(r, List.of("asset", "totalWalletBalance", "crossMarginFree", "crossMarginLocked",
                                "umWalletBalance", "cmWalletBalance", "spotBalance", "negativeBalance"));
                    } else {
                        printObject(r);
                    }
                };
            }
            case "positions": {
                String symbol = upper(a.get("symbol"));
                return () -> printTable(await(current.positions(symbol)), List.of("symbol", "fs", "positionAmt",
                        "entryPrice", "markPrice", "unRealizedProfit", "notional", "maintMargin", "initialMargin"));
            }
            case "watch":
                watchSeconds = a.getInt("seconds", 0);
                watchInterval = a.getInt("interval-ms", 1000);
                return () -> { };
            case "transfer": {
                String asset = upper(a.require("asset"));
                BigDecimal amount = decimal(a, "amount");
                String from = upper(a.require("from"));
                String to = upper(a.require("to"));
                String id = a.get("client-tran-id");
                return () -> printObject(await(current.transfer(asset, amount, from, to, id)));
            }
            case "collect":
                return () -> printObject(await(current.autoCollection()));
            case "order": {
                String symbol = upper(a.require("symbol"));
                String side = upper(a.require("side"));
                if (!side.equals("BUY") && !side.equals("SELL")) {
                    throw new UsageException("--side must be BUY or SELL");
                }
                BigDecimal qty = decimal(a, "quantity");
                boolean reduceOnly = a.flag("reduce-only");
                return () -> printObject(await(current.placeOrder(symbol, side, qty, reduceOnly)));
            }
            case "risk": {
                String sub = a.positionals().size() > 1 ? a.positionals().get(1) : "show";
                if (sub.equals("show")) {
                    return () -> printObject(await(current.riskSettings()));
                }
                if (!sub.equals("update")) {
                    throw new UsageException("risk takes 'show' or 'update', got '" + sub + "'");
                }
                ObjectNode settings = ProtocolJson.mapper().createObjectNode();
                if (a.get("multiplier") != null) {
                    settings.put("riskMultiplier", decimal(a, "multiplier").toPlainString());
                }
                String alerts = a.get("alert-thresholds");
                if (alerts != null) {
                    ArrayNode arr = settings.putArray("alertThresholds");
                    for (String t : alerts.split(",")) {
                        arr.add(parseDecimal("alert-thresholds", t.trim()).toPlainString());
                    }
                }
                String excluded = a.get("excluded-symbols");
                if (excluded != null) {
                    ArrayNode arr = settings.putArray("excludedSymbols");
                    for (String s : excluded.split(",")) {
                        if (!s.isBlank()) {
                            arr.add(s.trim().toUpperCase(Locale.ROOT));
                        }
                    }
                }
                if (settings.isEmpty()) {
                    throw new UsageException("risk update needs --multiplier, --alert-thresholds or "
                            + "--excluded-symbols");
                }
                return () -> printObject(await(current.updateRiskSettings(settings)));
            }
            default:
                throw new UsageException("unknown command '" + command + "'");
        }
    }

    private int watch(GatewayClient client, WatchPrinter printer) {
        await(client.subscribe(List.of("marginRatio", "userData"), watchInterval));
        printer.header();
        CountDownLatch forever = printer.done;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            client.close();
            forever.countDown();
        }));
        try {
            if (watchSeconds > 0) {
                forever.await(watchSeconds, TimeUnit.SECONDS);
            } else {
                forever.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return printer.fatal ? CONNECTION : OK;
    }

    private Credentials credentials(Args a) {
        String apiKey = a.get("api-key", env.get("MARGINSTREAM_API_KEY"));
        String secret = a.get("secret", env.get("MARGINSTREAM_SECRET"));
        String keyFile = a.get("ed25519-key-file", env.get("MARGINSTREAM_ED25519_KEY_FILE"));
        if (apiKey == null || apiKey.isEmpty()) {
            throw new UsageException("no API key: give --api-key or set MARGINSTREAM_API_KEY");
        }
        boolean hasSecret = secret != null && !secret.isEmpty();
        boolean hasKeyFile = keyFile != null && !keyFile.isEmpty();
        if (hasSecret == hasKeyFile) {
            throw new UsageException(hasSecret ? "give either a secret or an Ed25519 key file, not both"
                    : "no secret: give --secret / MARGINSTREAM_SECRET or --ed25519-key-file / "
                    + "MARGINSTREAM_ED25519_KEY_FILE");
        }
        if (hasSecret) {
            return Credentials.hmac(apiKey, secret);
        }
        try {
            return Credentials.ed25519(apiKey, Path.of(keyFile));
        } catch (IOException e) {
            throw new UsageException("cannot read the Ed25519 key file " + keyFile + ": " + e.getMessage());
        }
    }

    private int keygen(Args a) {
        Path outFile = Path.of(a.require("out"));
        a.rejectUnused();
        if (Files.exists(outFile)) {
            throw new UsageException(outFile + " exists; not overwriting a key");
        }
        KeyPair kp = Ed25519.generate();
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Ed25519.privateKeyBase64(kp.getPrivate())
                + "\n-----END PRIVATE KEY-----\n";
        try {
            Files.createFile(outFile);
            try {
                Files.setPosixFilePermissions(outFile, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                err.println("note: cannot restrict the permissions of " + outFile + " on this file system");
            }
            Files.writeString(outFile, pem);
        } catch (IOException e) {
            throw new UsageException("cannot write " + outFile + ": " + e.getMessage());
        }
        out.println("private key written to " + outFile);
        out.println("public key (ed25519PublicKey for the gateway config):");
        out.println(Ed25519.publicKeyBase64(kp.getPublic()));
        return OK;
    }

    private int loadtestRest(Args a) {
        RestLoadOptions o = RestLoadOptions.fromArgs(a);
        a.rejectUnused();
        try {
            return new RestLoadTester(o, out).run().allOk() ? OK : REJECTED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CONNECTION;
        } catch (IllegalStateException e) {
            err.println("REST load test failed: " + e.getMessage());
            return CONNECTION;
        }
    }

    private int loadtest(Args a) {
        LoadTestOptions o = LoadTestOptions.fromArgs(a);
        a.rejectUnused();
        try {
            LoadReport r = new LoadTester(o, out).run();
            if (r.sessions().connectedPeak() == 0) {
                err.println("no session could connect to " + o.url());
                return CONNECTION;
            }
            return r.countsAddUp() ? OK : REJECTED;
        } catch (IOException e) {
            err.println("load test failed: " + e.getMessage());
            return CONNECTION;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CONNECTION;
        }
    }

    private int fail(Failure f) {
        Throwable c = f.getCause();
        if (c instanceof ApiException e) {
            err.println("error: " + ErrorHints.explain(e));
            return AUTH_CODES.contains(e.code().code()) ? AUTH : REJECTED;
        }
        if (c instanceof TimeoutException) {
            err.println("error: no answer within " + timeout.toSeconds() + " s");
            return CONNECTION;
        }
        if (c instanceof BackpressureException b) {
            err.println("error: not sent: " + b.getMessage());
            return CONNECTION;
        }
        err.println("error: connection lost: " + c.getMessage());
        return CONNECTION;
    }

    private <T> T await(CompletableFuture<T> f) {
        try {
            return f.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new Failure(GatewayClient.unwrap(e));
        } catch (TimeoutException e) {
            throw new Failure(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(e);
        }
    }

    // ---------------------------------------------------------------- output

    private void printObject(JsonNode node) {
        if (json || node == null || !node.isObject()) {
            out.println(node == null ? "null" : node.toPrettyString());
            return;
        }
        int width = 0;
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            width = Math.max(width, it.next().length());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.printf(Locale.ROOT, "%-" + width + "s  %s%n", e.getKey(), text(e.getValue()));
        }
    }

    private void printTable(JsonNode rows, List<String> columns) {
        if (json || !rows.isArray()) {
            out.println(rows.toPrettyString());
            return;
        }
        if (rows.isEmpty()) {
            out.println("(none)");
            return;
        }
        List<String> cols = new ArrayList<>();
        for (String c : columns) {
            for (JsonNode r : rows) {
                if (r.has(c)) {
                    cols.add(c);
                    break;
                }
            }
        }
        int[] w = new int[cols.size()];
        for (int i = 0; i < cols.size(); i++) {
            w[i] = cols.get(i).length();
            for (JsonNode r : rows) {
                w[i] = Math.max(w[i], text(r.get(cols.get(i))).length());
            }
        }
        StringBuilder head = new StringBuilder();
        for (int i = 0; i < cols.size(); i++) {
            head.append(String.format(Locale.ROOT, "%-" + w[i] + "s  ", cols.get(i)));
        }
        out.println(head.toString().stripTrailing());
        for (JsonNode r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < cols.size(); i++) {
                String v = text(r.get(cols.get(i)));
                line.append(i == 0 ? String.format(Locale.ROOT, "%-" + w[i] + "s  ", v)
                        : String.format(Locale.ROOT, "%" + w[i] + "s  ", v));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static String text(JsonNode v) {
        if (v == null || v.isNull()) {
            return "-";
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }

    private static String upper(String s) {
        return s == null ? null : s.toUpperCase(Locale.ROOT);
    }

    private static BigDecimal decimal(Args a, String name) {
        return parseDecimal(name, a.require(name));
    }

    private static BigDecimal parseDecimal(String name, String v) {
        try {
            return new BigDecimal(v);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a decimal number, got '" + v + "'");
        }
    }

    /** A request that failed; the cause is unwrapped. */
    private static final class Failure extends RuntimeException {
        Failure(Throwable cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    /** Prints the {@code watch} lines. */
    private final class WatchPrinter implements GatewayListener {
        final CountDownLatch done = new CountDownLatch(1);
        volatile boolean fatal;

        void header() {
            out.println("time          uniMMR        accountEquity       actualEquity        maintMargin         "
                    + "status             U");
        }

        @Override
        public void onEvent(String stream, JsonNode d) {
            String t = LocalTime.now().format(CLOCK);
            String e = d.path("e").asText();
            switch (e) {
                case "marginRatio" -> out.printf(Locale.ROOT, "%s  %-12s  %-18s  %-18s  %-18s  %-17s  %s%n", t,
                        text(d.get("u")), text(d.get("eq")), text(d.get("ae")), text(d.get("mm")), text(d.get("s")),
                        text(d.get("U")));
                case "riskLevelChange" -> out.printf(Locale.ROOT, "%s  STATUS -> %s  uniMMR %s  equity %s%n", t,
                        text(d.get("s")), text(d.get("u")), text(d.get("eq")));
                case "marginAlert" -> out.printf(Locale.ROOT, "%s  ALERT uniMMR %s fell below %s  (status %s)%n", t,
                        text(d.get("u")), text(d.get("threshold")), text(d.get("s")));
                default -> out.printf(Locale.ROOT, "%s  %s %s%n", t, e, compact(d));
            }
        }

        private String compact(JsonNode d) {
            ObjectNode c = d.deepCopy();
            c.remove("e");
            c.remove("E");
            return c.toString();
        }

        @Override
        public void onStateChange(GatewayClient.State from, GatewayClient.State to) {
            String now = LocalTime.now().format(CLOCK);
            if (to == GatewayClient.State.RECONNECTING) {
                err.println(now + "  connection lost; reconnecting");
            } else if (from == GatewayClient.State.RECONNECTING && to == GatewayClient.State.OPEN) {
                err.println(now + "  reconnected");
            } else if (to == GatewayClient.State.LOGGED_ON && current != null && current.reconnects() > 0) {
                err.println(now + "  logged on again; re-subscribing and re-reading the account");
            }
        }

        @Override
        public void onGap(long expectedU, long gotU) {
            err.println(LocalTime.now().format(CLOCK) + "  missed updates " + expectedU + ".." + (gotU - 1)
                    + "; re-reading the account");
        }

        @Override
        public void onAccount(AccountSnapshot s) {
            out.printf(Locale.ROOT, "%s  account re-read (%s): uniMMR %s equity %s status %s%n",
                    LocalTime.now().format(CLOCK), s.reason(), text(s.status().get("uniMMR")),
                    text(s.status().get("accountEquity")), text(s.status().get("accountStatus")));
        }

        @Override
        public void onClosed(int code, String reason) {
            if (reason != null && reason.startsWith("logon rejected")) {
                fatal = true;
                err.println("stopped: " + reason);
                done.countDown();
            }
        }
    }
}
