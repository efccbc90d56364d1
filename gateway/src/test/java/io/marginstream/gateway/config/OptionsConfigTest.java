package io.marginstream.gateway.config;

import io.marginstream.gateway.config.ConfigLoader.ConfigException;
import io.marginstream.gateway.config.OptionListing.OptionInstrument;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code options} section (§5.3a) through the strict loader, and the listing it generates. */
class OptionsConfigTest {

    private static String fails(String json) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.parse(json)).getMessage();
    }

    @Test
    void defaults_listBtcAndEthAroundTheStartPrice() {
        List<OptionInstrument> all = OptionListing.of(ConfigLoader.parse("{}"));
        assertEquals(60, all.size());
        OptionInstrument first = all.get(0);
        assertEquals("BTC-261225-50000-C", first.symbol());
        assertEquals("BTCUSDT", first.referenceSymbol());
        assertEquals(1_798_185_600_000L, first.expiryMillis());
        assertEquals("BTC-261225-50000-P", all.get(1).symbol());
        assertTrue(all.stream().anyMatch(o -> o.symbol().equals("BTC-261225-60000-C")));
        assertTrue(all.stream().anyMatch(o -> o.symbol().equals("ETH-270625-3500-P")));
        assertEquals(new BigDecimal("0.1"), all.stream().filter(o -> o.underlying().equals("ETH")).findFirst()
                .orElseThrow().stepSize());
    }

    @Test
    void aGivenSection_replacesTheDefaults_andStrikesCentreOnTheStartPrice() {
        GatewayConfig c = ConfigLoader.parse("""
                {"prices": {"BTCUSDT": "60000", "ETHUSDT": "3130", "BNBUSDT": "600", "SOLUSDT": "150",
                            "BTCUSDT_QUARTER": "60300", "BTCUSD_PERP": "60000", "ETHUSD_PERP": "3000"},
                 "options": {"expiries": ["2027-01-29"],
                             "underlyings": {"ETH": {"strikesAround": 1, "atmVol": "0.7", "skew": "0",
                                                     "termSlope": "0", "stepSize": "0.5"}}},
                 "marginModel": {"volShock": "0.3", "shortOptionMin": "0.02"}}
                """);
        List<String> symbols = OptionListing.of(c).stream().map(OptionInstrument::symbol).toList();
        // no strike step: a round 8 % of 3130 is 250; 3130 rounds to the strike 3250
        assertEquals(List.of("ETH-270129-3000-C", "ETH-270129-3000-P", "ETH-270129-3250-C", "ETH-270129-3250-P",
                "ETH-270129-3500-C", "ETH-270129-3500-P"), symbols);
        assertEquals(new BigDecimal("0.3"), c.marginModel().volShock());
        assertTrue(OptionListing.of(ConfigLoader.parse("{\"options\": {\"underlyings\": {}}}")).isEmpty());
    }

    @Test
    void accountsMayHoldOptions_onTheirStep() {
        GatewayConfig c = ConfigLoader.parse("""
                {"accounts": [{"id": "a", "positions": [
                    {"symbol": "BTC-270326-55000-P", "positionAmt": "-0.25", "entryPrice": "1200"}]}]}
                """);
        assertEquals("BTC-270326-55000-P", c.accounts().get(0).positions().get(0).symbol());
        assertTrue(fails("""
                {"accounts": [{"id": "a", "positions": [
                    {"symbol": "BTC-270326-55000-P", "positionAmt": "0.001", "entryPrice": "1200"}]}]}
                """).contains("'accounts[0].positions[0].positionAmt' must be a multiple of stepSize 0.01"));
        assertTrue(fails("""
                {"accounts": [{"id": "a", "positions": [
                    {"symbol": "BTC-270326-55555-P", "positionAmt": "1", "entryPrice": "1200"}]}]}
                """).contains("'accounts[0].positions[0].symbol'"));
    }

    @Test
    void badOptionSettings_areNamedWithTheirPath() {
        assertTrue(fails("{\"options\": {\"expiry\": []}}").contains("unknown key 'options.expiry'"));
        assertTrue(fails("{\"options\": {\"underlyings\": {\"BTC\": {\"vol\": 1}}}}")
                .contains("unknown key 'options.underlyings.BTC.vol'"));
        assertTrue(fails("{\"options\": {\"expiries\": [\"2026-13-01\"]}}").contains("'options.expiries[0]'"));
        assertTrue(fails("{\"options\": {\"expiries\": [\"2026-12-25\", \"2026-12-25\"]}}")
                .contains("'options.expiries[1]' duplicates"));
        assertTrue(fails("{\"options\": {\"underlyings\": {\"USDC\": {}}}}")
                .contains("'options.underlyings.USDC' is not a configured non-stable asset"));
        assertTrue(fails("{\"options\": {\"underlyings\": {\"BTC\": {\"atmVol\": \"0\"}}}}")
                .contains("'options.underlyings.BTC.atmVol'"));
        assertTrue(fails("{\"options\": {\"underlyings\": {\"BTC\": {\"skew\": \"3\"}}}}")
                .contains("'options.underlyings.BTC.skew'"));
        assertTrue(fails("{\"options\": {\"underlyings\": {\"BTC\": {\"strikeStep\": \"20000\", "
                + "\"strikesAround\": 3}}}}").contains("strike would be <= 0"));
        assertTrue(fails("{\"options\": {\"expiries\": [], \"underlyings\": {\"BTC\": {}}}}")
                .contains("'options.expiries'"));
        assertTrue(fails("{\"marginModel\": {\"volShock\": \"1\"}}").contains("'marginModel.volShock'"));
        assertTrue(fails("{\"marginModel\": {\"shortOptionMin\": \"-0.1\"}}")
                .contains("'marginModel.shortOptionMin'"));
    }
}
