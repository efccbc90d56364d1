package io.marginstream.gateway.bench;

import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.gateway.engine.CommandJournal;
import io.marginstream.gateway.engine.EngineCommand;
import io.marginstream.gateway.engine.EngineListener;
import io.marginstream.gateway.engine.MarginEngine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cost of options on the tick as a ratio, measured so that a busy machine's noise hits both sides alike: two
 * engines in one JVM, 20,000 accounts each — the synthetic book (6 futures) and the same plus 20 options per account
 * ({@link BenchBooks}) — take 50 ticks each in turn, round after round (the same ticks as {@link TickBenchmark}'s
 * {@code tickOnEngineThread}); the second half of the rounds is reported: each side's median ms per tick and the
 * median of the per-round ratios. A measuring tool, not a test.
 *
 * <p>Usage: {@code java -cp gateway/target/test-classes:gateway/target/classes:protocol/target/classes
 * io.marginstream.gateway.bench.TickRatio [rounds]} (default 40) after {@code mvn -pl gateway -am test-compile}.
 */
public final class TickRatio {
    private static final long T0 = 1_767_261_600_000L;
    private static final int ACCOUNTS = 20_000;
    private static final int TICKS_PER_ROUND = 50;

    private TickRatio() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        String[] books = {"futures", "options"};
        MarginEngine[] engines = new MarginEngine[2];
        long[] seq = new long[2];
        EngineCommand.ApplyMarks[][] ticks = new EngineCommand.ApplyMarks[2][];
        for (int k = 0; k < 2; k++) {
            GatewayConfig base = GatewayConfig.empty();
            if (k == 1) {
                List<GatewayConfig.AccountConfig> list = new ArrayList<>(ACCOUNTS);
                for (int i = 0; i < ACCOUNTS; i++) {
                    list.add(BenchBooks.withOptions("load-" + i));
                }
                base = base.withAccounts(list);
            } else {
                base = base.withSyntheticAccounts(new GatewayConfig.SyntheticAccountsConfig(ACCOUNTS, null, null));
            }
            GatewayConfig config = base.withFeed(base.feed().withEnabled(false));
            Map<String, BigDecimal> down = new LinkedHashMap<>();
            Map<String, BigDecimal> up = new LinkedHashMap<>();
            config.prices().forEach((s, p) -> {
                down.put(s, p);
                up.put(s, p.multiply(new BigDecimal("1.0001")));
            });
            ticks[k] = new EngineCommand.ApplyMarks[] {new EngineCommand.ApplyMarks(up),
                new EngineCommand.ApplyMarks(down)};
            engines[k] = new MarginEngine(config, () -> T0, EngineListener.NONE, CommandJournal.NONE);
            seq[k] = engines[k].lastSeq();
        }
        double[][] ms = new double[2][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < 2; k++) {
                long start = System.nanoTime();
                for (int i = 0; i < TICKS_PER_ROUND; i++) {
                    engines[k].replay(++seq[k], T0, ticks[k][i & 1]);
                }
                ms[k][r] = (System.nanoTime() - start) / (double) TICKS_PER_ROUND / 1e6;
            }
        }
        int from = rounds / 2;
        double[] ratio = new double[rounds - from];
        for (int r = from; r < rounds; r++) {
            ratio[r - from] = ms[1][r] / ms[0][r];
        }
        for (int k = 0; k < 2; k++) {
            System.out.printf("%-8s median %.3f ms/tick over %d accounts%n", books[k], median(ms[k], from), ACCOUNTS);
        }
        System.out.printf("options/futures: median ratio %.2f%n", median(ratio, 0));
        for (MarginEngine e : engines) {
            e.close();
        }
    }

    private static double median(double[] values, int from) {
        double[] v = Arrays.copyOfRange(values, from, values.length);
        Arrays.sort(v);
        return v[v.length / 2];
    }
}
