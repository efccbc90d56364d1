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

/** The load tester with a small N against a real gateway: the report's counts add up. */
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
                    .withSessions(n, 400, 10)
                    .withSynthetic("load-", "test-seed", n)
                    .withCommands(100, 0.05)
                    .withWarmup(0)
                    .withReportDir(reportDir, false);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            LoadReport r = new LoadTester(o, new PrintStream(out, true, StandardCharsets.UTF_8)).run();
            String summary = out.toString(StandardCharsets.UTF_8);

            assertEquals(n, r.sessions().loggedOnPeak(), summary);
            assertEquals(n, r.sessions().heldAtEnd(), summary);
            assertEquals(10, r.sessions().stalled(), summary);
            assertEquals(0, r.sessions().connectFailures() + r.sessions().logonFailures(), summary);
            assertTrue(r.countsAddUp(), summary);
            assertEquals(0, r.requests().requestsUnanswered(), summary);
            assertEquals(0, r.requests().requestsLost(), summary);
            assertEquals(r.requests().commandsSent(), r.requests().commandsOk() + r.requests().commandsFailed(),
                    summary);
            assertTrue(r.requests().commandsSent() > 0, summary);
            // logon + subscribe per session, then the commands
            assertEquals(2L * n + r.requests().commandsSent(), r.requests().requestsSent(), summary);
            assertEquals(r.requests().commandsSent(), r.latencyMs().get("command").count(), summary);
            assertEquals(n, r.latencyMs().get("logon").count(), summary);

            JsonNode json = new ObjectMapper().readTree(reportDir.resolve(LoadReport.JSON_FILE).toFile());
            assertTrue(json.get("countsAddUp").asBoolean());
            assertEquals(r.requests().requestsSent(), json.get("requests").get("requestsSent").asLong());
            assertTrue(Files.readString(reportDir.resolve(LoadReport.SVG_FILE)).contains("<polyline"));
        }
    }
}
