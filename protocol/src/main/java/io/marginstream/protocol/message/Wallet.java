package io.marginstream.protocol.message;

/** The four wallets of an account (PROTOCOL.md §4.5, §5.1): {@code SPOT} is outside portfolio margin. */
public enum Wallet {
    SPOT, CROSS_MARGIN, UM, CM
}
