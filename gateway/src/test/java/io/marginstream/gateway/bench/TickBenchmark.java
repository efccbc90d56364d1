package io.marginstream.gateway.bench;

import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.gateway.engine.CommandJournal;
import io.marginstream.gateway.engine.EngineCommand;
import io.marginstream.gateway.engine.EngineListener;
import io.marginstream.gateway.engine.MarginEngine;
import io.marginstream.protocol.message.OrderType;
import io.marginstream.protocol.message.Side;
import io.marginstream.protocol.message.TimeInForce;
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
 * {@link BenchBooks}), all of which the tick touches, each holding {@code ordersPerAccount} resting orders (0, or
 * 10: LIMITs on both sides of five symbols, two stop entries, a reduce-only take-profit) that the tick does not
 * cross — so the {@code ordersPerAccount} difference is the cost of the open-order book on the tick path: the
 * trigger-index check per changed symbol and the open-order margin in every re-evaluation. The tick reprices the
 * options of BTC and ETH (the default listing, 60 options) whatever the book.
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

    /** The resting orders of one account (its id is filled in), none within 5 % of the start marks. */
    private static final List<EngineCommand.PlaceOrder> ORDERS = List.of(
            limit("BTCUSDT", Side.BUY, "0.01", "54000"), limit("BTCUSDT", Side.SELL, "0.01", "66000"),
            limit("ETHUSDT", Side.BUY, "0.1", "2700"), limit("ETHUSDT", Side.SELL, "0.1", "3300"),
            limit("BNBUSDT", Side.BUY, "0.1", "540"), limit("SOLUSDT", Side.SELL, "1", "165"),
            limit("BTCUSD_PERP", Side.BUY, "1", "54000"),
            trigger("BTCUSDT", Side.BUY, OrderType.STOP_MARKET, "0.01", "63000", false),
            trigger("ETHUSDT", Side.SELL, OrderType.STOP_MARKET, "0.1", "2850", false),
            trigger("BTCUSDT", Side.SELL, OrderType.TAKE_PROFIT_MARKET, "0.01", "65000", true));

    private static EngineCommand.PlaceOrder limit(String symbol, Side side, String qty, String price) {
        return new EngineCommand.PlaceOrder(null, symbol, side, OrderType.LIMIT, new BigDecimal(qty),
                new BigDecimal(price), null, TimeInForce.GTC, false, false, null);
    }

    private static EngineCommand.PlaceOrder trigger(String symbol, Side side, OrderType type, String qty, String stop,
                                                    boolean reduceOnly) {
        return new EngineCommand.PlaceOrder(null, symbol, side, type, new BigDecimal(qty), null, new BigDecimal(stop),
                null, reduceOnly, false, null);
    }

    /** The engine and the two alternating ticks. */
    @State(Scope.Benchmark)
    public abstract static class Ticks {
        @Param({"20000"})
        public int accounts;

        /** {@code futures}: the synthetic book; {@code options}: the same plus 20 options per account. */
        @Param({"futures", "options"})
        public String book;

        @Param({"0", "10"})
        public int ordersPerAccount;

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

        /** Places the resting orders through {@link MarginEngine#replay} (before start); returns the last seq. */
        long placeOrders(long seq) {
            for (int i = 0; i < accounts; i++) {
                String id = "load-" + i;
                for (EngineCommand.PlaceOrder o : ORDERS.subList(0, ordersPerAccount)) {
                    engine.replay(++seq, T0, new EngineCommand.PlaceOrder(id, o.symbol(), o.side(), o.type(),
                            o.quantity(), o.price(), o.stopPrice(), o.timeInForce(), o.reduceOnly(), false, null));
                }
            }
            long open = engine.snapshot().accounts().stream().mapToLong(a -> a.openOrders().size()).sum();
            if (open != (long) accounts * ordersPerAccount) {
                throw new IllegalStateException("only " + open + " of the resting orders were accepted");
            }
            return seq;
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
            seq = placeOrders(engine.lastSeq());
        }
    }

    /** A started engine driven through {@link MarginEngine#submit}. */
    public static class Running extends Ticks {
        @Setup(Level.Trial)
        public void setUp() {
            engine = new MarginEngine(config(), () -> T0, EngineListener.NONE, CommandJournal.NONE);
            placeOrders(engine.lastSeq());
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
