package io.marginstream.gateway.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.gateway.engine.AccountEvent;
import io.marginstream.gateway.engine.CommandJournal;
import io.marginstream.gateway.engine.EngineCommand;
import io.marginstream.gateway.engine.EngineListener;
import io.marginstream.gateway.engine.MarginEngine;
import io.marginstream.gateway.engine.MarginSnapshot;
import io.marginstream.gateway.session.EngineCommands;
import io.marginstream.protocol.ApiException;
import io.marginstream.protocol.ErrorCode;
import io.marginstream.protocol.Params;
import io.marginstream.protocol.ProtocolJson;
import io.marginstream.protocol.message.Method;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The NATS hop's bytes carry the engine's own records unchanged: every command a method makes, every result and
 * error it gets from a real engine, and every event and margin figure the engine publishes come back equal to the
 * record sent.
 */
class WireCodecTest {
    private static final List<String[]> SCRIPT = List.of(
            new String[] {"account.status", "{}"},
            new String[] {"account.balance", "{}"},
            new String[] {"account.balance", "{\"asset\":\"USDT\"}"},
            new String[] {"account.positions", "{}"},
            new String[] {"account.riskSettings", "{}"},
            new String[] {"account.riskSettings.update", "{\"alertThresholds\":[\"1.2\"],\"leverage\":{\"BTCUSDT\":20}}"},
            new String[] {"autoCollection.usage", "{}"},
            new String[] {"transfer", "{\"asset\":\"USDT\",\"amount\":\"10.50\",\"from\":\"SPOT\",\"to\":\"CROSS_MARGIN\","
                    + "\"clientTranId\":\"w-1\"}"},
            new String[] {"transfer", "{\"asset\":\"USDT\",\"amount\":\"11\",\"from\":\"SPOT\",\"to\":\"CROSS_MARGIN\","
                    + "\"clientTranId\":\"w-1\"}"},
            new String[] {"transfer", "{\"asset\":\"USDT\",\"amount\":\"99999999\",\"from\":\"SPOT\",\"to\":\"UM\"}"},
            new String[] {"autoCollection", "{}"},
            new String[] {"assetCollection", "{\"asset\":\"USDT\"}"},
            new String[] {"bnbTransfer", "{\"amount\":\"1\",\"transferSide\":\"TO_UM\"}"},
            new String[] {"transfer.history", "{}"},
            new String[] {"order.place", "{\"symbol\":\"BTCUSDT\",\"side\":\"SELL\",\"type\":\"MARKET\",\"quantity\":\"0.01\"}"},
            new String[] {"order.place", "{\"symbol\":\"BTCUSDT\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"quantity\":\"0.01\","
                    + "\"price\":\"50000\",\"timeInForce\":\"GTC\",\"newClientOrderId\":\"w-o1\"}"},
            new String[] {"openOrders", "{}"},
            new String[] {"order.query", "{\"symbol\":\"BTCUSDT\",\"origClientOrderId\":\"w-o1\"}"},
            new String[] {"order.cancel", "{\"symbol\":\"BTCUSDT\",\"origClientOrderId\":\"w-o1\"}"},
            new String[] {"order.cancelAll", "{\"symbol\":\"BTCUSDT\"}"},
            new String[] {"allOrders", "{}"},
            new String[] {"admin.setMarkPrice", "{\"symbol\":\"BTCUSDT\",\"price\":\"58000.5\"}"},
            new String[] {"admin.deposit", "{\"accountId\":\"alice\",\"asset\":\"USDT\",\"amount\":\"5\"}"},
            new String[] {"admin.feed", "{\"enabled\":false}"},
            new String[] {"admin.setImpliedVol", "{\"underlying\":\"BTC\",\"skew\":\"-0.2\"}"},
            new String[] {"options.surface", "{}"},
            new String[] {"admin.advanceMarketTime", "{\"millis\":60000}"},
            new String[] {"account.portfolioMargin.disable", "{}"},
            new String[] {"account.portfolioMargin.enable", "{}"});

