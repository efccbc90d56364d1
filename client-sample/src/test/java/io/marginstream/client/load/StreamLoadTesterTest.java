package io.marginstream.client.load;

import io.marginstream.gateway.GatewayServer;
import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.gateway.config.GatewayConfig.FeedConfig;
import io.marginstream.gateway.config.GatewayConfig.LimitsConfig;
import io.marginstream.gateway.config.GatewayConfig.ServerConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The subscribe-only tester against a real gateway whose feed ticks every 100 ms: every subscriber connects and
 * subscribes by message, frames are timed by {@code E}, and the accounting holds however slowly a busy box runs
 * (frames never exceed messages × subscribers, every counted frame has a lag, the JSON line carries the counts).
 */
class StreamLoadTesterTest {
    @TempDir
    Path dataDir;

    @Test
    void subscribersOfMarkPrice_areTimedByE_andTheCountsAddUp() throws Exception {
        GatewayConfig config = new GatewayConfig(ServerConfig.DEFAULT.withPort(0), dataDir.toString(),
                FeedConfig.DEFAULT.withEnabled(true), null, null, null, null, null, null,
                new LimitsConfig(10_000_000, 1_000_000, 10_000, 10_000, 10_000_000, 1_000_000, 10_000_000,
                        10_000_000, null, List.of("127.0.0.0/8"), null, null),
                null, List.of(), null, null);
        try (GatewayServer server = new GatewayServer(config).start()) {
            int n = 40;
            StreamLoadOptions o = StreamLoadOptions.of(URI.create("ws://127.0.0.1:" + server.port() + "/ws"), n)
                    .withSubscribe("{\"id\":1,\"method\":\"subscribe\",\"params\":{\"streams\":[\"markPrice@BTCUSDT\"]}}")
                    .withTimes(400, 0, 2, 1)
                    .withReport("marginstream", List.of(ProcessHandle.current().pid()), false);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            StreamLoadReport r = new StreamLoadTester(o, new PrintStream(out, true, StandardCharsets.UTF_8)).run();
            String summary = r.summary();

            assertEquals(n, r.held(), summary);
            assertTrue(r.messages() > 0, summary);
            assertEquals(r.messages() * r.held(), r.expected(), summary);
            assertTrue(r.frames() > 0 && r.frames() <= r.expected(), summary);
            assertEquals(r.frames(), r.lagMs().count(), summary);
            assertTrue(r.minPerSubscriber() <= r.messages(), summary);
            assertTrue(r.serverCores() >= 0 && r.clientCores() >= 0, summary);
            assertEquals(-1, r.published(), "the server publishes");
            JsonNode json = new ObjectMapper().readTree(r.jsonLine());
            assertEquals("marginstream", json.get("server").asText());
            assertEquals(r.frames(), json.get("frames").asLong());
            assertEquals(r.everyFrameDelivered(), json.get("everyFrameDelivered").asBoolean());
        }
    }
}
