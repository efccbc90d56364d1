package io.marginstream.protocol.binance;

import io.marginstream.protocol.ApiException;
import io.marginstream.protocol.ErrorCode;
import io.marginstream.protocol.message.Side;
import java.math.BigDecimal;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The params of {@code POST /papi/v1/um/order} and {@code /papi/v1/cm/order} (§11, reference §8.10), read with
 * Binance's errors. The served types are {@link #SERVED_TYPES}; Binance's other types are known and answered
 * {@code -1116} naming what is served. Positions are one-way, so {@code positionSide} is {@code BOTH} or absent
 * ({@code -4061} otherwise). Params Binance defines for other types ({@code timeInForce}, {@code price}, ...) are
 * read by the types that use them. Immutable.
 *
 * @param type             one of {@link #SERVED_TYPES}
 * @param quantity         &gt; 0 (the step size is the engine's rule)
 * @param newClientOrderId 1–36 of {@code [.A-Z:/a-z0-9_-]}, not starting with {@code autoclose-}; or {@code null}
 * @param result           {@code newOrderRespType=RESULT} (else {@code ACK}, the default)
 */
public record NewOrderParams(String symbol, Side side, String type, BigDecimal quantity, boolean reduceOnly,
                             String newClientOrderId, boolean result) {
    /** Order types this surface serves now. */
    public static final Set<String> SERVED_TYPES = Set.of("MARKET");
    /** Binance's futures order types. */
    public static final Set<String> BINANCE_TYPES = Set.of("LIMIT", "MARKET", "STOP", "STOP_MARKET", "TAKE_PROFIT",
            "TAKE_PROFIT_MARKET", "TRAILING_STOP_MARKET");
    private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9_]{1,40}");
    private static final Pattern CLIENT_ID = Pattern.compile("[.A-Z:/a-z0-9_-]{1,36}");
    private static final String RESERVED_PREFIX = "autoclose-";

    public static NewOrderParams from(RestParams p) {
        String symbol = p.requireString("symbol");
        if (!SYMBOL.matcher(symbol).matches()) {
            throw new ApiException(ErrorCode.BAD_SYMBOL, ErrorCode.BAD_SYMBOL.message(RestParams.printable(symbol)));
        }
        Side side = p.requireEnum("side", Side.class, ErrorCode.INVALID_SIDE);
        String type = p.requireString("type");
        if (!SERVED_TYPES.contains(type)) {
            throw new ApiException(ErrorCode.INVALID_ORDER_TYPE, BINANCE_TYPES.contains(type)
                    ? "Order type " + type + " is not served; served types: " + String.join(", ", SERVED_TYPES) + "."
                    : "Invalid orderType '" + RestParams.printable(type) + "'.");
        }
        String positionSide = p.optString("positionSide");
        if (positionSide != null && !positionSide.equals("BOTH")) {
            throw new ApiException(ErrorCode.POSITION_SIDE_MISMATCH, "Order's position side does not match user's "
                    + "setting: positions are one-way, send positionSide BOTH or leave it out.");
        }
        BigDecimal quantity = p.requireDecimal("quantity");
        if (quantity.signum() <= 0) {
            throw RestParams.badValue("quantity", "must be greater than 0");
        }
        Boolean reduceOnly = p.optBoolean("reduceOnly");
        String clientId = p.optString("newClientOrderId");
        if (clientId != null && (!CLIENT_ID.matcher(clientId).matches() || clientId.startsWith(RESERVED_PREFIX))) {
            throw RestParams.badValue("newClientOrderId", "must be 1-36 characters of letters, digits and . : / _ -"
                    + " not starting with '" + RESERVED_PREFIX + "'");
        }
        String resp = p.optString("newOrderRespType");
        if (resp != null && !resp.equals("ACK") && !resp.equals("RESULT")) {
            throw RestParams.badValue("newOrderRespType", "must be ACK or RESULT");
        }
        return new NewOrderParams(symbol, side, type, quantity, Boolean.TRUE.equals(reduceOnly), clientId,
                "RESULT".equals(resp));
    }
}
