package io.marginstream.gateway.cluster;

import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.gateway.engine.AccountEvent;
import io.marginstream.gateway.engine.CommandJournal;
import io.marginstream.gateway.engine.EngineCommand;
import io.marginstream.gateway.engine.EngineListener;
import io.marginstream.gateway.engine.MarginEngine;
import io.marginstream.gateway.engine.MarginSnapshot;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code marginRatio} figures one feed tick makes a shard publish, taken from a real engine: {@code accounts}
 * synthetic PM accounts (the load tester's book, ids {@code load-<i>}), every mark moved by 0.01 %, and the
 * {@link MarginSnapshot} the engine hands its listener for each account. For the shard publishing benchmarks
 * ({@link ShardPublishBenchmark}, {@link ShardPublishCost}); built and read on the caller's thread.
 */
final class TickSnapshots {
    private TickSnapshots() {}

    /** One account's figures as the engine passes them to {@link EngineListener#onMarginRatio}. */
    record Figure(String accountId, MarginSnapshot snapshot) {}

    static List<Figure> oneTick(int accounts) throws Exception {
        GatewayConfig base = GatewayConfig.empty()
                .withSyntheticAccounts(new GatewayConfig.SyntheticAccountsConfig(accounts, null, null));
        GatewayConfig config = base.withFeed(base.feed().withEnabled(false));
        Map<String, BigDecimal> moved = new LinkedHashMap<>();
        config.prices().forEach((s, p) -> moved.put(s, p.multiply(new BigDecimal("1.0001"))));
        List<Figure> out = new ArrayList<>(accounts);
        EngineListener collect = new EngineListener() {
            @Override
            public void onAccountEvents(String accountId, List<AccountEvent> events) {
            }

            @Override
            public void onMarginRatio(String accountId, MarginSnapshot snapshot) {
                out.add(new Figure(accountId, snapshot));
            }

            @Override
            public void onMarkPrices(long eventTime, Map<String, BigDecimal> marks) {
            }
        };
        MarginEngine engine = new MarginEngine(config, System::currentTimeMillis, collect, CommandJournal.NONE);
        try {
            engine.start();
            // the engine completes the result after the batch's listener calls: get() makes them visible here
            engine.submit(new EngineCommand.ApplyMarks(moved)).get(60, TimeUnit.SECONDS);
        } finally {
            engine.close();
        }
        if (out.size() != accounts) {
            throw new IllegalStateException("the tick produced " + out.size() + " figures, not " + accounts);
        }
        return List.copyOf(out);
    }
}
