package io.marginstream.gateway.config;

import io.marginstream.gateway.config.ConfigLoader.ConfigException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

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

    @Test
    void fullExampleOfProtocolSection10_loads() {
        GatewayConfig c = ConfigLoader.parse("""
                {"server": {"host": "127.0.0.1", "port": 8091, "maxConnections": 100000, "maxFrameBytes": 65536,
                            "pingIntervalSeconds": 20, "idleTimeoutSeconds": 60, "maxSessionHours": 24,
                            "outboundBufferBytes": 1048576},
                 "dataDir": "./data",
                 "feed": {"enabled": true, "tickMillis": 100, "seed": 42, "volatility": {"BTC": "0.6", "ETH": "0.75"}},
                 "prices": {"BTCUSDT": "60000", "ETHUSDT": 3000.5},
                 "marginModel": {"type": "PORTFOLIO", "shock": {"BTC": "0.03"}, "z": "2.33", "grossRate": "0.004",
                                 "imMultiplier": "1.5", "correlations": {"BTC/ETH": "0.85"}},
                 "limits": {"requestWeightPerMinute": 6000, "trustedNetworks": ["10.0.0.0/8"]},
                 "admin": {"enabled": false},
                 "binance": {"enabled": false},
                 "accounts": [{"id": "alice", "vipLevel": 0, "portfolioMargin": true,
                               "keys": [{"apiKey": "k1", "secret": "s", "permissions": ["READ", "TRADE"]}],
                               "balances": {"CROSS_MARGIN": {"USDT": "100000"}, "UM": {"BNB": "3"}},
                               "positions": [{"symbol": "BTCUSDT", "positionAmt": "1", "entryPrice": "60000"}]}],
                 "syntheticAccounts": {"count": 3, "idPrefix": "load-", "secretSeed": "x"}}
                """);
        assertEquals(8091, c.server().port());
        assertEquals(new BigDecimal("3000.5"), c.prices().get("ETHUSDT"));
        assertEquals(3, c.syntheticAccounts().count());
        assertEquals(false, c.binance().enabled());
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
