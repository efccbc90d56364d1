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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One price tick moving every mark, through the whole engine, with {@code accounts} synthetic PM accounts (6
 * positions over 4 underlyings each), all of which the tick touches.
 * <ul>
 *   <li>{@code tickOnEngineThread}: {@link MarginEngine#replay} applies the tick synchronously on the calling
 *       thread: index lookup, re-evaluation, status, alerts and margin snapshots of every account; no
 *       queue, journal or listener.</li>
 *   <li>{@code tickThroughQueue}: {@link MarginEngine#submit} on a started engine and wait for the result: the
 *       above plus the queue hop, the (no-op) journal sync and publishing a {@code MarginSnapshot} per account to
 *       the (no-op) listener.</li>
 * </ul>
 * Marks alternate between two sets 0.01 % apart, so every tick changes every account and none liquidates.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TickBenchmark {
    private static final long T0 = 1_767_261_600_000L;

    @Param({"20000"})
    public int accounts;

    private MarginEngine replaying;
    private MarginEngine running;
    private EngineCommand.ApplyMarks up;
    private EngineCommand.ApplyMarks down;
    private long seq;
    private boolean flip;

    @Setup(Level.Trial)
    public void setUp() {
        GatewayConfig base = GatewayConfig.empty()
                .withSyntheticAccounts(new GatewayConfig.SyntheticAccountsConfig(accounts, null, null));
        GatewayConfig config = base.withFeed(base.feed().withEnabled(false));
        Map<String, BigDecimal> a = new LinkedHashMap<>();
        Map<String, BigDecimal> b = new LinkedHashMap<>();
        config.prices().forEach((s, p) -> {
            a.put(s, p);
            b.put(s, p.multiply(new BigDecimal("1.0001")));
        });
        up = new EngineCommand.ApplyMarks(b);
        down = new EngineCommand.ApplyMarks(a);
        replaying = new MarginEngine(config, () -> T0, EngineListener.NONE, CommandJournal.NONE);
        seq = replaying.lastSeq();
        running = new MarginEngine(config, () -> T0, EngineListener.NONE, CommandJournal.NONE);
        running.start();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        replaying.close();
        running.close();
    }

    @Benchmark
    public long tickOnEngineThread() {
        flip = !flip;
        replaying.replay(++seq, T0, flip ? up : down);
        return seq;
    }

    @Benchmark
    public Object tickThroughQueue() throws Exception {
        flip = !flip;
        return running.submit(flip ? up : down).get(10, TimeUnit.SECONDS);
    }
}
