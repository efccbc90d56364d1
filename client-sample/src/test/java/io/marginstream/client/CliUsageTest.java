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

/** CLI paths that need no gateway: usage errors (exit 2) and a refused connection (exit 3). */
class CliUsageTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
                StandardCharsets.UTF_8), env).run(args);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void noCommand_printsUsage_exit2() {
        assertEquals(Cli.USAGE, run(Map.of()));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("exit codes"));
    }

    @Test
    void missingCredentials_exit2_namesTheVariable() {
        assertEquals(Cli.USAGE, run(Map.of(), "status"));
        assertTrue(err().contains("MARGINSTREAM_API_KEY"), err());
    }

    @Test
    void unknownOption_exit2() {
        assertEquals(Cli.USAGE, run(Map.of("MARGINSTREAM_API_KEY", "k", "MARGINSTREAM_SECRET", "s"), "status",
                "--colour", "red"));
        assertTrue(err().contains("unknown option --colour"), err());
    }

    @Test
    void badAmount_exit2_andSecretNeverEchoed() {
        assertEquals(Cli.USAGE, run(Map.of(), "transfer", "--api-key", "k", "--secret", "TOPSECRET", "--asset",
                "USDT", "--amount", "lots", "--from", "SPOT", "--to", "CROSS_MARGIN"));
        assertTrue(err().contains("--amount must be a decimal number"), err());
        assertFalse(err().contains("TOPSECRET") || out.toString(StandardCharsets.UTF_8).contains("TOPSECRET"));
    }

    @Test
    void refusedConnection_exit3() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertEquals(Cli.CONNECTION, run(Map.of("MARGINSTREAM_API_KEY", "k", "MARGINSTREAM_SECRET", "s"), "status",
                "--url", "ws://127.0.0.1:" + port + "/ws", "--timeout-seconds", "5"));
        assertTrue(err().contains("cannot connect"), err());
    }
}
