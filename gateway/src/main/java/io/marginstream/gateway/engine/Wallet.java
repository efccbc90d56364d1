package io.marginstream.gateway.engine;

import io.marginstream.protocol.ApiException;
import io.marginstream.protocol.ErrorCode;

/** The four wallets of an account (§4.5, §5.1). {@code SPOT} is outside PM and never collateral. */
enum Wallet {
    SPOT, CROSS_MARGIN, UM, CM;

    static final Wallet[] ALL = values();

    /** The wallet named {@code name}, or a {@code -1130} naming {@code param}. */
    static Wallet parse(String name, String param) {
        if (name == null || name.isEmpty()) {
            throw new ApiException(ErrorCode.MANDATORY_PARAM_MISSING, ErrorCode.MANDATORY_PARAM_MISSING.message(param));
        }
        for (Wallet w : ALL) {
            if (w.name().equals(name)) {
                return w;
            }
        }
        throw new ApiException(ErrorCode.BAD_PARAM_VALUE,
                "Parameter '" + param + "' must be one of SPOT, CROSS_MARGIN, UM, CM; got '" + name + "'.");
    }

    /** Whether balances here count as PM collateral. */
    boolean portfolio() {
        return this != SPOT;
    }
}
