package io.marginstream.client;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CLI paths that need no gateway: the help of each command (golden files), usage errors (exit 2, one message form),
 * a refused connection (exit 3).
 */
class CliUsageTest {
    private static final Map<String, String> CREDS = Map.of("MARGINSTREAM_API_KEY", "k", "MARGINSTREAM_SECRET", "s");
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
                StandardCharsets.UTF_8), env).run(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void noCommand_printsUsage_exit2() throws Exception {
        assertEquals(Cli.USAGE, run(Map.of()));
        Golden.assertMatches("help-msc", out());
    }

    @Test
    void everyCommandHasItsHelp_exit0() throws Exception {
        for (String[] cmd : new String[][] {{"status"}, {"balance"}, {"positions"}, {"watch"}, {"transfer"},
                {"collect"}, {"order"}, {"orders"}, {"cancel"}, {"risk"}, {"risk", "update"}, {"keygen"}, {"loadtest"},
                {"loadtest-rest"}}) {
            out.reset();
            String[] args = java.util.Arrays.copyOf(cmd, cmd.length + 1);
            args[cmd.length] = "--help";
            assertEquals(Cli.OK, run(Map.of(), args), String.join(" ", args));
            Golden.assertMatches("help-" + String.join("-", cmd), out());
        }
    }

    @Test
    void helpExplainsTheFsAndUColumns() {
        run(Map.of(), "positions", "--help");
        assertTrue(out().contains("fs = the futures wallet"), out());
        out.reset();
        run(Map.of(), "watch", "--help");
        assertTrue(out().contains("U = the account's update id"), out());
    }

    @Test
    void missingCredentials_exit2_namesTheVariable() {
        assertEquals(Cli.USAGE, run(Map.of(), "status"));
        assertTrue(err().startsWith("usage error: no API key") && err().contains("MARGINSTREAM_API_KEY"), err());
    }

    @Test
    void unknownOption_exit2() {
        assertEquals(Cli.USAGE, run(CREDS, "status", "--colour", "red"));
        assertEquals("usage error: Unknown options: '--colour', 'red'\nrun 'msc status --help' for the usage\n",
                err());
    }

    @Test
    void unknownCommand_exit2() {
        assertEquals(Cli.USAGE, run(CREDS, "teleport"));
        assertTrue(err().startsWith("usage error: Unmatched argument at index 0: 'teleport'"), err());
    }

    @Test
    void badAmount_exit2_andSecretNeverEchoed() {
        assertEquals(Cli.USAGE, run(Map.of(), "transfer", "--api-key", "k", "--secret", "TOPSECRET", "--asset",
                "USDT", "--amount", "lots", "--from", "SPOT", "--to", "CROSS_MARGIN"));
        assertTrue(err().startsWith("usage error: Invalid value for option '--amount': must be a decimal number, "
                + "got 'lots'"), err());
        assertFalse(err().contains("TOPSECRET") || out().contains("TOPSECRET"));
    }

    @Test
    void badWallet_andMissingOptions_exit2() {
        assertEquals(Cli.USAGE, run(CREDS, "transfer", "--asset", "USDT", "--amount", "1", "--from", "BANK", "--to",
                "UM"));
        assertTrue(err().contains("--from") && err().contains("SPOT, CROSS_MARGIN, UM, CM"), err());
        err.reset();
        assertEquals(Cli.USAGE, run(CREDS, "order", "--symbol", "BTCUSDT"));
        assertTrue(err().contains("Missing required option") && err().contains("--side"), err());
        err.reset();
        assertEquals(Cli.USAGE, run(CREDS, "order", "--symbol", "BTCUSDT", "--side", "BUY", "--type", "OCO",
                "--quantity", "1"));
        assertTrue(err().contains("--type") && err().contains("LIMIT"), err());
    }

    @Test
    void loadtestBadSetting_exit2_namesIt() {
        assertEquals(Cli.USAGE, run(Map.of(), "loadtest", "--stalled-share", "1.5"));
        assertTrue(err().contains("--stalled-share"), err());
        err.reset();
        assertEquals(Cli.USAGE, run(Map.of(), "loadtest", "--mix", "transfer=1,teleport=2"));
        assertTrue(err().contains("--mix"), err());
    }

    @Test
    void refusedConnection_exit3() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertEquals(Cli.CONNECTION, run(CREDS, "status", "--url", "ws://127.0.0.1:" + port + "/ws",
                "--timeout-seconds", "5"));
        assertTrue(err().contains("cannot connect"), err());
    }
}
