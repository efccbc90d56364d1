package io.marginstream.protocol;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Exact decimal text of PROTOCOL.md §2: amounts are plain decimals with at most 8 decimal places, never exponent
 * form, never {@code NaN}. Stateless and thread-safe.
 */
public final class Decimals {
    /** Decimal places of every amount on the wire. */
    public static final int SCALE = 8;
    /** Longest decimal text accepted (sign, digits and point). */
    public static final int MAX_LENGTH = 100;

    private Decimals() {
    }

    /**
     * The value as a plain decimal with exactly 8 decimal places, e.g. {@code "-12.30000000"}; more places are
     * rounded half-up.
     */
    public static String format(BigDecimal value) {
        return scale8(value).toPlainString();
    }

    /** The value at scale 8, rounded half-up when it has more places. */
    public static BigDecimal scale8(BigDecimal value) {
        return value.setScale(SCALE, RoundingMode.HALF_UP);
    }

    /**
     * Parses a plain decimal ({@code -?digits(.digits)?}) exactly.
     *
     * @param text      the text as sent
     * @param paramName the parameter it came from, named in the error
     * @return the value; its scale is at most 8
     * @throws ApiException {@code -1130} for blank, exponent, {@code NaN}, {@code Infinity}, hex or other non-plain
     *                      text, {@code -1111} for text with more than 8 decimal places (zeros count: §2 limits
     *                      the places written, as Binance does)
     */
    public static BigDecimal parse(String text, String paramName) {
        if (text == null || !isPlainDecimal(text)) {
            throw new ApiException(ErrorCode.BAD_PARAM_VALUE,
                    "Parameter '" + paramName + "' must be a plain decimal number such as \"12.5\".");
        }
        return checkScale(new BigDecimal(text), paramName);
    }

    /** The value unchanged if it has at most 8 decimal places, else {@code -1111} naming the parameter. */
    public static BigDecimal checkScale(BigDecimal value, String paramName) {
        if (value.scale() <= SCALE) {
            return value;
        }
        throw new ApiException(ErrorCode.BAD_PRECISION,
                "Parameter '" + paramName + "' has more than " + SCALE + " decimal places.");
    }

    /** Whether the text is {@code -?digits(.digits)?} and not longer than {@link #MAX_LENGTH}. */
    public static boolean isPlainDecimal(String text) {
        int n = text.length();
        if (n == 0 || n > MAX_LENGTH) {
            return false;
        }
        int i = text.charAt(0) == '-' ? 1 : 0;
        int intDigits = 0;
        while (i < n && isDigit(text.charAt(i))) {
            i++;
            intDigits++;
        }
        if (intDigits == 0) {
            return false;
        }
        if (i == n) {
            return true;
        }
        if (text.charAt(i) != '.') {
            return false;
        }
        i++;
        int fracDigits = 0;
        while (i < n && isDigit(text.charAt(i))) {
            i++;
            fracDigits++;
        }
        return fracDigits > 0 && i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
