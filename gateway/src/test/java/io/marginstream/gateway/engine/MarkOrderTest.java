package io.marginstream.gateway.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Marks are applied, published and journaled in symbol order, whatever order the given map iterates in. */
class MarkOrderTest {

    @Test
    void applyMarks_iteratesInSymbolOrder_andTheListenerGetsThemSo() throws Exception {
        Map<String, BigDecimal> given = new HashMap<>();
        List<String> symbols = new ArrayList<>(List.of("SOLUSDT", "BTCUSDT", "ETHUSD_PERP", "BNBUSDT", "ETHUSDT",
                "BTCUSD_PERP", "BTCUSDT_QUARTER"));
        for (int i = 0; i < symbols.size(); i++) {
            given.put(symbols.get(i), new BigDecimal(100 + i));
        }
        List<String> sorted = symbols.stream().sorted().toList();
        assertEquals(sorted, List.copyOf(new EngineCommand.ApplyMarks(given).marks().keySet()));

        List<List<String>> published = new CopyOnWriteArrayList<>();
        EngineListener listener = new EngineListener() {
            @Override
            public void onAccountEvents(String accountId, List<AccountEvent> events) {
            }

            @Override
            public void onMarginRatio(String accountId, MarginSnapshot snapshot) {
            }

            @Override
            public void onMarkPrices(long eventTime, Map<String, BigDecimal> marks) {
                published.add(List.copyOf(marks.keySet()));
            }
        };
        try (MarginEngine e = new MarginEngine(EngineHarness.config(), () -> EngineHarness.T0, listener,
                CommandJournal.NONE)) {
            e.start();
            e.submit(new EngineCommand.ApplyMarks(given)).get(10, TimeUnit.SECONDS);
            assertEquals(1, published.size());
            assertEquals(sorted, published.get(0).subList(0, sorted.size()), "the futures marks, in symbol order, "
                    + "then the options they re-price");
        }
    }
}
