package io.marginstream.client;

import io.marginstream.gateway.GatewayServer;

import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.gateway.config.GatewayConfig.AccountConfig;
import io.marginstream.gateway.config.GatewayConfig.FeedConfig;
import io.marginstream.gateway.config.GatewayConfig.KeyConfig;
import io.marginstream.gateway.config.GatewayConfig.LimitsConfig;
import io.marginstream.gateway.config.GatewayConfig.ServerConfig;
import io.marginstream.gateway.config.GatewayConfig.SyntheticAccountsConfig;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Gateway configs for the client tests: the demo account, an Ed25519-keyed account, synthetic load accounts. */
final class TestGateways {
    static final String API_KEY = "test-demo-key";
    static final String SECRET = "test-demo-secret";
    static final String ED_API_KEY = "test-ed-key";

    private TestGateways() {}

    /** The demo account (HMAC key) plus an account keyed by {@code edPublicKeyBase64}, on 127.0.0.1:0. */
    static GatewayConfig demo(Path dataDir, String edPublicKeyBase64, boolean feed) {
        GatewayConfig demo = GatewayConfig.demo(API_KEY, SECRET);
        AccountConfig ed = new AccountConfig("ed", 1, true,
                List.of(new KeyConfig(ED_API_KEY, null, edPublicKeyBase64, List.of("READ"), null, null)),
                Map.of("CROSS_MARGIN", Map.of("USDT", new BigDecimal("10000"))), List.of());
        return demo.withAccounts(List.of(demo.accounts().get(0), ed))
                .withServer(ServerConfig.DEFAULT.withPort(0))
                .withDataDir(dataDir.toString())
                .withFeed(FeedConfig.DEFAULT.withEnabled(feed));
    }

    /** {@code count} synthetic accounts, limits out of the way, loopback trusted. */
    static GatewayConfig load(Path dataDir, int count, String seed) {
        return new GatewayConfig(ServerConfig.DEFAULT.withPort(0), dataDir.toString(), null, null, null, null, null,
                null, null,
                new LimitsConfig(10_000_000, 1_000_000, 10_000, 10_000, 10_000_000, 1_000_000, 10_000_000,
                        10_000_000, null, List.of("127.0.0.0/8"), null, null),
                null, List.of(), new SyntheticAccountsConfig(count, "load-", seed), null);
    }

    static GatewayServer start(GatewayConfig config) {
        return new GatewayServer(config).start();
    }

    static String url(GatewayServer s) {
        return "ws://127.0.0.1:" + s.port() + "/ws";
    }
}
