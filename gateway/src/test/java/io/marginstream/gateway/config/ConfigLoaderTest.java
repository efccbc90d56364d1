package io.marginstream.gateway.config;

import io.marginstream.gateway.config.ConfigLoader.ConfigException;
import io.marginstream.gateway.engine.CommandJournal;
import io.marginstream.gateway.engine.EngineListener;
import io.marginstream.gateway.engine.MarginEngine;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest {

    private static String fails(String json) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.parse(json)).getMessage();
    }

    @Test
    void emptyObject_isTheDefaults() {
        GatewayConfig c = ConfigLoader.parse("{}");
        assertEquals(8090, c.server().port());
        assertEquals(7, c.instruments().size());
        assertEquals(new BigDecimal("0.95"), c.assets().get(2).collateralRate());
        assertEquals(200, c.limits().openOrdersPerAccount());
        assertEquals(5, ConfigLoader.parse("{\"limits\": {\"openOrdersPerAccount\": 5}}").limits()
                .openOrdersPerAccount());
    }

    /** The {@code json} code blocks of a doc. */
    private static List<String> jsonBlocks(Path doc) throws IOException {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(doc));
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** Loads {@code json} and builds a real engine on it, so that the loader and the engine agree. */
    private static GatewayConfig loadsAndRuns(String json) {
        GatewayConfig c = ConfigLoader.parse(json);
        try (MarginEngine engine = new MarginEngine(c, System::currentTimeMillis, EngineListener.NONE,
                CommandJournal.NONE)) {
            assertEquals(c.instruments().size(), engine.instruments().size());
        }
        return c;
    }

    @Test
    void everyExampleConfigInTheDocs_loadsAndRuns() throws IOException {
        Path docs = Path.of("..", "docs");
        int configs = 0;
        try (var files = Files.list(docs)) {
            for (Path doc : files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
                for (String block : jsonBlocks(doc)) {
                    if (block.contains("\"server\"") && block.contains("\"accounts\"")) {
                        String json = block.replace("\"apiKey\": \"...\"", "\"apiKey\": \"k\"")
                                .replace("\"secret\": \"...\"", "\"secret\": \"s\"");
                        GatewayConfig c = loadsAndRuns(json);
                        assertEquals(4, c.assets().size(), doc + ": assets replace the defaults");
                        configs++;
                    }
                }
            }
        }
        assertTrue(configs >= 1, "the config example of PROTOCOL.md §10 was found");
    }

    @Test
    void ownAssetsAndInstruments_load_andGivenMapsReplaceTheDefaults() {
        GatewayConfig c = loadsAndRuns("""
                {"feed": {"volatility": {"XRP": "1.2"}},
                 "prices": {"XRPUSDT": "0.5", "BTCUSDT": "60000"},
                 "assets": [{"asset": "USDT", "collateralRate": "1"}, {"asset": "XRP", "collateralRate": "0.8"},
                            {"asset": "BTC", "collateralRate": "0.95"}],
                 "instruments": [{"symbol": "XRPUSDT", "underlying": "XRP", "stepSize": "1"},
                                 {"symbol": "BTCUSDT", "underlying": "BTC"}],
                 "marginModel": {"correlations": {"BTC/XRP": "0.6"}},
                 "accounts": [{"id": "x", "balances": {"CROSS_MARGIN": {"USDT": "1000", "XRP": "100"}},
                               "positions": [{"symbol": "XRPUSDT", "positionAmt": "10", "entryPrice": "0.5"}]}]}
                """);
        assertEquals(Map.of("XRP", new BigDecimal("1.2")), c.feed().volatility());
        assertEquals(Map.of("BTC/XRP", new BigDecimal("0.6")), c.marginModel().correlations());
        assertEquals(2, c.prices().size());
    }

    @Test
    void engineRules_areTheLoadersToo_namedWithTheirPath() {
        assertTrue(fails("{\"assets\": [{\"asset\": \"BTC\", \"collateralRate\": \"1\"}], \"instruments\": []}")
                .contains("'assets' must include USDT"));
        assertTrue(fails("{\"assets\": [{\"asset\": \"USDT\", \"collateralRate\": \"1\"}, {\"asset\": \"XRP\", "
                + "\"collateralRate\": \"1\"}], \"instruments\": [], \"prices\": {}}")
                .contains("'assets[1].asset' 'XRP' needs an instrument XRPUSDT"));
        assertTrue(fails("{\"prices\": {\"BTCUSDT\": \"1\"}}").contains("has no starting price for instrument"),
                "a given prices map replaces the defaults: every instrument needs its price");
        assertTrue(fails("{\"accounts\": [{\"id\": \"a\", \"portfolioMargin\": false, \"positions\": "
                + "[{\"symbol\": \"BTCUSDT\", \"positionAmt\": 1, \"entryPrice\": 1}]}]}")
                .contains("'accounts[0].positions' needs portfolioMargin"));
    }

    @Test
    void binanceSurface_isOnByDefault_andCanBeTurnedOff() {
        assertEquals(false, ConfigLoader.parse("{\"binance\": {\"enabled\": false}}").binance().enabled());
        assertEquals(true, ConfigLoader.parse("{}").binance().enabled());
    }

    @Test
    void unknownKey_isNamedWithItsPath() {
        assertTrue(fails("{\"server\": {\"prot\": 1}}").contains("unknown key 'server.prot'"));
        assertTrue(fails("{\"accounts\": [{\"id\": \"a\", \"keys\": [{\"apiKey\": \"k\", \"secret\": \"s\", \"colour\": 1}]}]}")
                .contains("unknown key 'accounts[0].keys[0].colour'"));
    }

    @Test
    void badValues_areNamed() {
        assertTrue(fails("{\"server\": {\"port\": 70000}}").contains("'server.port'"));
        assertTrue(fails("{\"server\": {\"port\": \"abc\"}}").contains("'server.port'"));
        assertTrue(fails("{\"limits\": {\"ordersPerMinute\": -1}}").contains("'limits.ordersPerMinute'"));
        assertTrue(fails("{\"limits\": {\"openOrdersPerAccount\": 0}}").contains("'limits.openOrdersPerAccount'"));
        assertTrue(fails("{\"limits\": {\"openOrdersPerAccount\": 1.5}}").contains("'limits.openOrdersPerAccount'"));
        assertTrue(fails("{\"limits\": {\"trustedNetworks\": [\"10.0.0.0/99\"]}}")
                .contains("'limits.trustedNetworks[0]'"));
        assertTrue(fails("{\"risk\": {\"reduceOnly\": \"2\"}}").contains("'risk.marginCall'"));
        assertTrue(fails("{\"server\": {\"port\": 1} ,}").contains("invalid JSON"));
        assertTrue(fails("{\"dataDir\": \"a\", \"dataDir\": \"b\"}").contains("dataDir"));
    }

    @Test
    void abuseLimits_haveDefaults_loadStrictly_andAreChecked() {
        GatewayConfig d = ConfigLoader.parse("{}");
        assertEquals(10, d.server().requestTimeoutSeconds());
        assertEquals(500, d.limits().connectionsPerIp());
        GatewayConfig c = ConfigLoader.parse(
                "{\"server\": {\"requestTimeoutSeconds\": 5}, \"limits\": {\"connectionsPerIp\": 50}}");
        assertEquals(5, c.server().requestTimeoutSeconds());
        assertEquals(50, c.limits().connectionsPerIp());
        assertTrue(fails("{\"server\": {\"requestTimeoutSeconds\": 0}}").contains("'server.requestTimeoutSeconds'"));
        assertTrue(fails("{\"server\": {\"requestTimeoutSeconds\": 1.5}}").contains("'server.requestTimeoutSeconds'"));
        assertTrue(fails("{\"limits\": {\"connectionsPerIp\": 0}}").contains("'limits.connectionsPerIp'"));
        assertTrue(fails("{\"limits\": {\"connectionsPerIP\": 5}}").contains("unknown key 'limits.connectionsPerIP'"));
    }

    @Test
    void inconsistentSettings_areNamed() {
        assertTrue(fails("{\"instruments\": [{\"symbol\": \"XUSDT\", \"underlying\": \"XXX\"}]}")
                .contains("'instruments[0].underlying' 'XXX' is not a configured asset"));
        assertTrue(fails("{\"accounts\": [{\"id\": \"a\", \"balances\": {\"FUTURES\": {\"USDT\": \"1\"}}}]}")
                .contains("'accounts[0].balances.FUTURES'"));
        assertTrue(fails("{\"accounts\": [{\"id\": \"a\", \"keys\": [{\"apiKey\": \"k\"}]}]}")
                .contains("exactly one of secret and ed25519PublicKey"));
        assertTrue(fails("{\"accounts\": [{\"id\": \"a\", \"keys\": [{\"apiKey\": \"k\", \"secret\": \"s\", "
                + "\"permissions\": [\"ROOT\"]}]}]}").contains("'accounts[0].keys[0].permissions[0]'"));
        assertTrue(fails("{\"accounts\": [{\"id\": \"a\", \"positions\": [{\"symbol\": \"NOPE\", \"positionAmt\": 1, "
                + "\"entryPrice\": 1}]}]}").contains("'accounts[0].positions[0].symbol'"));
        assertTrue(fails("{\"prices\": {\"DOGEUSDT\": \"1\"}}").contains("'prices.DOGEUSDT'"));
        assertTrue(fails("{\"accounts\": [{\"id\": \"a\", \"keys\": [{\"apiKey\": \"k\", \"ed25519PublicKey\": \"AAAA\"}]}]}")
                .contains("'accounts[0].keys[0].ed25519PublicKey'"));
        assertTrue(fails("{\"accounts\": [{\"id\": \"load-1\"}], \"syntheticAccounts\": {\"count\": 5}}")
                .contains("syntheticAccounts.idPrefix"));
    }
}
