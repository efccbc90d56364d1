package io.marginstream.gateway.session;

import io.marginstream.gateway.engine.AccountEvent;
import io.marginstream.protocol.message.AccountStatus;
import io.marginstream.protocol.message.ExecutionType;
import io.marginstream.protocol.message.FuturesType;
import io.marginstream.protocol.message.OrderStatus;
import io.marginstream.protocol.message.OrderType;
import io.marginstream.protocol.message.Side;
import io.marginstream.protocol.message.TimeInForce;
import io.marginstream.protocol.message.Wallet;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Account events of every type with hostile values, from a fixed seed: amounts of every sign, size and scale (more
 * than 8 places, exponent form, beyond a long), null amounts and strings where {@code nulls} allows them (uniMMR
 * always may be null, as the engine makes it), strings with quotes, backslashes, control characters, non-ASCII,
 * emoji and lone surrogates, longs up to {@link Long#MIN_VALUE} and {@link Long#MAX_VALUE}, lists of 0 to 3
 * entries, and every enum constant ({@link #seen}). Not thread-safe.
 */
final class RandomAccountEvents {
    static final int TYPES = 7;
    private static final String[] PIECES = {"USDT", "BTC", "BTCUSDT", "ORDER", "autoclose-1", "lt-3-17", " ",
        "\"", "\\", "/", "\b", "\t", "\n", "\f", "\r", "\u0000", "\u0001", "\u001F", "\u007F", "\u0080", "é", "€",
        "中", "\u2028", "\uFFFF", "\uD83D\uDE00", "\uD83D\uDC4D\uD83C\uDFFD", "\uD800", "\uDFFF"};

    private final Random r;
    private final boolean nulls;
    /** Every enum constant an event got. */
    final Set<Enum<?>> seen = new HashSet<>();

    RandomAccountEvents(long seed, boolean nulls) {
        this.r = new Random(seed);
        this.nulls = nulls;
    }

    /** Event number {@code i}: the types in turn. */
    AccountEvent next(int i) {
        switch (i % TYPES) {
            case 0:
                return new AccountEvent.BalanceChanged(anyLong(), anyLong(), pick(Wallet.values()), text(),
                        amount(), anyLong());
            case 1:
                return new AccountEvent.AccountPositionUpdated(anyLong(), anyLong(), anyLong(),
                        list(() -> new AccountEvent.FreeLocked(text(), amount(), amount())));
            case 2:
                return new AccountEvent.AccountUpdated(anyLong(), anyLong(), anyLong(), pick(FuturesType.values()),
                        text(), list(() -> new AccountEvent.WalletBalance(text(), amount(), amount(), amount())),
                        list(() -> new AccountEvent.PositionAmount(text(), amount(), amount(), amount(),
                                r.nextBoolean() ? "BOTH" : text())));
            case 3:
                return new AccountEvent.OrderUpdated(anyLong(), anyLong(), anyLong(), pick(FuturesType.values()),
                        text(), text(), pick(Side.values()), pick(OrderType.values()), pick(TimeInForce.values()),
                        amount(), amount(), amount(), pick(ExecutionType.values()), pick(OrderStatus.values()),
                        anyLong(), amount(), amount(), amount(), amount(), amount(), text(), amount(),
                        r.nextBoolean(), r.nextBoolean(), r.nextBoolean(), text());
            case 4:
                return new AccountEvent.RiskLevelChanged(anyLong(), anyLong(), uniMmr(),
                        pick(AccountStatus.values()), amount(), amount(), amount());
            case 5:
                return new AccountEvent.MarginAlertRaised(anyLong(), anyLong(), uniMmr(),
                        pick(AccountStatus.values()), amount(), amount(), amount(), amount());
            default:
                return new AccountEvent.TransferCompleted(anyLong(), anyLong(), anyLong(), text(), amount(),
                        r.nextInt(5) == 0 ? null : pick(Wallet.values()), pick(Wallet.values()));
        }
    }

    /** Mostly plain figures, often an edge. */
    long anyLong() {
        switch (r.nextInt(6)) {
            case 0:
                return Long.MIN_VALUE;
            case 1:
                return Long.MAX_VALUE;
            case 2:
                return r.nextInt(3) - 1;
            default:
                return r.nextLong() >> r.nextInt(64);
        }
    }

    /** An amount; null now and then when {@code nulls}. */
    BigDecimal amount() {
        if (nulls && r.nextInt(12) == 0) {
            return null;
        }
        return decimal();
    }

    private BigDecimal uniMmr() {
        return r.nextInt(4) == 0 ? null : decimal();
    }

    private BigDecimal decimal() {
        switch (r.nextInt(8)) {
            case 0:
                return BigDecimal.ZERO;
            case 1:
                return new BigDecimal(BigInteger.ZERO, r.nextInt(20) - 5);
            case 2:
                return new BigDecimal(new BigInteger(1 + r.nextInt(120), r).negate(), r.nextInt(30) - 6);
            case 3:
                return new BigDecimal(new BigInteger(1 + r.nextInt(120), r), r.nextInt(30) - 6);
            case 4:
                return BigDecimal.valueOf(r.nextLong(), r.nextInt(20));
            default:
                return BigDecimal.valueOf(r.nextInt(2_000_000_001) - 1_000_000_000L, r.nextInt(12));
        }
    }

    /** A short string from hostile pieces and any UTF-16 unit; null now and then when {@code nulls}. */
    String text() {
        if (nulls && r.nextInt(15) == 0) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (int n = r.nextInt(6); n > 0; n--) {
            sb.append(r.nextInt(5) == 0 ? String.valueOf((char) r.nextInt(0x10000)) : PIECES[r.nextInt(PIECES.length)]);
        }
        return sb.toString();
    }

    private <E extends Enum<E>> E pick(E[] values) {
        E e = values[r.nextInt(values.length)];
        seen.add(e);
        return e;
    }

    private <T> List<T> list(Supplier<T> entry) {
        List<T> out = new ArrayList<>();
        for (int n = r.nextInt(4); n > 0; n--) {
            out.add(entry.get());
        }
        return List.copyOf(out);
    }
}
