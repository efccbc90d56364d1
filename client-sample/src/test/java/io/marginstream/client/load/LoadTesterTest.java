package io.marginstream.client.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marginstream.gateway.GatewayServer;
import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.gateway.config.GatewayConfig.LimitsConfig;
import io.marginstream.gateway.config.GatewayConfig.ServerConfig;
import io.marginstream.gateway.config.GatewayConfig.SyntheticAccountsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The load tester with a small N against a real gateway: the report's counts add up. The assertions are the
 * invariants of the accounting, true however slowly a busy box runs the hold: every session is either still held or
 * was closed by the server, every request was answered once or lost with its session.
 */
class LoadTesterTest {
    @TempDir
    Path dataDir;
    @TempDir
    Path reportDir;

    @Test
    void smallRun_everyRequestAnsweredOnce_reportWritten() throws Exception {
        int n = 200;
        GatewayConfig config = new GatewayConfig(ServerConfig.DEFAULT.withPort(0), dataDir.toString(), null, null,
                null, null, null, null, null,
                new LimitsConfig(10_000_000, 1_000_000, 10_000, 10_000, 10_000_000, 1_000_000, 10_000_000,
                        10_000_000, null, List.of("127.0.0.0/8"), null, null),
                null, List.of(), new SyntheticAccountsConfig(n, "load-", "test-seed"), null);
        try (GatewayServer server = new GatewayServer(config).start()) {
            LoadTestOptions o = LoadTestOptions.defaults()
                    .withUrl(URI.create("ws://127.0.0.1:" + server.port() + "/ws"))
                    .withSessions(n, 400, 3)
                    .withSynthetic("load-", "test-seed", n)
                    .withCommands(100, 0.05)
                    .withWarmup(0)
                    .withReportDir(reportDir, false);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            LoadReport r = new LoadTester(o, new PrintStream(out, true, StandardCharsets.UTF_8)).run();
            String summary = out.toString(StandardCharsets.UTF_8);

            long closedByServer = r.closesByCode().values().stream().mapToLong(Long::longValue).sum();
            assertEquals(n, r.sessions().loggedOnPeak(), summary);
            assertEquals(n, r.sessions().heldAtEnd() + closedByServer, summary);
            assertTrue(r.sessions().stalled() <= 10 && r.sessions().stalled() + closedByServer >= 10, summary);
            assertEquals(0, r.sessions().connectFailures() + r.sessions().logonFailures(), summary);
            assertTrue(r.countsAddUp(), summary);
            if (closedByServer == 0) {
                assertEquals(0, r.requests().requestsLost(), summary);
            }
            long answered = r.requests().commandsOk() + r.requests().commandsFailed();
            assertTrue(r.requests().commandsSent() > 0 && answered <= r.requests().commandsSent(), summary);
            // logon + subscribe per session, then the commands
            assertEquals(2L * n + r.requests().commandsSent(), r.requests().requestsSent(), summary);
            assertEquals(answered, r.latencyMs().get("command").count(), summary);
            assertEquals(n, r.latencyMs().get("logon").count(), summary);

            JsonNode json = new ObjectMapper().readTree(reportDir.resolve(LoadReport.JSON_FILE).toFile());
            assertTrue(json.get("countsAddUp").asBoolean());
            assertEquals(r.requests().requestsSent(), json.get("requests").get("requestsSent").asLong());
            assertEquals(0, json.get("options").get("warmupSeconds").asInt());
            String svg = Files.readString(reportDir.resolve(LoadReport.SVG_FILE));
            assertTrue(svg.contains("<polyline"));
            assertTrue(svg.matches("(?s).*load test: [^<]*\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ</text>.*"), svg);
            String hgrm = Files.readString(reportDir.resolve(LoadReport.HGRM_PREFIX + "command.hgrm"));
            assertTrue(hgrm.contains("Value     Percentile TotalCount 1/(1-Percentile)"), hgrm);
            assertTrue(summary.contains("counts include the 0 s warm-up"), summary);
            assertEquals(1, summary.split("per session:", -1).length - 1, "one heap-per-session figure: " + summary);
        }
    }

    @Test
    void restingMix_placesAndCancelsLimitOrders_noneRejected() throws Exception {
        int n = 20;
        GatewayConfig config = new GatewayConfig(ServerConfig.DEFAULT.withPort(0), dataDir.toString(), null, null,
                null, null, null, null, null,
                new LimitsConfig(10_000_000, 1_000_000, 10_000, 10_000, 10_000_000, 1_000_000, 10_000_000,
                        10_000_000, null, List.of("127.0.0.0/8"), null, null),
                null, List.of(), new SyntheticAccountsConfig(n, "load-", "test-seed"), null);
        try (GatewayServer server = new GatewayServer(config).start()) {
            LoadTestOptions o = LoadTestOptions.defaults()
                    .withUrl(URI.create("ws://127.0.0.1:" + server.port() + "/ws"))
                    .withSessions(n, 400, 4)
                    .withSynthetic("load-", "test-seed", n)
                    .withCommands(200, 0)
                    .withMix(java.util.Map.of("resting", 1))
                    .withWarmup(0)
                    .withReportDir(reportDir, false);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            LoadReport r = new LoadTester(o, new PrintStream(out, true, StandardCharsets.UTF_8)).run();
            String summary = out.toString(StandardCharsets.UTF_8);
            assertTrue(r.countsAddUp(), summary);
            assertEquals(0, r.requests().commandsFailed(), summary);
            assertTrue(r.commandLatencyMsByMethod().containsKey("order.place"), summary);
            // each session rests 10 before it cancels: 20 sessions need more than 200 commands to cancel at all
            if (r.requests().commandsOk() > 2L * n * LoadSession.RESTING_DEPTH) {
                assertTrue(r.commandLatencyMsByMethod().containsKey("order.cancel"), summary);
            }
        }
    }
}
