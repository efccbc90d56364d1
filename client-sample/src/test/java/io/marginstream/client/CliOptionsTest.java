package io.marginstream.client;

import io.marginstream.gateway.GatewayServer;
import io.marginstream.gateway.config.GatewayConfig.OptionUnderlyingConfig;
import io.marginstream.gateway.config.GatewayConfig.OptionsConfig;
import io.marginstream.protocol.auth.Ed25519;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CLI trades an option (§5.3a) — {@code msc order --symbol BTC-<yymmdd>-60000-C} — and {@code msc positions}
 * shows it with its side, strike, expiry and greeks, against a real gateway whose BTC options expire 90 days out.
 */
class CliOptionsTest {
    @TempDir
    Path dataDir;

    private static String cli(GatewayServer server, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] full = new String[args.length + 2];
        full[0] = "--url";
        full[1] = TestGateways.url(server);
        System.arraycopy(args, 0, full, 2, args.length);
        int code = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("MARGINSTREAM_API_KEY", TestGateways.API_KEY, "MARGINSTREAM_SECRET", TestGateways.SECRET))
                .run(full);
        assertEquals(Cli.OK, code, err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void orderAnOption_thenPositionsShowItsSideStrikeExpiryAndGreeks() {
        LocalDate expiry = LocalDate.now(ZoneOffset.UTC).plusDays(90);
        String symbol = "BTC-" + expiry.format(DateTimeFormatter.ofPattern("yyMMdd")) + "-60000-C";
        var config = TestGateways.demo(dataDir, Ed25519.publicKeyBase64(Ed25519.generate().getPublic()), false)
                .withOptions(new OptionsConfig(List.of(expiry.toString()), Map.of("BTC",
                        new OptionUnderlyingConfig(new BigDecimal("5000"), 2, new BigDecimal("0.01"),
                                new BigDecimal("0.6"), new BigDecimal("-0.1"), new BigDecimal("0.05")))));
        try (GatewayServer server = TestGateways.start(config)) {
            String order = cli(server, "order", "--symbol", symbol.toLowerCase(java.util.Locale.ROOT), "--side", "sell",
                    "--quantity", "0.25");
            assertTrue(order.contains(symbol) && order.contains("FILLED"), order);
            String positions = cli(server, "positions");
            String header = positions.lines().findFirst().orElseThrow();
            for (String column : List.of("optionSide", "strikePrice", "expiryDate", "markIV", "delta", "theta")) {
                assertTrue(header.contains(column), header);
            }
            String row = positions.lines().filter(l -> l.startsWith(symbol)).findFirst().orElseThrow();
            assertTrue(row.contains("CALL") && row.contains("60000.00000000") && row.contains(expiry + " 08:00:00Z")
                    && row.contains("-0.25000000"), row);
            String futures = positions.lines().filter(l -> l.startsWith("BTCUSDT ")).findFirst().orElseThrow();
            assertTrue(futures.trim().endsWith("-"), "futures rows show '-' in the option columns: " + futures);
            String one = cli(server, "positions", "--symbol", symbol);
            assertEquals(2, one.lines().count(), one);
        }
    }
}
