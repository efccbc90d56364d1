package io.marginstream.gateway.engine;

import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.gateway.engine.feed.SimulatedFeed;
import io.marginstream.protocol.message.ExecutionType;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the real engine on a config's accounts under the simulated feed of that config (same seed, same tick), on an
 * injected clock, as fast as the engine goes: an hour of 100 ms ticks takes seconds. Reports the range of the first
 * account's uniMMR and the time spent in each status. Runnable by hand on another book or length:
 * {@code java -cp <test classpath> io.marginstream.gateway.engine.DemoBookSimulation [minutes]}.
 */
public final class DemoBookSimulation {
    /** 2026-01-01T10:00:00Z. */
    static final long T0 = 1_767_261_600_000L;

    /** What one run saw: uniMMR range, ticks per status, liquidation orders, uniMMR every 5 simulated minutes. */
    record Result(int ticks, BigDecimal first, BigDecimal min, BigDecimal max, Map<String, Integer> ticksPerStatus,
                  int liquidationEvents, List<BigDecimal> every5Minutes) {
        @Override
        public String toString() {
            return ticks + " ticks: uniMMR start " + first + ", min " + min + ", max " + max + ", ticks per status "
                    + ticksPerStatus + ", liquidation orders " + liquidationEvents + "; every 5 min: "
                    + every5Minutes.stream().map(u -> u.setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString())
                    .collect(java.util.stream.Collectors.joining(" "));
        }
    }

    private DemoBookSimulation() {}

    /** {@code ticks} feed steps on {@code config} (its feed is not started: the steps are driven from here). */
    static Result run(GatewayConfig config, int ticks) throws Exception {
        AtomicLong clock = new AtomicLong(T0);
        AtomicReference<MarginSnapshot> last = new AtomicReference<>();
        AtomicLong liquidations = new AtomicLong();
        String account = config.accounts().get(0).id();
        EngineListener listener = new EngineListener() {
            @Override
            public void onAccountEvents(String accountId, List<AccountEvent> events) {
                for (AccountEvent e : events) {
                    if (e instanceof AccountEvent.OrderUpdated f && f.executionType() == ExecutionType.TRADE
                            && f.clientOrderId().startsWith("autoclose-")) {
                        liquidations.incrementAndGet();
                    }
                }
            }

            @Override
            public void onMarginRatio(String accountId, MarginSnapshot snapshot) {
                if (accountId.equals(account)) {
                    last.set(snapshot);
                }
            }

            @Override
            public void onMarkPrices(long eventTime, Map<String, BigDecimal> marks) {
            }
        };
        GatewayConfig engineConfig = config.withFeed(config.feed().withEnabled(false));
        Map<String, Integer> perStatus = new TreeMap<>();
        BigDecimal first = null;
        BigDecimal min = null;
        BigDecimal max = null;
        List<BigDecimal> samples = new java.util.ArrayList<>();
        int ticksPer5Minutes = 300_000 / config.feed().tickMillis();
        try (MarginEngine engine = new MarginEngine(engineConfig, clock::get, listener, CommandJournal.NONE)) {
            engine.start();
            SimulatedFeed feed = new SimulatedFeed(config, engine::marks, Map::of, () -> true, c -> { });
            for (int i = 0; i < ticks; i++) {
                clock.addAndGet(config.feed().tickMillis());
                engine.submit(new EngineCommand.ApplyMarks(feed.next(engine.marks()))).get(10, TimeUnit.SECONDS);
                MarginSnapshot s = last.get();
                if (s == null || s.uniMMR() == null) {
                    continue;
                }
                BigDecimal u = s.uniMMR();
                first = first == null ? u : first;
                min = min == null || u.compareTo(min) < 0 ? u : min;
                max = max == null || u.compareTo(max) > 0 ? u : max;
                perStatus.merge(s.accountStatus().name(), 1, Integer::sum);
                if (i % ticksPer5Minutes == 0) {
                    samples.add(u);
                }
            }
        }
        return new Result(ticks, first, min, max, perStatus, (int) liquidations.get(), List.copyOf(samples));
    }

    public static void main(String[] args) throws Exception {
        int minutes = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        GatewayConfig demo = GatewayConfig.demo("demo-key", "demo-secret");
        System.out.println(run(demo, minutes * 60_000 / demo.feed().tickMillis()));
    }
}
