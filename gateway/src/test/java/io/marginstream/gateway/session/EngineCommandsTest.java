package io.marginstream.gateway.session;

import io.marginstream.gateway.engine.EngineCommand;
import io.marginstream.protocol.ApiException;
import io.marginstream.protocol.ErrorCode;
import io.marginstream.protocol.Params;
import io.marginstream.protocol.ProtocolJson;
import io.marginstream.protocol.message.Method;
import io.marginstream.protocol.message.OrderType;
import io.marginstream.protocol.message.Side;
import io.marginstream.protocol.message.TimeInForce;
import io.marginstream.protocol.message.Wallet;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every engine method of {@link Method} becomes its engine command through the protocol's params records. */
class EngineCommandsTest {
    /** The methods the session layer answers itself. */
    private static final Set<Method> LOCAL = EnumSet.of(Method.PING, Method.TIME, Method.EXCHANGE_INFO,
            Method.SESSION_LOGON, Method.SESSION_STATUS, Method.SESSION_LOGOUT, Method.SUBSCRIBE, Method.UNSUBSCRIBE,
            Method.SUBSCRIPTIONS);

    private static EngineCommand command(Method m, String params) {
        var r = ProtocolJson.parseRequest("{\"id\":1,\"method\":\"" + m.wireName() + "\",\"params\":" + params + "}");
        return EngineCommands.command(m, "alice", Params.of(r.params(), m.params()));
    }

    /** The smallest valid params of each engine method. */
    private static String minimal(Method m) {
        switch (m) {
            case TRANSFER:
                return "{\"asset\":\"USDT\",\"amount\":\"1\",\"from\":\"UM\",\"to\":\"CROSS_MARGIN\"}";
            case ASSET_COLLECTION:
                return "{\"asset\":\"ETH\"}";
            case BNB_TRANSFER:
                return "{\"amount\":\"1\",\"transferSide\":\"TO_UM\"}";
            case ORDER_PLACE:
                return "{\"symbol\":\"BTCUSDT\",\"side\":\"SELL\",\"type\":\"MARKET\",\"quantity\":\"0.001\"}";
            case ORDER_CANCEL:
            case ORDER_QUERY:
                return "{\"symbol\":\"BTCUSDT\",\"orderId\":7}";
            case ORDER_CANCEL_ALL:
                return "{\"symbol\":\"BTCUSDT\"}";
            case ADMIN_SET_MARK_PRICE:
                return "{\"symbol\":\"BTCUSDT\",\"price\":\"50000\"}";
            case ADMIN_DEPOSIT:
                return "{\"accountId\":\"bob\",\"asset\":\"USDT\",\"amount\":\"5\"}";
            case ADMIN_FEED:
                return "{\"enabled\":false}";
            case ADMIN_SET_IMPLIED_VOL:
                return "{\"underlying\":\"BTC\",\"skew\":\"-0.2\"}";
            case ADMIN_ADVANCE_MARKET_TIME:
                return "{\"millis\":3600000}";
            default:
                return "{}";
        }
    }

    @Test
    void everyEngineMethodBuildsItsCommand_andOnlyThose() {
        for (Method m : Method.values()) {
            if (LOCAL.contains(m)) {
                assertThrows(IllegalArgumentException.class, () -> command(m, "{}"), m.wireName());
            } else {
                EngineCommand c = command(m, minimal(m));
                if (c instanceof EngineCommand.AccountCommand ac && m != Method.ADMIN_DEPOSIT) {
                    assertEquals("alice", ac.accountId(), m.wireName());
                }
            }
        }
    }

    @Test
    void recordsFillTheCommandsWithTheirDefaults() {
        assertEquals(new EngineCommand.Transfer("alice", "USDT", new BigDecimal("1"), Wallet.UM, Wallet.CROSS_MARGIN,
                null),
                command(Method.TRANSFER, minimal(Method.TRANSFER)));
        assertEquals(new EngineCommand.PlaceOrder("alice", "BTCUSDT", Side.SELL, new BigDecimal("0.001"), false, null),
                command(Method.ORDER_PLACE, minimal(Method.ORDER_PLACE)));
        assertEquals(new EngineCommand.PlaceOrder("alice", "BTCUSDT", Side.BUY, OrderType.LIMIT, new BigDecimal("0.5"),
                        new BigDecimal("59000"), null, TimeInForce.GTC, true, false, "g-1"),
                command(Method.ORDER_PLACE, "{\"symbol\":\"BTCUSDT\",\"side\":\"BUY\",\"type\":\"LIMIT\","
                        + "\"quantity\":\"0.5\",\"price\":\"59000\",\"timeInForce\":\"GTC\",\"reduceOnly\":true,"
                        + "\"newClientOrderId\":\"g-1\"}"));
        assertEquals(new EngineCommand.CancelOrder("alice", "BTCUSDT", null, "g-1"),
                command(Method.ORDER_CANCEL, "{\"symbol\":\"BTCUSDT\",\"origClientOrderId\":\"g-1\"}"));
        assertEquals(new EngineCommand.GetOpenOrders("alice", null), command(Method.OPEN_ORDERS, "{}"));
        assertEquals(new EngineCommand.GetAllOrders("alice", null, null, null, 500),
                command(Method.ALL_ORDERS, "{}"));
        assertEquals(new EngineCommand.Deposit("bob", "USDT", new BigDecimal("5"), Wallet.SPOT),
                command(Method.ADMIN_DEPOSIT, minimal(Method.ADMIN_DEPOSIT)));
        assertEquals(new EngineCommand.SetImpliedVol("BTC", null, new BigDecimal("-0.2"), null),
                command(Method.ADMIN_SET_IMPLIED_VOL, minimal(Method.ADMIN_SET_IMPLIED_VOL)));
        assertEquals(new EngineCommand.AdvanceMarketTime(3_600_000L),
                command(Method.ADMIN_ADVANCE_MARKET_TIME, minimal(Method.ADMIN_ADVANCE_MARKET_TIME)));
        assertEquals(new EngineCommand.GetVolSurfaces(), command(Method.OPTIONS_SURFACE, "{}"));
        assertEquals(new EngineCommand.GetTransferHistory("alice", null, null, 100),
                command(Method.TRANSFER_HISTORY, "{}"));
        assertEquals(new EngineCommand.UpdateRiskSettings("alice", new EngineCommand.RiskSettingsPatch(null, null,
                        null, null, List.of(new BigDecimal("0.5")), Map.of("BTCUSDT", 20))),
                command(Method.ACCOUNT_RISK_SETTINGS_UPDATE, "{\"alertThresholds\":[\"0.5\"],\"leverage\":{\"BTCUSDT\":20}}"));
    }

    @Test
    void paramsTheMethodDoesNotKnow_areRejectedBeforeAnyCommand() {
        ApiException e = assertThrows(ApiException.class, () -> command(Method.ACCOUNT_STATUS, "{\"asset\":\"BTC\"}"));
        assertEquals(ErrorCode.UNKNOWN_PARAM, e.code());
        e = assertThrows(ApiException.class, () -> command(Method.TRANSFER,
                "{\"asset\":\"USDT\",\"amount\":\"1.000000001\",\"from\":\"UM\",\"to\":\"CROSS_MARGIN\"}"));
        assertEquals(ErrorCode.BAD_PRECISION, e.code());
    }
}
