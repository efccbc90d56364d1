package io.marginstream.gateway.web;

import io.marginstream.gateway.GatewayServer;
import io.marginstream.gateway.config.Defaults;
import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.gateway.config.GatewayConfig.AccountConfig;
import io.marginstream.gateway.config.GatewayConfig.AdminConfig;
import io.marginstream.gateway.config.GatewayConfig.FeedConfig;
import io.marginstream.gateway.config.GatewayConfig.OptionUnderlyingConfig;
import io.marginstream.gateway.config.GatewayConfig.OptionsConfig;
import io.marginstream.gateway.config.GatewayConfig.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The dashboard's browser test: starts the real {@link GatewayServer} on 127.0.0.1:0 and runs
 * {@code gateway/src/test/e2e/dashboard.e2e.mjs} against it — headless Debian chromium driven by playwright-core:
 * logon, uniMMR and balances, the gauge following {@code admin.setMarkPrice}, Aggregate balances, a rejected
 * transfer's error, reconnect, an option row and the implied volatility, phone width, keyboard. The screenshot lands in {@code gateway/target/e2e/}. Without
 * {@code node}, {@code /usr/bin/chromium} or the e2e {@code node_modules} the test fails naming the set-up step.
 */
class DashboardE2ETest {
    private static final Path SCREENSHOT_DIR = NodeRunner.BASEDIR.resolve("target/e2e");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    Path dataDir;

    @Test
    void dashboard_inHeadlessChromium_showsLiveAccountAndActsOnIt() throws Exception {
        NodeRunner.requireNode();
        if (!Files.isExecutable(CHROMIUM)) {
            fail("no browser at " + CHROMIUM + ": " + NodeRunner.SETUP);
        }
        NodeRunner.requireNodeModules("playwright-core", "ws");
        Files.createDirectories(SCREENSHOT_DIR);
        Path screenshot = SCREENSHOT_DIR.resolve("dashboard.png");
        Files.deleteIfExists(screenshot);

        String apiKey = "e2e-dashboard";
        byte[] secretBytes = new byte[32];
        new SecureRandom().nextBytes(secretBytes);
        String secret = HexFormat.of().formatHex(secretBytes);

        LocalDate expiry = LocalDate.now(ZoneOffset.UTC).plusDays(90);
        String option = "BTC-" + expiry.format(DateTimeFormatter.ofPattern("yyMMdd")) + "-60000-C";
        try (GatewayServer server = new GatewayServer(testConfig(apiKey, secret, expiry)).start()) {
            NodeRunner.Result run = NodeRunner.run(List.of("node", "dashboard.e2e.mjs"), Map.of(
                    "GATEWAY_URL", "http://127.0.0.1:" + server.port() + "/",
                    "API_KEY", apiKey,
                    "API_SECRET", secret,
                    "ADMIN_KEY", apiKey,
                    "ADMIN_SECRET", secret,
                    "SCREENSHOT_DIR", SCREENSHOT_DIR.toString(),
                    "RESUME_FEED", "0",
                    "OPTION_SYMBOL", option,
                    "OPTION_EXPIRY", expiry.toString(),
                    "E2E_TIMEOUT_MS", String.valueOf(RUN_TIMEOUT.minusSeconds(30).toMillis())),
                    RUN_TIMEOUT);
            assertEquals(0, run.exitCode(), "dashboard.e2e.mjs failed:\n" + run.output());
            assertTrue(run.output().contains("PASSED"), "dashboard.e2e.mjs did not report success:\n" + run.output());
        }
        assertTrue(Files.isRegularFile(screenshot) && Files.size(screenshot) > 0, "no screenshot at " + screenshot);
    }

    /**
     * Admin on, feed off (marks move only through admin.setMarkPrice, so values are deterministic), and the demo
     * account of the embedded defaults with this key: the balances and book a new user sees, so the layout checks
     * run on its numbers (a 2.4 M USD BTC short, 8-decimal coin balances, CM contracts). BTC options expire on
     * {@code expiry} (the default listing's fixed dates would pass under the wall clock).
     */
    private GatewayConfig testConfig(String apiKey, String secret, LocalDate expiry) {
        AccountConfig account = Defaults.demoAccount(apiKey, secret);
        return GatewayConfig.empty()
                .withServer(ServerConfig.DEFAULT.withPort(0))
                .withDataDir(dataDir.toString())
                .withFeed(FeedConfig.DEFAULT.withEnabled(false))
                .withAdmin(new AdminConfig(true))
                .withAccounts(List.of(account))
                .withOptions(new OptionsConfig(List.of(expiry.toString()), Map.of("BTC",
                        new OptionUnderlyingConfig(new BigDecimal("5000"), 2, new BigDecimal("0.01"),
                                new BigDecimal("0.6"), new BigDecimal("-0.1"), new BigDecimal("0.05")))));
    }
}
