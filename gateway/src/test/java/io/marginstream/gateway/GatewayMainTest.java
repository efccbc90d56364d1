package io.marginstream.gateway;

import io.marginstream.gateway.config.GatewayConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GatewayMainTest {

    @Test
    void parse_acceptsTheThreeOptions() {
        GatewayMain.Options o = GatewayMain.parse(new String[] {"--config", "c.json", "--port=9000", "--data-dir", "d"});
        assertEquals(Path.of("c.json"), o.config());
        assertEquals(9000, o.port());
        assertEquals("d", o.dataDir());
        assertNull(GatewayMain.parse(new String[] {"--help"}));
    }

    @Test
    void parse_rejectsBadArguments() {
        assertThrows(GatewayMain.StartupException.class, () -> GatewayMain.parse(new String[] {"--bogus"}));
        assertThrows(GatewayMain.StartupException.class, () -> GatewayMain.parse(new String[] {"--port"}));
        assertThrows(GatewayMain.StartupException.class, () -> GatewayMain.parse(new String[] {"--port", "x"}));
        assertThrows(GatewayMain.StartupException.class, () -> GatewayMain.parse(new String[] {"--port", "70000"}));
        assertThrows(GatewayMain.StartupException.class,
                () -> GatewayMain.parse(new String[] {"--port", "1", "--port", "2"}));
    }

    @Test
    void demoCredentials_areCreatedOnceAndPrintedOnceRunning(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GatewayServer server = GatewayMain.start(new GatewayMain.Options(null, 0, dir.toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8))) {
            GatewayConfig first = server.config();
            Map<String, String> creds = GatewayMain.demoCredentials(dir);
            assertTrue(Files.exists(dir.resolve(GatewayMain.DEMO_CREDENTIALS)));
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(dir.resolve(GatewayMain.DEMO_CREDENTIALS))), "only the owner reads it");
            assertTrue(out.toString(StandardCharsets.UTF_8).contains(creds.get("apiKey")));
            assertTrue(out.toString(StandardCharsets.UTF_8).contains(creds.get("secret")));
            assertEquals(creds.get("apiKey"), first.accounts().get(0).keys().get(0).apiKey());
            assertEquals(creds, GatewayMain.demoCredentials(dir));
            assertEquals(0, first.server().port());
            assertEquals(dir.toString(), first.dataDir());
        }
    }

    @Test
    void secondGatewayOnADirectoryInUse_failsWithoutPrintingTheSecret(@TempDir Path dir) throws Exception {
        try (GatewayServer first = GatewayMain.start(new GatewayMain.Options(null, 0, dir.toString()),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Map<String, String> creds = GatewayMain.demoCredentials(dir);
            assertThrows(java.io.IOException.class, () -> GatewayMain.start(
                    new GatewayMain.Options(null, 0, dir.toString()), new PrintStream(out, true, StandardCharsets.UTF_8)));
            String printed = out.toString(StandardCharsets.UTF_8);
            assertFalse(printed.contains(creds.get("secret")), printed);
            assertFalse(printed.contains(creds.get("apiKey")), printed);
            assertTrue(first.port() > 0);
        }
    }

    @Test
    void describe_startUpFailure_namesTheCause_neverNull() {
        assertEquals("java.lang.NullPointerException", GatewayMain.describe(new NullPointerException()));
        String d = GatewayMain.describe(new IllegalStateException("engine failed",
                new java.io.IOException("No space left on device")));
        assertEquals("engine failed (caused by IOException: No space left on device)", d);
        assertEquals("java.io.UncheckedIOException (caused by IOException: disk)",
                GatewayMain.describe(new java.io.UncheckedIOException(null, new java.io.IOException("disk"))));
    }

    @Test
    void configure_reportsAMissingConfigFile(@TempDir Path dir) {
        assertThrows(GatewayMain.StartupException.class, () -> GatewayMain.configure(
                new GatewayMain.Options(dir.resolve("none.json"), null, null)));
    }
}
