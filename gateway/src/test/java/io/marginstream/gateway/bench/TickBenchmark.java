package io.marginstream.gateway.bench;

import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.gateway.engine.CommandJournal;
import io.marginstream.gateway.engine.EngineCommand;
import io.marginstream.gateway.engine.EngineListener;
import io.marginstream.gateway.engine.MarginEngine;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One price tick moving every mark, through the whole engine, with {@code accounts} synthetic PM accounts (6
 * positions over 4 underlyings each; with {@code book=options} also 20 option positions each, see
 * {@link BenchBooks}), all of which the tick touches. The tick reprices the options of BTC and ETH (the default
 * listing, 60 options) whatever the book.
 * <ul>
 *   <li>{@code tickOnEngineThread}: {@link MarginEngine#replay} applies the tick synchronously on the calling
 *       thread: index lookup, re-evaluation, status, alerts and margin-snapshot bookkeeping of every account; no
 *       queue, journal or listener.</li>
 *   <li>{@code tickThroughQueue}: {@link MarginEngine#submit} on a started engine and wait for the result: the
 *       above plus the queue hop, the (no-op) journal sync and publishing a {@code MarginSnapshot} per account to
 *       the (no-op) listener.</li>
 * </ul>
 * Marks alternate between two sets 0.01 % apart, so every tick changes every account and none liquidates. Each
 * benchmark builds only its own engine.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TickBenchmark {
    private static final long T0 = 1_767_261_600_000L;

    /** The engine and the two alternating ticks. */
    @State(Scope.Benchmark)
    public abstract static class Ticks {
        @Param({"20000"})
        public int accounts;

        /** {@code futures}: the synthetic book; {@code options}: the same plus 20 options per account. */
        @Param({"futures", "options"})
        public String book;

        MarginEngine engine;
        EngineCommand.ApplyMarks up;
        EngineCommand.ApplyMarks down;
        boolean flip;

        GatewayConfig config() {
            GatewayConfig base = GatewayConfig.empty();
            if (book.equals("options")) {
                List<GatewayConfig.AccountConfig> list = new ArrayList<>(accounts);
                for (int i = 0; i < accounts; i++) {
                    list.add(BenchBooks.withOptions("load-" + i));
                }
                base = base.withAccounts(list);
            } else {
                base = base.withSyntheticAccounts(new GatewayConfig.SyntheticAccountsConfig(accounts, null, null));
            }
            GatewayConfig config = base.withFeed(base.feed().withEnabled(false));
            Map<String, BigDecimal> a = new LinkedHashMap<>();
            Map<String, BigDecimal> b = new LinkedHashMap<>();
            config.prices().forEach((s, p) -> {
                a.put(s, p);
                b.put(s, p.multiply(new BigDecimal("1.0001")));
            });
            up = new EngineCommand.ApplyMarks(b);
            down = new EngineCommand.ApplyMarks(a);
            return config;
        }

        EngineCommand.ApplyMarks next() {
            flip = !flip;
            return flip ? up : down;
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            engine.close();
        }
    }

    /** A stopped engine driven through {@link MarginEngine#replay}. */
    public static class Replaying extends Ticks {
        long seq;

        @Setup(Level.Trial)
        public void setUp() {
            engine = new MarginEngine(config(), () -> T0, EngineListener.NONE, CommandJournal.NONE);
            seq = engine.lastSeq();
        }
    }

    /** A started engine driven through {@link MarginEngine#submit}. */
    public static class Running extends Ticks {
        @Setup(Level.Trial)
        public void setUp() {
            engine = new MarginEngine(config(), () -> T0, EngineListener.NONE, CommandJournal.NONE);
            engine.start();
        }
    }

    @Benchmark
    public long tickOnEngineThread(Replaying s) {
        s.engine.replay(++s.seq, T0, s.next());
        return s.seq;
    }

    @Benchmark
    public Object tickThroughQueue(Running s) throws Exception {
        return s.engine.submit(s.next()).get(10, TimeUnit.SECONDS);
    }
}
