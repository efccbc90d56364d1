package io.marginstream.client;

import io.marginstream.gateway.GatewayServer;
import io.marginstream.protocol.auth.Ed25519;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The CLI's output for people, against a fresh demo gateway with the feed off (so every number is the config's),
 * compared with golden files; times are masked, since they are the wall clock's.
 */
class CliGoldenTest {
    @TempDir
    Path dataDir;

    private record Run(int code, String out, String err) {
    }

    private static Run cli(GatewayServer server, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] full = new String[args.length + 2];
        System.arraycopy(args, 0, full, 0, args.length);
        full[args.length] = "--url";
        full[args.length + 1] = TestGateways.url(server);
        int code = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("MARGINSTREAM_API_KEY",
                TestGateways.API_KEY, "MARGINSTREAM_SECRET", TestGateways.SECRET)).run(full);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String masked(String s) {
        return s.replaceAll("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ", "YYYY-MM-DD hh:mm:ssZ")
                .replaceAll("\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z", "hh:mm:ss.sssZ");
    }

    private static void golden(GatewayServer server, String name, String... args) throws Exception {
        Run r = cli(server, args);
        assertEquals(Cli.OK, r.code(), r.err());
        Golden.assertMatches(name, masked(r.out()));
    }

    private GatewayServer start() {
        return TestGateways.start(TestGateways.demo(dataDir, Ed25519.publicKeyBase64(Ed25519.generate().getPublic()),
                false));
    }

    @Test
    void demoAccount_commandsPrintTables() throws Exception {
        try (GatewayServer server = start()) {
            golden(server, "status", "status");
            golden(server, "balance", "balance");
            golden(server, "balance-asset", "balance", "--asset", "btc");
            golden(server, "positions", "positions");
            golden(server, "transfer", "transfer", "--asset", "USDT", "--amount", "100", "--from", "SPOT", "--to",
                    "cross_margin", "--client-tran-id", "golden-1");
            golden(server, "transfer-replayed", "transfer", "--asset", "USDT", "--amount", "100", "--from", "SPOT",
                    "--to", "CROSS_MARGIN", "--client-tran-id", "golden-1");
            golden(server, "collect", "collect");
            golden(server, "order", "order", "--symbol", "BTCUSDT", "--side", "buy", "--quantity", "0.01");
            golden(server, "order-limit", "order", "--symbol", "BTCUSDT", "--side", "buy", "--type", "limit",
                    "--quantity", "0.01", "--price", "50000", "--tif", "gtc", "--client-order-id", "golden-limit");
            golden(server, "order-stop", "order", "--symbol", "ETHUSDT", "--side", "sell", "--type", "stop_market",
                    "--stop-price", "2500", "--quantity", "0.5");
            golden(server, "orders", "orders");
            golden(server, "cancel", "cancel", "--symbol", "BTCUSDT", "--client-order-id", "golden-limit");
            golden(server, "orders-all", "orders", "--all", "--symbol", "BTCUSDT");
            golden(server, "cancel-all", "cancel", "--symbol", "ETHUSDT", "--all");
            golden(server, "risk", "risk");
            golden(server, "risk-update", "risk", "update", "--multiplier", "1.2", "--alert-thresholds", "1.2,1.1");
            Run raw = cli(server, "status", "--raw");
            assertTrue(raw.out().matches("(?s).*updateTime\\s+\\d{13}\\n.*"), raw.out());
        }
    }

    @Test
    void watch_namesTheWalletAndCauseOfEachBalanceChange() throws Exception {
        try (GatewayServer server = start()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Thread watch = new Thread(() -> new Cli(new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                    Map.of("MARGINSTREAM_API_KEY", TestGateways.API_KEY, "MARGINSTREAM_SECRET", TestGateways.SECRET))
                    .run(new String[] {"watch", "--url", TestGateways.url(server)}), "msc-watch-test");
            watch.start();
            try {
                await(out, s -> s.startsWith("time "), "the watch header");
                assertEquals(Cli.OK, cli(server, "transfer", "--asset", "USDT", "--amount", "25", "--from", "SPOT",
                        "--to", "CROSS_MARGIN").code());
                assertEquals(Cli.OK, cli(server, "collect").code());
                java.util.List<String> lines = java.util.List.of(
                        "BALANCE   SPOT         USDT  -25.00000000  transfer 1 SPOT -> CROSS_MARGIN  U ",
                        "BALANCE   CROSS_MARGIN USDT  +25.00000000  transfer 1 SPOT -> CROSS_MARGIN  U ",
                        "BALANCE   UM           USDT  -5000.00000000  transfer 2 UM -> CROSS_MARGIN  U ",
                        "BALANCE   CROSS_MARGIN USDT  +5000.00000000  transfer 2 UM -> CROSS_MARGIN  U ",
                        "BALANCE   CM           BTC   -0.50000000  transfer 2 CM -> CROSS_MARGIN  U ");
                // lines are printed in pieces: wait for all of them, whole
                await(out, s -> lines.stream().allMatch(l -> s.matches("(?s).*" + java.util.regex.Pattern.quote(l)
                        + "\\d+\n.*")), "the transfer's and the collection's balance lines");
            } finally {
                watch.interrupt();
                watch.join(TimeUnit.SECONDS.toMillis(15));
            }
            assertTrue(!watch.isAlive(), "watch did not stop");
        }
    }

    private static String await(ByteArrayOutputStream out, Predicate<String> p, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            String s = out.toString(StandardCharsets.UTF_8);
            if (p.test(s)) {
                return s;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // poll interval, bounded by the deadline
        }
        return fail("no " + what + " in:\n" + out.toString(StandardCharsets.UTF_8));
    }
}
