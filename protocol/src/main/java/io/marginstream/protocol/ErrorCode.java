package io.marginstream.protocol;

/**
 * Every error code of PROTOCOL.md §8 with its default HTTP-like status and a message template.
 *
 * <p>Grouped by numeric range as Binance groups them: {@code -1xxx} general and request errors, {@code -2xxx}
 * authentication, funds and order outcomes, {@code -4xxx} order rules, {@code -5xxx} wallet commands (and Binance's
 * {@code -5022} post-only rejection). A few codes take another
 * status in context ({@code -1003} is 418 when banned, {@code -2015} is 403 for a missing permission): pass the
 * status to {@link ApiException} then.
 */
public enum ErrorCode {
    UNKNOWN(-1000, 500, "An unknown error occurred while processing the request."),
    UNAUTHORIZED(-1002, 401, "You are not authorized to execute this request; call session.logon first."),
    TOO_MANY_REQUESTS(-1003, 429, "Too many requests."),
    EXECUTION_STATUS_UNKNOWN(-1007, 503,
            "Timeout waiting for response from backend server. Send status unknown; execution status unknown."),
    SERVICE_OVERLOADED(-1008, 503, "Engine is overloaded; nothing changed, retry later."),
    MALFORMED_REQUEST(-1013, 400, "Malformed request."),
    TOO_MANY_ORDERS(-1015, 429, "Too many new orders."),
    UNKNOWN_METHOD(-1020, 400, "Unknown method '%s'."),
    INVALID_TIMESTAMP(-1021, 400, "Timestamp for this request is outside of the recvWindow."),
    INVALID_SIGNATURE(-1022, 400, "Signature for this request is not valid."),
    ILLEGAL_CHARS(-1100, 400, "Illegal characters found in parameter '%s'."),
    DUPLICATE_PARAM(-1101, 400, "Duplicate values for parameter '%s'."),
    MANDATORY_PARAM_MISSING(-1102, 400, "Mandatory parameter '%s' was not sent, was empty/null, or malformed."),
    UNKNOWN_PARAM(-1104, 400, "Parameter '%s' is not known for this method."),
    PARAM_NOT_REQUIRED(-1106, 400, "Parameter '%s' sent when not required."),
    BAD_PRECISION(-1111, 400, "Parameter '%s' has too much precision."),
    INVALID_ORDER_TYPE(-1116, 400, "Invalid orderType."),
    INVALID_SIDE(-1117, 400, "Invalid side."),
    BAD_SYMBOL(-1121, 400, "Invalid symbol '%s'."),
    UNKNOWN_LISTEN_KEY(-1125, 400, "This listenKey does not exist."),
    BAD_PARAM_VALUE(-1130, 400, "Invalid data sent for parameter '%s'."),
    BAD_RECV_WINDOW(-1131, 400, "recvWindow must be less than 60000."),
    UNKNOWN_ORDER(-2011, 400, "Unknown order sent."),
    NO_SUCH_ORDER(-2013, 400, "Order does not exist."),
    BAD_API_KEY_FORMAT(-2014, 401, "API-key format invalid."),
    REJECTED_API_KEY(-2015, 401, "Invalid API-key, IP, or permissions for action."),
    INSUFFICIENT_BALANCE(-2018, 400, "Balance is insufficient."),
    INSUFFICIENT_MARGIN(-2019, 400, "Margin is insufficient."),
    WOULD_TRIGGER_IMMEDIATELY(-2021, 400, "Order would immediately trigger."),
    REDUCE_ONLY_REJECTED(-2022, 400, "ReduceOnly Order is rejected."),
    ACCOUNT_IN_LIQUIDATION(-2023, 400, "User in liquidation mode now."),
    MAX_OPEN_ORDERS(-2025, 400, "Reach max open order limit."),
    DUPLICATE_CLIENT_ORDER_ID(-4015, 400, "Client order id is not valid."),
    POSITION_SIDE_MISMATCH(-4061, 400, "Order's position side does not match user's setting."),
    REDUCE_ONLY(-4087, 400, "Account is reduce-only: only orders that reduce exposure are accepted."),
    ROUTE_NOT_ALLOWED(-5001, 400, "Transfer route or asset not allowed."),
    CLIENT_TRAN_ID_REUSED(-5002, 409, "clientTranId '%s' was already used with different parameters."),
    USE_LIMIT_REACHED(-5003, 429, "Use limit of this command reached."),
    NOT_ELIGIBLE(-5005, 400, "Account is not eligible for portfolio margin."),
    WRONG_MODE(-5006, 400, "Account is not in the mode this command needs."),
    BANKRUPTED(-5007, 400, "Account is bankrupted."),
    POST_ONLY_REJECTED(-5022, 400,
            "Due to the order could not be executed as maker, the Post Only order will be rejected.");

    private final int code;
    private final int status;
    private final String template;

    ErrorCode(int code, int status, String template) {
        this.code = code;
        this.status = status;
        this.template = template;
    }

    /** The negative wire code, e.g. {@code -1020}. */
    public int code() {
        return code;
    }

    /** The default HTTP-like status of a response carrying this code. */
    public int status() {
        return status;
    }

    /** The message template; {@code %s} stands for a parameter, method or limit name. */
    public String template() {
        return template;
    }

    /** The message with {@code args} filled into the template. */
    public String message(Object... args) {
        return args.length == 0 ? template : String.format(template, args);
    }

    /** The constant for a wire code, or {@code null} if none has it. */
    public static ErrorCode ofCode(int code) {
        for (ErrorCode c : values()) {
            if (c.code == code) {
                return c;
            }
        }
        return null;
    }
}
