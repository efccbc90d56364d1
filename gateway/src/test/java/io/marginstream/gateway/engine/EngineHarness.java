package io.marginstream.gateway.engine;

import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.gateway.config.GatewayConfig.AccountConfig;
import io.marginstream.gateway.config.GatewayConfig.PositionConfig;
import io.marginstream.protocol.ApiException;
import io.marginstream.protocol.ErrorCode;
import io.marginstream.protocol.message.ExecutionType;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Drives a real, started {@link MarginEngine} (feed off) through its public API with a fake clock, recording every
 * event the listener receives. Commands are awaited with a bounded wait; since the engine delivers a batch's events
 * before completing its futures, a test may read the events of a command as soon as it has the result.
 */
final class EngineHarness implements AutoCloseable {
    /** 2026-01-01T10:00:00Z. */
    static final long T0 = 1_767_261_600_000L;

    final AtomicLong clock = new AtomicLong(T0);
    final MarginEngine engine;
    final Map<String, List<AccountEvent>> events = new ConcurrentHashMap<>();
    final List<MarginSnapshot> ratios = new CopyOnWriteArrayList<>();
    final List<EngineCommand> journaled = new CopyOnWriteArrayList<>();
    final List<Long> journaledTimes = new CopyOnWriteArrayList<>();
    final List<Long> journaledSeqs = new CopyOnWriteArrayList<>();

    EngineHarness(GatewayConfig config) {
        EngineListener listener = new EngineListener() {
            @Override
            public void onAccountEvents(String accountId, List<AccountEvent> evs) {
                events.computeIfAbsent(accountId, k -> new CopyOnWriteArrayList<>()).addAll(evs);
            }

            @Override
            public void onMarginRatio(String accountId, MarginSnapshot snapshot) {
                ratios.add(snapshot);
            }

            @Override
            public void onMarkPrices(long eventTime, Map<String, BigDecimal> marks) {
            }
        };
        CommandJournal journal = new CommandJournal() {
            @Override
            public void append(long seq, long timeMillis, EngineCommand cmd) {
                journaled.add(cmd);
                journaledTimes.add(timeMillis);
                journaledSeqs.add(seq);
            }

            @Override
            public void sync() {
            }
        };
        engine = new MarginEngine(config, clock::get, listener, journal);
        engine.start();
    }

    static EngineHarness of(AccountConfig... accounts) {
        return new EngineHarness(config(accounts));
    }

    static GatewayConfig config(AccountConfig... accounts) {
        GatewayConfig c = GatewayConfig.empty().withAccounts(List.of(accounts));
        return c.withFeed(c.feed().withEnabled(false));
    }

    /** A PM account: {@code balances} as wallet → asset → amount strings, positions as symbol, amount, entry. */
    static AccountConfig account(String id, Map<String, Map<String, String>> balances, String... positions) {
        return account(id, 0, true, balances, positions);
    }

    static AccountConfig account(String id, int vip, boolean pm, Map<String, Map<String, String>> balances,
                                 String... positions) {
        Map<String, Map<String, BigDecimal>> b = new LinkedHashMap<>();
        balances.forEach((w, m) -> {
            Map<String, BigDecimal> row = new LinkedHashMap<>();
            m.forEach((a, v) -> row.put(a, new BigDecimal(v)));
            b.put(w, row);
        });
        List<PositionConfig> p = new ArrayList<>();
        for (int i = 0; i < positions.length; i += 3) {
            p.add(new PositionConfig(positions[i], new BigDecimal(positions[i + 1]), new BigDecimal(positions[i + 2])));
        }
        return new AccountConfig(id, vip, pm, List.of(), b, p);
    }

    @SuppressWarnings("unchecked")
    <T> T call(EngineCommand cmd) {
        try {
            return (T) engine.submit(cmd).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ApiException ae) {
                throw ae;
            }
            throw new AssertionError(e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("engine did not answer " + cmd, e);
        }
    }

    ApiException rejected(ErrorCode code, EngineCommand cmd) {
        ApiException e = assertThrows(ApiException.class, () -> call(cmd));
        assertEquals(code, e.code(), () -> "message was: " + e.getMessage());
        return e;
    }

    AccountStatusView status(String id) {
        return call(new EngineCommand.GetAccountStatus(id));
    }

    BalanceView balance(String id, String asset) {
        return call(new EngineCommand.GetBalances(id, asset));
    }

    List<PositionView> positions(String id) {
        return call(new EngineCommand.GetPositions(id, null));
    }

    void mark(String symbol, String price) {
        call(new EngineCommand.SetMarkPrice(symbol, new BigDecimal(price)));
    }

    void marks(String... symbolPrice) {
        Map<String, BigDecimal> m = new LinkedHashMap<>();
        for (int i = 0; i < symbolPrice.length; i += 2) {
            m.put(symbolPrice[i], new BigDecimal(symbolPrice[i + 1]));
        }
        call(new EngineCommand.ApplyMarks(m));
    }

    List<AccountEvent> events(String id) {
        return events.getOrDefault(id, List.of());
    }

    /** Events of {@code id} recorded from index {@code from} on. */
    List<AccountEvent> eventsSince(String id, int from) {
        List<AccountEvent> all = events(id);
        return all.subList(Math.min(from, all.size()), all.size());
    }

    <E extends AccountEvent> List<E> eventsOf(String id, Class<E> type) {
        List<E> out = new ArrayList<>();
        for (AccountEvent e : events(id)) {
            if (type.isInstance(e)) {
                out.add(type.cast(e));
            }
        }
        return out;
    }

    /** The {@code ORDER_TRADE_UPDATE}s of {@code id} with execution type {@code x}. */
    List<AccountEvent.OrderUpdated> orderSteps(String id, ExecutionType x) {
        List<AccountEvent.OrderUpdated> out = new ArrayList<>();
        for (AccountEvent.OrderUpdated e : eventsOf(id, AccountEvent.OrderUpdated.class)) {
            if (e.executionType() == x) {
                out.add(e);
            }
        }
        return out;
    }

    static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    /** Asserts two amounts are numerically equal. */
    static void assertAmount(String expected, BigDecimal actual) {
        if (actual == null || new BigDecimal(expected).compareTo(actual) != 0) {
            fail("expected " + expected + " but was " + (actual == null ? null : actual.toPlainString()));
        }
    }

    @Override
    public void close() {
        engine.close();
    }
}
