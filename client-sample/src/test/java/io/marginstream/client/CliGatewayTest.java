package io.marginstream.client;

import io.marginstream.gateway.GatewayServer;
import io.marginstream.protocol.auth.Ed25519;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CLI's commands, output and exit codes against a real gateway (feed off: the numbers stay put). */
class CliGatewayTest {
    @TempDir
    static Path dataDir;
    @TempDir
    static Path keyDir;
    static GatewayServer server;
    static Path edKeyFile;

    @BeforeAll
    static void start() throws Exception {
        edKeyFile = keyDir.resolve("ed.key");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), System.err, Map.of())
                .run(new String[] {"keygen", "--out", edKeyFile.toString()});
        assertEquals(Cli.OK, code);
        String[] lines = out.toString(StandardCharsets.UTF_8).trim().split("\\R");
        String publicKey = lines[lines.length - 1];
        int keyBytes = java.util.Base64.getDecoder().decode(publicKey).length;
        assertTrue(keyBytes == 32 || keyBytes == 44, "raw or X.509 DER Ed25519 public key: " + keyBytes + " bytes");
        server = TestGateways.start(TestGateways.demo(dataDir, publicKey, false));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private record Run(int code, String out, String err) {
    }

    private static Run cli(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] full = new String[args.length + 2];
        full[0] = "--url";
        full[1] = TestGateways.url(server);
        System.arraycopy(args, 0, full, 2, args.length);
        int code = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env).run(full);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Map<String, String> demoEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("MARGINSTREAM_API_KEY", TestGateways.API_KEY);
        env.put("MARGINSTREAM_SECRET", TestGateways.SECRET);
        return env;
    }

    @Test
    void status_printsTheAccount() {
        Run r = cli(demoEnv(), "status");
        assertEquals(Cli.OK, r.code(), r.err());
        assertTrue(r.out().contains("uniMMR") && r.out().contains("accountStatus"), r.out());
        assertFalse(r.out().contains(TestGateways.SECRET) || r.err().contains(TestGateways.SECRET));
    }

    @Test
    void balanceAndPositions_printTables() {
        Run b = cli(demoEnv(), "balance");
        assertEquals(Cli.OK, b.code(), b.err());
        assertTrue(b.out().startsWith("asset") && b.out().contains("USDT"), b.out());
        Run one = cli(demoEnv(), "balance", "--asset", "btc");
        assertEquals(Cli.OK, one.code(), one.err());
        assertTrue(one.out().contains("BTC"), one.out());
        Run p = cli(demoEnv(), "positions", "--json");
        assertEquals(Cli.OK, p.code(), p.err());
        assertTrue(p.out().trim().startsWith("[") && p.out().contains("BTCUSDT"), p.out());
    }

    @Test
    void transferCollectOrderRisk_succeed() {
        Run t = cli(demoEnv(), "transfer", "--asset", "USDT", "--amount", "10", "--from", "SPOT", "--to",
                "CROSS_MARGIN", "--client-tran-id", "cli-test-1");
        assertEquals(Cli.OK, t.code(), t.err());
        assertTrue(t.out().contains("CONFIRMED"), t.out());
        Run c = cli(demoEnv(), "collect");
        assertEquals(Cli.OK, c.code(), c.err());
        assertTrue(c.out().contains("success"), c.out());
        Run o = cli(demoEnv(), "order", "--symbol", "btcusdt", "--side", "sell", "--quantity", "0.001");
        assertEquals(Cli.OK, o.code(), o.err());
        assertTrue(o.out().contains("FILLED"), o.out());
        Run show = cli(demoEnv(), "risk");
        assertEquals(Cli.OK, show.code(), show.err());
        assertTrue(show.out().contains("riskMultiplier"), show.out());
        Run update = cli(demoEnv(), "risk", "update", "--alert-thresholds", "1.3,1.2");
        assertEquals(Cli.OK, update.code(), update.err());
        assertTrue(update.out().contains("1.3"), update.out());
    }

    @Test
    void rejection_exit1_withCodeMessageStatusAndHint() {
        Run r = cli(demoEnv(), "transfer", "--asset", "USDT", "--amount", "99999999", "--from", "SPOT", "--to",
                "CROSS_MARGIN");
        assertEquals(Cli.REJECTED, r.code(), r.err());
        assertTrue(r.err().contains("-2018") && r.err().contains("(status 400)"), r.err());
        assertTrue(r.err().contains(ErrorHints.hint(io.marginstream.protocol.ErrorCode.INSUFFICIENT_BALANCE)),
                r.err());
        Run route = cli(demoEnv(), "transfer", "--asset", "USDT", "--amount", "1", "--from", "SPOT", "--to", "UM");
        assertEquals(Cli.REJECTED, route.code());
        assertTrue(route.err().contains("-5001"), route.err());
    }

    @Test
    void wrongSecret_exit4() {
        Map<String, String> env = demoEnv();
        env.put("MARGINSTREAM_SECRET", "wrong");
        Run r = cli(env, "status");
        assertEquals(Cli.AUTH, r.code(), r.err());
        assertTrue(r.err().contains("logon failed: -1022"), r.err());
    }

    @Test
    void ed25519KeyFile_logsOn() throws Exception {
        assertTrue(Files.readString(edKeyFile).startsWith("-----BEGIN PRIVATE KEY-----"));
        Map<String, String> env = new HashMap<>();
        env.put("MARGINSTREAM_API_KEY", TestGateways.ED_API_KEY);
        env.put("MARGINSTREAM_ED25519_KEY_FILE", edKeyFile.toString());
        Run r = cli(env, "status");
        assertEquals(Cli.OK, r.code(), r.err());
        Run denied = cli(env, "collect");
        assertEquals(Cli.AUTH, denied.code(), denied.err());
        assertTrue(denied.err().contains("-2015") && denied.err().contains("status 403"), denied.err());
    }
}