    @Test
    void everyCommandResultErrorEventAndFigure_comesBackEqual() throws Exception {
        List<Object> published = new CopyOnWriteArrayList<>();
        EngineListener capture = new EngineListener() {
            @Override
            public void onAccountEvents(String accountId, List<AccountEvent> events) {
                published.add(List.copyOf(events));
            }

            @Override
            public void onMarginRatio(String accountId, MarginSnapshot snapshot) {
                published.add(snapshot);
            }

            @Override
            public void onMarkPrices(long eventTime, Map<String, BigDecimal> marks) {
            }
        };
        GatewayConfig config = io.marginstream.gateway.it.TestGatewayAccess.base();
        MarginEngine engine = new MarginEngine(config, System::currentTimeMillis, capture, CommandJournal.NONE);
        engine.start();
        Set<String> resultTypes = new HashSet<>();
        int errors = 0;
        try {
            for (String[] step : SCRIPT) {
                Method m = Method.byName(step[0]);
                var r = ProtocolJson.parseRequest("{\"id\":1,\"method\":\"" + step[0] + "\",\"params\":" + step[1]
                        + "}");
                EngineCommand cmd = EngineCommands.command(m, "alice", Params.of(r.params(), m.params()));
                assertEquals(cmd, WireCodec.readRequest(WireCodec.request(cmd, 42)).command(), step[0]);
                try {
                    Object result = engine.submit(cmd).get(30, TimeUnit.SECONDS);
                    Object back = WireCodec.readReply(WireCodec.result(result));
                    assertEquals(result, back, step[0]);
                    resultTypes.add(result instanceof List<?> l && !l.isEmpty() ? "List<"
                            + l.get(0).getClass().getSimpleName() + ">" : String.valueOf(result).split("\\[")[0]);
                } catch (ExecutionException e) {
                    ApiException api = assertInstanceOf(ApiException.class, e.getCause(), step[0]);
                    ApiException back = (ApiException) WireCodec.readReply(WireCodec.error(api));
                    assertEquals(api.code(), back.code());
                    assertEquals(api.status(), back.status());
                    assertEquals(api.getMessage(), back.getMessage());
                    assertEquals(api.data() == null || api.data().isEmpty() ? null : api.data(), back.data());
                    errors++;
                }
            }
        } finally {
            engine.close();
        }
        assertTrue(errors >= 2, "the script meets rejections too (-5002, -2018): " + errors);
        assertTrue(resultTypes.size() >= 15, "many result types crossed: " + resultTypes);
        List<Object> events = new ArrayList<>(published);
        assertTrue(events.stream().anyMatch(o -> o instanceof MarginSnapshot));
        for (Object o : events) {
            if (o instanceof MarginSnapshot s) {
                assertEquals(s, WireCodec.readMarginSnapshot(WireCodec.marginSnapshot(s)));
            } else {
                @SuppressWarnings("unchecked")
                List<AccountEvent> batch = (List<AccountEvent>) o;
                assertEquals(batch, WireCodec.readEvents(WireCodec.events(batch)));
            }
        }
        Set<Class<?>> eventTypes = new HashSet<>();
        events.stream().filter(o -> o instanceof List<?>).forEach(o -> ((List<?>) o).forEach(e -> eventTypes.add(
                e.getClass())));
        assertTrue(eventTypes.size() >= 4, "several event types crossed: " + eventTypes);
        assertEquals(new EngineCommand.ApplyMarks(Map.of("BTCUSDT", new BigDecimal("60000.10")), Map.of()),
                WireCodec.readRequest(WireCodec.request(new EngineCommand.ApplyMarks(Map.of("BTCUSDT",
                        new BigDecimal("60000.10")), Map.of()), 1)).command());
        assertEquals(ErrorCode.SERVICE_OVERLOADED, ((ApiException) WireCodec.readReply(WireCodec.error(
                new ApiException(ErrorCode.SERVICE_OVERLOADED, "x")))).code());
    }
}
