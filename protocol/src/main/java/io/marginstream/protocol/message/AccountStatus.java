package io.marginstream.protocol.message;

/** Account risk status by uniMMR (PROTOCOL.md §5.4), from best to worst. */
public enum AccountStatus {
    NORMAL, MARGIN_CALL, REDUCE_ONLY, FORCE_LIQUIDATION, BANKRUPTED
}
