package io.marginstream.protocol.binance;

import io.marginstream.protocol.ApiException;
import io.marginstream.protocol.ErrorCode;
import io.marginstream.protocol.message.OrderType;
import io.marginstream.protocol.message.Side;
import io.marginstream.protocol.message.TimeInForce;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The params of {@code POST /papi/v1/um/order} and {@code /papi/v1/cm/order} (§11, §12, reference §8.10), read with
 * Binance's errors. The served types are {@link #SERVED_TYPES}; Binance's other types are known and answered
 * {@code -1116} naming what is served. Positions are one-way, so {@code positionSide} is {@code BOTH} or absent
 * ({@code -4061} otherwise). Stops trigger on the mark, so {@code workingType} is {@code MARK_PRICE} or absent, and
 * prices are the order's own, so {@code priceMatch} is {@code NONE} or absent ({@code -1130} otherwise). Which params
 * a type needs or refuses is the engine's rule, as on {@code /ws}. Immutable.
 *
 * @param type             the order type, one of {@link #SERVED_TYPES}
 * @param quantity         &gt; 0 (the step size is the engine's rule); {@code null} for {@code closePosition}
 * @param price            a {@code LIMIT} order's price, or {@code null}
 * @param stopPrice        a stop or take-profit's trigger, or {@code null}
 * @param timeInForce      {@code GTC}, {@code IOC}, {@code FOK}, {@code GTX}, or {@code null}
 * @param newClientOrderId 1–36 of {@code [.A-Z:/a-z0-9_-]}, not starting with {@code autoclose-}; or {@code null}
 * @param result           {@code newOrderRespType=RESULT} (else {@code ACK}, the default)
 */
public record NewOrderParams(String symbol, Side side, OrderType type, BigDecimal quantity, BigDecimal price,
                             BigDecimal stopPrice, TimeInForce timeInForce, boolean reduceOnly,
                             boolean closePosition, String newClientOrderId, boolean result) {
    /** Order types this surface serves: the names of {@link OrderType}. */
    public static final Set<String> SERVED_TYPES = Arrays.stream(OrderType.values()).map(Enum::name)
            .collect(Collectors.toUnmodifiableSet());
    /** Binance's futures order types. */
    public static final Set<String> BINANCE_TYPES = Set.of("LIMIT", "MARKET", "STOP", "STOP_MARKET", "TAKE_PROFIT",
            "TAKE_PROFIT_MARKET", "TRAILING_STOP_MARKET");
    private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9_]{1,40}");
    private static final Pattern CLIENT_ID = Pattern.compile("[.A-Z:/a-z0-9_-]{1,36}");
    private static final String RESERVED_PREFIX = "autoclose-";

    public static NewOrderParams from(RestParams p) {
        String symbol = symbol(p);
        Side side = p.requireEnum("side", Side.class, ErrorCode.INVALID_SIDE);
        String type = p.requireString("type");
        if (!SERVED_TYPES.contains(type)) {
            throw new ApiException(ErrorCode.INVALID_ORDER_TYPE, BINANCE_TYPES.contains(type)
                    ? "Order type " + type + " is not served; served types: " + String.join(", ",
                    new java.util.TreeSet<>(SERVED_TYPES)) + "."
                    : "Invalid orderType '" + RestParams.printable(type) + "'.");
        }
        String positionSide = p.optString("positionSide");
        if (positionSide != null && !positionSide.equals("BOTH")) {
            throw new ApiException(ErrorCode.POSITION_SIDE_MISMATCH, "Order's position side does not match user's "
                    + "setting: positions are one-way, send positionSide BOTH or leave it out.");
        }
        only(p, "workingType", "MARK_PRICE", "stops trigger on the mark price");
        only(p, "priceMatch", "NONE", "orders fill at their own price or the mark");
        BigDecimal quantity = positive(p, "quantity");
        BigDecimal price = positive(p, "price");
        BigDecimal stopPrice = positive(p, "stopPrice");
        String tif = p.optString("timeInForce");
        TimeInForce timeInForce = null;
        if (tif != null) {
            if (tif.equals("GTD")) {
                throw RestParams.badValue("timeInForce", "GTD is not served; use GTC, IOC, FOK or GTX");
            }
            timeInForce = p.optEnum("timeInForce", TimeInForce.class, ErrorCode.BAD_PARAM_VALUE);
        }
        Boolean reduceOnly = p.optBoolean("reduceOnly");
        Boolean closePosition = p.optBoolean("closePosition");
        String clientId = p.optString("newClientOrderId");
        if (clientId != null && (!CLIENT_ID.matcher(clientId).matches() || clientId.startsWith(RESERVED_PREFIX))) {
            throw RestParams.badValue("newClientOrderId", "must be 1-36 characters of letters, digits and . : / _ -"
                    + " not starting with '" + RESERVED_PREFIX + "'");
        }
        String resp = p.optString("newOrderRespType");
        if (resp != null && !resp.equals("ACK") && !resp.equals("RESULT")) {
            throw RestParams.badValue("newOrderRespType", "must be ACK or RESULT");
        }
        return new NewOrderParams(symbol, side, OrderType.valueOf(type), quantity, price, stopPrice, timeInForce,
                Boolean.TRUE.equals(reduceOnly), Boolean.TRUE.equals(closePosition), clientId, "RESULT".equals(resp));
    }

    /** The required {@code symbol}, of Binance's form ({@code -1121} otherwise). */
    static String symbol(RestParams p) {
        String symbol = p.requireString("symbol");
        if (!SYMBOL.matcher(symbol).matches()) {
            throw new ApiException(ErrorCode.BAD_SYMBOL, ErrorCode.BAD_SYMBOL.message(RestParams.printable(symbol)));
        }
        return symbol;
    }

    /** An optional client order id of Binance's form ({@code -1130} otherwise). */
    static String clientId(RestParams p, String name) {
        String v = p.optString(name);
        if (v != null && !CLIENT_ID.matcher(v).matches()) {
            throw RestParams.badValue(name, "must be 1-36 characters of letters, digits and . : / _ -");
        }
        return v;
    }

    private static BigDecimal positive(RestParams p, String name) {
        BigDecimal v = p.optDecimal(name);
        if (v != null && v.signum() <= 0) {
            throw RestParams.badValue(name, "must be greater than 0");
        }
        return v;
    }

    private static void only(RestParams p, String name, String value, String why) {
        String v = p.optString(name);
        if (v != null && !v.equals(value)) {
            throw RestParams.badValue(name, "must be " + value + ": " + why);
        }
    }
}
