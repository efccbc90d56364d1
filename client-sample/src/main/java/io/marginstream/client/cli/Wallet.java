package io.marginstream.client.cli;

/** The wallets of a transfer (PROTOCOL.md §4.5); given in any case on the command line. */
enum Wallet {
    SPOT, CROSS_MARGIN, UM, CM
}
