package io.marginstream.protocol.message;

import io.marginstream.protocol.ApiException;
import io.marginstream.protocol.ErrorCode;
import io.marginstream.protocol.Params;
import java.math.BigDecimal;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** Value rules shared by the params records: names, ids and ranges. Stateless. */
final class Checks {
    private static final Pattern ASSET = Pattern.compile("[A-Z0-9]{1,20}");
    /** Futures ({@code BTCUSDT_QUARTER}) and options ({@code BTC-261225-60000-C}, strikes may hold a '.'). */
    private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9][A-Z0-9_.-]{0,39}");
    private static final Pattern CLIENT_ID = Pattern.compile("[.A-Z:/a-z0-9_-]{1,36}");
    /** Client order ids the gateway reserves for liquidation fills. */
    static final String AUTOCLOSE_PREFIX = "autoclose-";

    private Checks() {
    }

    static String asset(String value, String name) {
        return matching(ASSET, value, () -> Params.badValue(name, "must be an upper-case asset name such as BTC"));
    }

    /** A symbol of the wrong form is {@code -1121}, as an unknown one is. */
    static String symbol(String value, String name) {
        return matching(SYMBOL, value,
                () -> new ApiException(ErrorCode.BAD_SYMBOL, "Parameter '" + name + "' is not a valid symbol."));
    }

    /** A symbol inside a setting (a list entry or a map key): the wrong form is {@code -1130}, as in ENGINE.md §6. */
    static String symbolValue(String value, String name) {
        return matching(SYMBOL, value, () -> Params.badValue(name, "must hold upper-case symbols such as BTCUSDT"));
    }

    /** 1–36 characters of {@code [.A-Z:/a-z0-9_-]}. */
    static String clientId(String value, String name) {
        return matching(CLIENT_ID, value,
                () -> Params.badValue(name, "must be 1-36 characters of letters, digits and . : / _ -"));
    }

    /** {@code value} when it is {@code null} or matches {@code form}; otherwise throws {@code error}'s exception. */
    private static String matching(Pattern form, String value, Supplier<ApiException> error) {
        if (value != null && !form.matcher(value).matches()) {
            throw error.get();
        }
        return value;
    }

    static BigDecimal positive(BigDecimal value, String name) {
        if (value != null && value.signum() <= 0) {
            throw Params.badValue(name, "must be greater than 0");
        }
        return value;
    }

    static BigDecimal between(BigDecimal value, String min, String max, String name) {
        if (value != null && (value.compareTo(new BigDecimal(min)) < 0 || value.compareTo(new BigDecimal(max)) > 0)) {
            throw Params.badValue(name, "must be between " + min + " and " + max);
        }
        return value;
    }

    static Long between(Long value, long min, long max, String name) {
        if (value != null && (value < min || value > max)) {
            throw Params.badValue(name, "must be between " + min + " and " + max);
        }
        return value;
    }
}
