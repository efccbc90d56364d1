package io.marginstream.gateway.cluster;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a shard's engine thread spends on one {@code marginRatio} message before it reaches jnats, with the real
 * code of {@link NatsEventSink#onMarginRatio}: {@code encodeMarginRatio} is {@link WireCodec#marginSnapshot} of one
 * account's figures, {@code subjectAndEncode} adds {@link Subjects#marginRatio} (the account's subject). The figures
 * are those of one real engine tick over {@code accounts} synthetic accounts ({@link TickSnapshots}), taken in turn,
 * so the encoder sees the variety of a tick. The publish itself (jnats queue, writer thread, socket) is measured
 * against a real broker by {@link ShardPublishCost}. In this package because the codec is package-private.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class ShardPublishBenchmark {
    @Param({"20000"})
    public int accounts;

    private List<TickSnapshots.Figure> figures;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        figures = TickSnapshots.oneTick(accounts);
    }

    private TickSnapshots.Figure nextFigure() {
        TickSnapshots.Figure f = figures.get(next);
        next = next + 1 == figures.size() ? 0 : next + 1;
        return f;
    }

    @Benchmark
    public byte[] encodeMarginRatio() {
        return WireCodec.marginSnapshot(nextFigure().snapshot());
    }

    @Benchmark
    public int subjectAndEncode() {
        TickSnapshots.Figure f = nextFigure();
        return Subjects.marginRatio(f.accountId()).length() + WireCodec.marginSnapshot(f.snapshot()).length;
    }
}
