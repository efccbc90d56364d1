package io.marginstream.gateway.session;

import io.marginstream.gateway.engine.AccountEvent;
import io.marginstream.gateway.engine.MarginSnapshot;
import io.marginstream.gateway.engine.TransferResult;
import io.marginstream.protocol.ProtocolJson;
import io.marginstream.protocol.RateLimit;
import io.marginstream.protocol.message.AccountStatus;
import io.marginstream.protocol.message.ExecutionType;
import io.marginstream.protocol.message.FuturesType;
import io.marginstream.protocol.message.OrderStatus;
import io.marginstream.protocol.message.OrderType;
import io.marginstream.protocol.message.Side;
import io.marginstream.protocol.message.TimeInForce;
import io.marginstream.protocol.message.TransferStatus;
import io.marginstream.protocol.message.Wallet;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The cost of encoding the hot frames: one {@code marginRatio} frame (engine thread), a {@code userData} event of
 * three shapes — a balance update, an account update with 2 balances and 1 position, an order update — and the
 * account update in Binance's shape for listenKey connections (engine thread), and the ok response to a
 * {@code transfer} with its rate limits (event loop); each by hand ({@link UserDataEncoding}, {@link PmEncoding},
 * {@link ResponseEncoding}) and, for comparison, through Jackson databind as before ({@link JacksonUserData},
 * {@link JacksonPm}, {@link ProtocolJson#okResponseBytes}). Run with {@code scripts/bench-engine.sh -f 1 -wi 3
 * -w 1s -i 3 -r 1s -prof gc FanoutEncodingBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FanoutEncodingBenchmark {
    private static final long NOW = 1_700_000_000_000L;
    private final MarginSnapshot snapshot = new MarginSnapshot(151_234_567L, 10_000_012_345_678L,
            10_100_000_000_000L, 300_000_000_000L, 200_000_000_000L, 9_000_000_000_000L, 8_000_000_000_000L,
            AccountStatus.NORMAL, 123_456, NOW);
    private final AccountEvent balance = new AccountEvent.BalanceChanged(7, NOW, Wallet.CROSS_MARGIN, "USDT",
            new BigDecimal("-12.5"), NOW);
    private final AccountEvent accountUpdate = new AccountEvent.AccountUpdated(8, NOW, NOW, FuturesType.UM, "ORDER",
            List.of(new AccountEvent.WalletBalance("USDT", new BigDecimal("10234.56789"),
                            new BigDecimal("10234.56789"), new BigDecimal("-0.0125")),
                    new AccountEvent.WalletBalance("BTC", new BigDecimal("0.5"), new BigDecimal("0.5"),
                            BigDecimal.ZERO)),
            List.of(new AccountEvent.PositionAmount("BTCUSDT", new BigDecimal("0.001"), new BigDecimal("65000.1"),
                    new BigDecimal("-0.0001"), "BOTH")));
    private final AccountEvent order = new AccountEvent.OrderUpdated(9, NOW, NOW, FuturesType.UM, "BTCUSDT",
            "lt-17-4242", Side.BUY, OrderType.MARKET, TimeInForce.GTC, new BigDecimal("0.001"), BigDecimal.ZERO,
            BigDecimal.ZERO, ExecutionType.TRADE, OrderStatus.FILLED, 1_234_567L, new BigDecimal("0.001"),
            new BigDecimal("65000.1"), new BigDecimal("0.001"), new BigDecimal("65000.1"), BigDecimal.ZERO, "USDT",
            BigDecimal.ZERO, false, false, false, "NONE");
    private final TransferResult transfer = new TransferResult(987_654L, "USDT", new BigDecimal("1"),
            Wallet.SPOT, Wallet.CROSS_MARGIN, TransferStatus.CONFIRMED);
    private final List<RateLimit> rateLimits = List.of(new RateLimit("REQUEST_WEIGHT", "MINUTE", 1, 6000, 70));
    private final Long requestId = 123_456L;

    @Benchmark
    public byte[] marginRatioFrame() {
        return EventFanout.marginRatio(snapshot);
    }

    @Benchmark
    public byte[] balanceFrame_jackson() {
        return JacksonUserData.frame(balance);
    }

    @Benchmark
    public byte[] balanceFrame_hand() {
        return UserDataEncoding.frame(balance);
    }

    @Benchmark
    public byte[] accountUpdateFrame_jackson() {
        return JacksonUserData.frame(accountUpdate);
    }

    @Benchmark
    public byte[] accountUpdateFrame_hand() {
        return UserDataEncoding.frame(accountUpdate);
    }

    @Benchmark
    public byte[] orderFrame_jackson() {
        return JacksonUserData.frame(order);
    }

    @Benchmark
    public byte[] orderFrame_hand() {
        return UserDataEncoding.frame(order);
    }

    @Benchmark
    public byte[] accountUpdatePmFrame_jackson() {
        return JacksonPm.frame(accountUpdate);
    }

    @Benchmark
    public byte[] accountUpdatePmFrame_hand() {
        return PmEncoding.frame(accountUpdate);
    }

    @Benchmark
    public byte[] transferResponse_jackson() {
        return ProtocolJson.okResponseBytes(requestId, transfer, rateLimits);
    }

    @Benchmark
    public byte[] transferResponse_hand() {
        return ResponseEncoding.ok(requestId, transfer, rateLimits);
    }
}
