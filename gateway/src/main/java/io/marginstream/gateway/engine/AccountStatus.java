package io.marginstream.gateway.engine;

/** {@code accountStatus} (§5.4), ordered from healthy to terminal. */
enum AccountStatus {
    NORMAL, MARGIN_CALL, REDUCE_ONLY, FORCE_LIQUIDATION, BANKRUPTED;

    boolean atLeast(AccountStatus other) {
        return compareTo(other) >= 0;
    }
}
