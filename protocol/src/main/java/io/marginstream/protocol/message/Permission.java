package io.marginstream.protocol.message;

/** API-key permissions (PROTOCOL.md §3). */
public enum Permission {
    READ, TRANSFER, TRADE, ADMIN
}
