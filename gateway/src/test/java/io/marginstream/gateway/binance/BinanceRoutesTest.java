package io.marginstream.gateway.binance;

import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.gateway.engine.CommandJournal;
import io.marginstream.gateway.engine.EngineListener;
import io.marginstream.gateway.engine.MarginEngine;
import io.marginstream.gateway.metrics.GatewayMetrics;
import io.marginstream.gateway.ratelimit.RateLimiter;
import io.marginstream.gateway.session.KeyStore;
import io.marginstream.gateway.session.SessionRegistry;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/BINANCE.md's table of served endpoints is the routing table: same routes, order, weights and security. */
class BinanceRoutesTest {
    private static final Path DOC = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
            .resolve("../docs/BINANCE.md");

    @Test
    void docTable_listsExactlyTheRoutes_withTheirWeightsSecurityAndPermission() throws Exception {
        GatewayConfig config = GatewayConfig.empty();
        MarginEngine engine = new MarginEngine(config, System::currentTimeMillis, EngineListener.NONE,
                CommandJournal.NONE);
        RateLimiter limiter = new RateLimiter(config.limits(), System::currentTimeMillis);
        KeyStore keys = new KeyStore(config);
        GatewayMetrics metrics = new GatewayMetrics();
        SessionRegistry sessions = new SessionRegistry(config, System::currentTimeMillis, metrics, limiter, keys);
        BinanceApi api = new BinanceApi(config, engine, keys, limiter, sessions, metrics, System::currentTimeMillis);
        List<String> code = new ArrayList<>();
        for (Route r : api.routes().all()) {
            String security = switch (r.security()) {
                case PUBLIC -> "NONE";
                case API_KEY -> "USER_STREAM";
                case SIGNED -> "SIGNED";
            };
            String weight = r.weight() + (r.allSymbolsWeight() > 0 ? " (" + r.allSymbolsWeight() + " without symbol)"
                    : "");
            code.add(r.method() + " " + r.path() + " " + weight + " " + security + " "
                    + (r.permission() == null ? "—" : r.permission().name()));
        }
        String doc = Files.readString(DOC);
        String section = doc.substring(doc.indexOf("## Served endpoints"), doc.indexOf("**Requests.**"));
        List<String> documented = new ArrayList<>();
        for (String line : section.split("\n")) {
            String[] cells = line.split("\\|");
            if (cells.length > 6 && cells[2].trim().startsWith("`/")) {
                documented.add(cells[1].trim() + " " + cells[2].trim().replace("`", "") + " " + cells[3].trim() + " "
                        + cells[4].trim() + " " + cells[5].trim());
            }
        }
        assertTrue(documented.size() > 30, "table not found in " + DOC);
        assertEquals(code, documented);
    }
}
