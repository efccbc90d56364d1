package io.marginstream.gateway.session;

import io.marginstream.gateway.engine.AccountEvent;
import io.marginstream.gateway.engine.MarginSnapshot;
import io.marginstream.protocol.ProtocolJson;
import io.marginstream.protocol.message.AccountStatus;
import io.marginstream.protocol.message.Wallet;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.math.BigDecimal;
import java.util.concurrent.TimeUnit;

/**
 * The engine-thread cost of fan-out encoding: one {@code marginRatio} frame (hand-written encoder) and one
 * {@code userData} event (protocol record through Jackson). Run {@code org.openjdk.jmh.Main} on the gateway test
 * classpath plus Jackson and SLF4J, e.g. {@code -f 1 -wi 3 -i 3 'io.marginstream.gateway.session.Fanout.*'}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FanoutEncodingBenchmark {
    private final MarginSnapshot snapshot = new MarginSnapshot(151_234_567L, 10_000_012_345_678L,
            10_100_000_000_000L, 300_000_000_000L, 200_000_000_000L, 9_000_000_000_000L, 8_000_000_000_000L,
            AccountStatus.NORMAL, 123_456, 1_700_000_000_000L);
    private final AccountEvent balance = new AccountEvent.BalanceChanged(7, 1_700_000_000_000L, Wallet.CROSS_MARGIN,
            "USDT",
            new BigDecimal("-12.5"), 1_700_000_000_000L);

    @Benchmark
    public byte[] marginRatioFrame() {
        return EventFanout.marginRatio(snapshot);
    }

    @Benchmark
    public byte[] userDataFrame() {
        return ProtocolJson.eventBytes("userData", EventFanout.toWire(balance));
    }
}
