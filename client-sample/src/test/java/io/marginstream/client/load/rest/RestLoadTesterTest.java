package io.marginstream.client.load.rest;

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
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RestLoadTesterTest {
    @TempDir
    Path dataDir;

    @Test
    void smallRun_everyRequestAnswered200_andListenKeyEventsTimed() throws Exception {
        GatewayConfig config = GatewayConfig.empty().withServer(ServerConfig.DEFAULT.withPort(0))
                .withDataDir(dataDir.toString())
                .withLimits(new LimitsConfig(10_000_000, 1_000_000, 10_000, 10_000, 10_000_000, 1_000_000, 10_000_000,
                        10_000_000, null, List.of("127.0.0.0/8"), null, null))
                .withSyntheticAccounts(new SyntheticAccountsConfig(20, "load-", "test-seed"));
        try (GatewayServer server = new GatewayServer(config).start()) {
            RestLoadOptions o = RestLoadOptions.defaults()
                    .withUrl(URI.create("http://127.0.0.1:" + server.port()))
                    .withRun(100, 2, 1)
                    .withAccounts("load-", "test-seed", 20, 5);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            RestLoadTester.Result r = new RestLoadTester(o, new PrintStream(out, true, StandardCharsets.UTF_8)).run();
            String summary = out.toString(StandardCharsets.UTF_8);
            assertTrue(r.allOk(), summary);
            assertEquals(300, r.sent(), summary);
            assertTrue(r.account().count() > 0 && r.order().count() > 0, summary);
            assertTrue(r.events().count() > 0, "no user-data event timed:\n" + summary);
            assertTrue(summary.contains("POST /papi/v1/um/order"), summary);
        }
    }
}
