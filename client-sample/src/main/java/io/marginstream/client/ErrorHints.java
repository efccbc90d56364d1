package io.marginstream.client;

import io.marginstream.protocol.ApiException;
import io.marginstream.protocol.ErrorCode;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/** What a user can do about each error code of PROTOCOL.md §8, for the CLI's messages. */
public final class ErrorHints {
    private static final Map<ErrorCode, String> HINTS = new EnumMap<>(ErrorCode.class);

    static {
        HINTS.put(ErrorCode.UNKNOWN, "The gateway hit an unexpected error; nothing changed. Try again.");
        HINTS.put(ErrorCode.UNAUTHORIZED, "This command needs a logged-on session.");
        HINTS.put(ErrorCode.TOO_MANY_REQUESTS, "Rate limit reached (or this key/IP is banned); wait before retrying.");
        HINTS.put(ErrorCode.SERVICE_OVERLOADED, "The engine is overloaded; nothing changed. Retry in a moment.");
        HINTS.put(ErrorCode.EXECUTION_STATUS_UNKNOWN, "The outcome is unknown (the reply was lost): read the account, "
                + "or retry with the same clientTranId / newClientOrderId, which cannot apply twice.");
        HINTS.put(ErrorCode.MALFORMED_REQUEST, "The gateway could not read the request (a client bug).");
        HINTS.put(ErrorCode.TOO_MANY_ORDERS, "Too many orders this minute for the account; wait for the next minute.");
        HINTS.put(ErrorCode.UNKNOWN_METHOD, "This gateway does not offer that method (admin.* needs admin.enabled).");
        HINTS.put(ErrorCode.INVALID_TIMESTAMP,
                "Your clock and the gateway's differ by more than recvWindow; synchronise the clock (NTP).");
        HINTS.put(ErrorCode.INVALID_SIGNATURE,
                "The signature does not match: check that the secret or key file belongs to this API key.");
        HINTS.put(ErrorCode.ILLEGAL_CHARS, "A parameter holds characters its kind does not allow (REST only).");
        HINTS.put(ErrorCode.DUPLICATE_PARAM, "A parameter was sent twice, or the request body is too large (REST only).");
        HINTS.put(ErrorCode.INVALID_ORDER_TYPE, "The order type is not served; MARKET orders are (REST only).");
        HINTS.put(ErrorCode.INVALID_SIDE, "The side must be BUY or SELL (REST only).");
        HINTS.put(ErrorCode.UNKNOWN_LISTEN_KEY, "The listenKey expired or was closed; POST /papi/v1/listenKey again.");
        HINTS.put(ErrorCode.BAD_RECV_WINDOW, "recvWindow must be at most 60000 ms (REST only).");
        HINTS.put(ErrorCode.POSITION_SIDE_MISMATCH, "Positions are one-way: send positionSide BOTH or leave it out.");
        HINTS.put(ErrorCode.MANDATORY_PARAM_MISSING, "A required parameter is missing; see the command's usage.");
        HINTS.put(ErrorCode.UNKNOWN_PARAM, "The method does not take that parameter.");
        HINTS.put(ErrorCode.BAD_PRECISION, "Amounts take at most 8 decimal places.");
        HINTS.put(ErrorCode.BAD_SYMBOL, "Unknown symbol; symbols are upper-case, e.g. BTCUSDT, BTCUSD_PERP.");
        HINTS.put(ErrorCode.BAD_PARAM_VALUE, "The parameter named above has a wrong value or is out of range.");
        HINTS.put(ErrorCode.BAD_API_KEY_FORMAT, "The API key is malformed.");
        HINTS.put(ErrorCode.REJECTED_API_KEY,
                "Unknown or disabled key, an IP outside its whitelist, or a key without the permission needed.");
        HINTS.put(ErrorCode.INSUFFICIENT_BALANCE, "The source wallet does not hold enough; see `balance`.");
        HINTS.put(ErrorCode.INSUFFICIENT_MARGIN,
                "Afterwards the account's equity would not cover its initial margin; see `status`.");
        HINTS.put(ErrorCode.ACCOUNT_IN_LIQUIDATION, "The account is being liquidated; only reads are accepted.");
        HINTS.put(ErrorCode.REDUCE_ONLY, "The account is REDUCE_ONLY: only orders that reduce a position are accepted.");
        HINTS.put(ErrorCode.ROUTE_NOT_ALLOWED,
                "Allowed routes: SPOT->CROSS_MARGIN, CROSS_MARGIN->SPOT, UM->CROSS_MARGIN, CM->CROSS_MARGIN.");
        HINTS.put(ErrorCode.CLIENT_TRAN_ID_REUSED,
                "That client transfer id was used before with other parameters; use a new one.");
        HINTS.put(ErrorCode.USE_LIMIT_REACHED, "The command's daily or rolling use limit is reached.");
        HINTS.put(ErrorCode.NOT_ELIGIBLE, "Portfolio margin needs VIP level >= 1 or enough equity.");
        HINTS.put(ErrorCode.WRONG_MODE, "The account is not in the mode (portfolio margin or classic) this needs.");
        HINTS.put(ErrorCode.BANKRUPTED, "The account is bankrupted; only reads are accepted.");
        HINTS.put(ErrorCode.PARAM_NOT_REQUIRED, "This order type does not take that parameter (e.g. price on MARKET).");
        HINTS.put(ErrorCode.UNKNOWN_ORDER, "No open order with that id on that symbol; see `orders`.");
        HINTS.put(ErrorCode.NO_SUCH_ORDER, "No such order among the open and recently closed ones.");
        HINTS.put(ErrorCode.WOULD_TRIGGER_IMMEDIATELY,
                "The mark has already reached that stopPrice; pick one on the other side of the mark.");
        HINTS.put(ErrorCode.REDUCE_ONLY_REJECTED, "A reduce-only order needs a position on the other side to reduce.");
        HINTS.put(ErrorCode.MAX_OPEN_ORDERS, "The account holds the most open orders allowed; cancel some first.");
        HINTS.put(ErrorCode.DUPLICATE_CLIENT_ORDER_ID, "An open order already uses that client order id.");
        HINTS.put(ErrorCode.POST_ONLY_REJECTED, "A GTX (post-only) order would have filled at once; move its price.");
    }

    private ErrorHints() {}

    /** The hint for a code; every code of §8 has one. */
    public static String hint(ErrorCode code) {
        return HINTS.getOrDefault(code, "");
    }

    /**
     * The full message: {@code -2018 Balance is insufficient. (status 400)}, the hint on the next line, and when
     * the error names one, the time to retry after.
     */
    public static String explain(ApiException e) {
        StringBuilder s = new StringBuilder(GatewayClient.describe(e));
        String hint = hint(e.code());
        if (!hint.isEmpty()) {
            s.append(System.lineSeparator()).append("  ").append(hint);
        }
        Object retryAfter = e.data() == null ? null : e.data().get("retryAfter");
        if (retryAfter instanceof Number n) {
            s.append(System.lineSeparator()).append("  retry after ").append(Instant.ofEpochMilli(n.longValue()));
        }
        return s.toString();
    }
}
