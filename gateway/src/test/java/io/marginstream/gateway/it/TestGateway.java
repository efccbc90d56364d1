package io.marginstream.gateway.it;

import io.marginstream.gateway.GatewayServer;
import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.gateway.config.GatewayConfig.AccountConfig;
import io.marginstream.gateway.config.GatewayConfig.KeyConfig;
import io.marginstream.gateway.config.GatewayConfig.LimitsConfig;
import io.marginstream.gateway.config.GatewayConfig.ServerConfig;
import io.marginstream.gateway.engine.CommandJournal;
import io.marginstream.gateway.engine.EngineListener;
import io.marginstream.gateway.engine.MarginEngine;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/** Test configs and a gateway on 127.0.0.1:0 with a settable clock. */
final class TestGateway {
    static final String HMAC_KEY = "alice-hmac";
    static final String HMAC_SECRET = "alice-secret-0123456789";

    /** A clock the test can move; starts at the wall clock unless the test names a start. */
    final AtomicLong clock;
    final GatewayServer server;
    /** The session layer's engine listener, to play engine output into the real fan-out. */
    volatile EngineListener listener;

    private TestGateway(GatewayConfig config, long startMillis) {
        this.clock = new AtomicLong(startMillis);
        this.server = new GatewayServer(config, clock::get, l -> {
            listener = l;
            return new MarginEngine(config, clock::get, l, CommandJournal.NONE);
        }).start();
    }

    static TestGateway start(UnaryOperator<GatewayConfig> customize) {
        return new TestGateway(customize.apply(base()), System.currentTimeMillis());
    }

    /**
     * The defaults on a clock that starts at {@code startMillis}: for tests of the default option listing, whose
     * fixed expiries the wall clock will pass.
     */
    static TestGateway startAt(long startMillis) {
        return new TestGateway(base(), startMillis);
    }

    static TestGateway start() {
        return start(c -> c);
    }

    int port() {
        return server.port();
    }

    /** Defaults with port 0, no feed, admin on, an account {@code alice} with an HMAC key, roomy limits. */
    static GatewayConfig base() {
        GatewayConfig c = GatewayConfig.empty();
        return c.withServer(new ServerConfig("127.0.0.1", 0, null, 4096, null, null, null, 65_536, null))
                .withFeed(c.feed().withEnabled(false))
                .withAdmin(new GatewayConfig.AdminConfig(true))
                .withLimits(new LimitsConfig(null, null, 1000, 1000, 10_000, null, null, null, null, null, null, null))
                .withAccounts(List.of(alice(List.of(new KeyConfig(HMAC_KEY, HMAC_SECRET, null,
                        List.of("READ", "TRANSFER", "TRADE", "ADMIN"), null, null)))));
    }

    /** The roomy limits of {@link #base()} with a per-IP connection cap and trusted networks. */
    static LimitsConfig limits(int connectionsPerIp, List<String> trustedNetworks) {
        return new LimitsConfig(null, null, 1000, 1000, 10_000, null, null, null, null, trustedNetworks,
                connectionsPerIp, null);
    }

    static AccountConfig alice(List<KeyConfig> keys) {
        return new AccountConfig("alice", 1, true, keys,
                Map.of("SPOT", Map.of("USDT", new BigDecimal("1000")),
                        "CROSS_MARGIN", Map.of("USDT", new BigDecimal("100000")),
                        "UM", Map.of("USDT", new BigDecimal("5000"), "BNB", new BigDecimal("3")),
                        "CM", Map.of("BTC", new BigDecimal("0.5"))),
                List.of(new GatewayConfig.PositionConfig("BTCUSDT", new BigDecimal("1"), new BigDecimal("60000"))));
    }

    static GatewayConfig withSynthetic(GatewayConfig c, GatewayConfig.SyntheticAccountsConfig s) {
        return c.withSyntheticAccounts(s);
    }

    void close() {
        server.close();
    }
}
