package io.marginstream.gateway.binance;

import io.marginstream.gateway.GatewayServer;
import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.gateway.config.GatewayConfig.AccountConfig;
import io.marginstream.gateway.config.GatewayConfig.AdminConfig;
import io.marginstream.gateway.config.GatewayConfig.FeedConfig;
import io.marginstream.gateway.config.GatewayConfig.KeyConfig;
import io.marginstream.gateway.config.GatewayConfig.PositionConfig;
import io.marginstream.gateway.config.GatewayConfig.ServerConfig;
import io.marginstream.gateway.engine.EngineCommand;
import io.marginstream.gateway.web.NodeRunner;
import io.marginstream.protocol.message.Wallet;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real Binance portfolio-margin clients against the real gateway (issue 10): starts {@link GatewayServer} on
 * 127.0.0.1:0 and runs {@code gateway/src/test/binance/binance-clients.e2e.mjs} — the official connector
 * {@code @binance/derivatives-trading-portfolio-margin} 19.0.0, {@code ccxt} 4.5.84 REST (portfolioMargin, default
 * loadMarkets) and ccxt.pro's watchers, with only their URLs changed: figures equal to {@code account.status},
 * auto-collection (BNB stays in UM), UM and CM MARKET orders (ACK, RESULT), a resting LIMIT order listed, canceled,
 * and another filled by a mark moved over {@code /ws} (§12), bnb-transfer, asset-collection, the
 * listenKey's events in order (riskLevelChange from a mark moved over {@code /ws}), and bad signature, stale
 * timestamp, READ-only order, the 11th auto-collection and a 429 mapped to each client's error class.
 *
 * <p>Each client has its own account with three keys (trade, read-only, one to exhaust its request weight) so the
 * day's auto-collection count and the weight window are its own. Nine of the day's ten auto-collections are used
 * up before the run (then the wallets are refilled), so the client's first call is the 10th and its second the 11th.
 */
class BinanceClientsE2ETest {
    static final Path DIR = NodeRunner.BASEDIR.resolve("src/test/binance");
    static final String SETUP = "run gateway/src/test/binance/setup.sh (npm ci in gateway/src/test/binance)";
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(4);
    private static final String BTC_PRICE = "60000";

    @Test
    void officialConnectorCcxtAndCcxtPro_runUnmodified() throws Exception {
        NodeRunner.requireNode();
        NodeRunner.requireNodeModules(DIR, SETUP, "@binance/derivatives-trading-portfolio-margin", "ccxt", "ws");
        Map<String, String> env = new HashMap<>();
        List<AccountConfig> accounts = List.of(pmAccount("official", env), pmAccount("ccxt", env), ops(env));
        GatewayConfig config = GatewayConfig.empty()
                .withServer(ServerConfig.DEFAULT.withPort(0))
                .withFeed(FeedConfig.DEFAULT.withEnabled(false))
                .withAdmin(new AdminConfig(true))
                .withAccounts(accounts);
        try (GatewayServer server = new GatewayServer(config).start()) {
            for (String account : List.of("official", "ccxt")) {
                for (int i = 0; i < 9; i++) {
                    server.engine().submit(new EngineCommand.AutoCollect(account, null)).get(10, TimeUnit.SECONDS);
                }
                server.engine().submit(new EngineCommand.Deposit(account, "USDT", new BigDecimal("1000"), Wallet.UM))
                        .get(10, TimeUnit.SECONDS);
                server.engine().submit(new EngineCommand.Deposit(account, "BTC", new BigDecimal("0.01"), Wallet.CM))
                        .get(10, TimeUnit.SECONDS);
            }
            env.put("GATEWAY_URL", "http://127.0.0.1:" + server.port());
            env.put("WS_URL", "ws://127.0.0.1:" + server.port());
            env.put("BTC_PRICE", BTC_PRICE);
            env.put("E2E_TIMEOUT_MS", String.valueOf(RUN_TIMEOUT.minusSeconds(30).toMillis()));
            NodeRunner.Result run = NodeRunner.run(DIR, List.of("node", "binance-clients.e2e.mjs"), env,
                    RUN_TIMEOUT);
            assertEquals(0, run.exitCode(), "binance-clients.e2e.mjs failed:\n" + run.output());
            assertTrue(run.output().contains("PASSED"), "binance-clients.e2e.mjs did not report success:\n"
                    + run.output());
        }
    }

    /**
     * A PM account of one client: cross-margin USDT and BNB, USDT and BNB in UM, BTC in CM, USDT in spot, and a
     * 10 BTC long, so that a fall of BTCUSDT by about 2.5 % takes uniMMR (≈ 2.2) below 1.5 (MARGIN_CALL) but not
     * below 1.2; keys trade, read-only and a third for the 429, their names and secrets put into {@code env}.
     */
    private static AccountConfig pmAccount(String id, Map<String, String> env) {
        String prefix = id.toUpperCase();
        return new AccountConfig(id, 1, true, List.of(
                key(id + "-trade", prefix + "_KEY", prefix + "_SECRET", env, "READ", "TRANSFER", "TRADE"),
                key(id + "-read", prefix + "_READ_KEY", prefix + "_READ_SECRET", env, "READ"),
                key(id + "-limit", prefix + "_LIMIT_KEY", prefix + "_LIMIT_SECRET", env, "READ", "TRANSFER")),
                Map.of("SPOT", Map.of("USDT", new BigDecimal("1000")),
                        "CROSS_MARGIN", Map.of("USDT", new BigDecimal("40000"), "BNB", new BigDecimal("2")),
                        "UM", Map.of("USDT", new BigDecimal("1000"), "BNB", new BigDecimal("3")),
                        "CM", Map.of("BTC", new BigDecimal("0.01"))),
                List.of(new PositionConfig("BTCUSDT", new BigDecimal("10"), new BigDecimal(BTC_PRICE))));
    }

    /** The operator's account: its key may call admin.setMarkPrice over /ws. */
    private static AccountConfig ops(Map<String, String> env) {
        return new AccountConfig("ops", 1, true, List.of(key("ops-admin", "ADMIN_KEY", "ADMIN_SECRET", env, "READ",
                "ADMIN")), Map.of("CROSS_MARGIN", Map.of("USDT", new BigDecimal("1000"))), List.of());
    }

    private static KeyConfig key(String apiKey, String keyVar, String secretVar, Map<String, String> env,
                                 String... permissions) {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        String secret = HexFormat.of().formatHex(b);
        env.put(keyVar, apiKey);
        env.put(secretVar, secret);
        return new KeyConfig(apiKey, secret, null, List.of(permissions), null, null);
    }
}
