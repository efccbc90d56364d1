package io.marginstream.gateway.binance;

import io.marginstream.protocol.binance.RestParams;
import io.marginstream.protocol.message.Permission;

/**
 * One served endpoint: HTTP method and path, Binance's request weight (and {@code allSymbolsWeight}, the weight of
 * a call without {@code symbol} where Binance charges more for it, else 0), what the caller must show
 * ({@link Security}), the permission a signed call needs ({@code null} for none), whether it counts against the
 * {@code ORDERS} limit, and its translation. Immutable.
 */
record Route(String method, String path, int weight, int allSymbolsWeight, Security security, Permission permission,
             boolean order, Endpoint endpoint) {

    /** The weight of a call with {@code params} ({@code null} when they could not be read). */
    int weightOf(RestParams params) {
        return allSymbolsWeight > 0 && params != null && !params.has("symbol") ? allSymbolsWeight : weight;
    }

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
