package io.marginstream.gateway.binance;

import io.marginstream.protocol.message.Permission;

/**
 * One served endpoint: HTTP method and path, Binance's request weight, what the caller must show
 * ({@link Security}), the permission a signed call needs ({@code null} for none), whether it counts against the
 * {@code ORDERS} limit, and its translation. Immutable.
 */
record Route(String method, String path, int weight, Security security, Permission permission, boolean order,
             Endpoint endpoint) {

    /** What a route needs from the caller, as Binance's security types. */
    enum Security {
        /** {@code NONE}: public market data. */
        PUBLIC,
        /** {@code USER_STREAM}: the {@code X-MBX-APIKEY} header only. */
        API_KEY,
        /** {@code USER_DATA} / {@code TRADE}: the header, {@code timestamp}, {@code recvWindow?}, {@code signature}. */
        SIGNED
    }
}
