package io.marginstream.gateway.engine;

import io.marginstream.protocol.ApiException;
import io.marginstream.protocol.ErrorCode;
import io.marginstream.protocol.message.AccountStatus;

import java.math.BigDecimal;

/** The checks every command shares on its parameters: presence, amounts, client ids, bankruptcy. Stateless. */
final class Params {
    static final int MAX_DECIMALS = 8;
    /** The largest amount (or price) a command may carry: 10^15. */
    static final BigDecimal MAX_AMOUNT = BigDecimal.TEN.pow(15);
    static final int MAX_CLIENT_ID_LENGTH = 36;

    private Params() {}

    static ApiException missing(String param) {
        return new ApiException(ErrorCode.MANDATORY_PARAM_MISSING, ErrorCode.MANDATORY_PARAM_MISSING.message(param));
    }

    /** A required amount: present, at most 8 decimals, greater than 0, at most {@link #MAX_AMOUNT}. */
    static BigDecimal positiveAmount(BigDecimal v, String param) {
        if (v == null) {
            throw missing(param);
        }
        if (v.stripTrailingZeros().scale() > MAX_DECIMALS) {
            throw new ApiException(ErrorCode.BAD_PRECISION, ErrorCode.BAD_PRECISION.message(param));
        }
        if (v.signum() <= 0) {
            throw new ApiException(ErrorCode.BAD_PARAM_VALUE, "Parameter '" + param + "' must be greater than 0.");
        }
        if (v.compareTo(MAX_AMOUNT) > 0) {
            throw new ApiException(ErrorCode.BAD_PARAM_VALUE, "Parameter '" + param + "' must be at most "
                    + MAX_AMOUNT.toPlainString() + ".");
        }
        return v;
    }

    /** An optional client id: 1–36 characters of {@code [A-Za-z0-9._:/-]}, or {@code null}. */
    static String clientId(String v, String param) {
        if (v == null) {
            return null;
        }
        if (v.isEmpty() || v.length() > MAX_CLIENT_ID_LENGTH) {
            throw new ApiException(ErrorCode.BAD_PARAM_VALUE, "Parameter '" + param + "' must be 1 to 36 characters.");
        }
        for (int i = 0; i < v.length(); i++) {
            char ch = v.charAt(i);
            boolean ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')
                    || ch == '.' || ch == '_' || ch == ':' || ch == '/' || ch == '-';
            if (!ok) {
                throw new ApiException(ErrorCode.BAD_PARAM_VALUE, "Parameter '" + param
                        + "' may only hold letters, digits and . _ : / -.");
            }
        }
        return v;
    }

    /** A required value (an enum the front door parsed): {@code -1102} naming {@code param} if absent. */
    static <T> T required(T v, String param) {
        if (v == null) {
            throw missing(param);
        }
        return v;
    }

    static void requireNotBankrupt(Account a) {
        if (a.status == AccountStatus.BANKRUPTED) {
            throw new ApiException(ErrorCode.BANKRUPTED, "Account '" + a.id + "' is bankrupted; only reads are allowed.");
        }
    }
}
