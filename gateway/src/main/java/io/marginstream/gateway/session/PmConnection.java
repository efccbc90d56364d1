package io.marginstream.gateway.session;

import java.util.LinkedHashMap;

/**
 * What a Binance-style stream connection (§11) is and listens to: user data ({@code /pm/ws/<listenKey>},
 * {@code /pm/stream}) or market streams ({@code /ws/<stream>}, {@code /stream}); raw events or the combined
 * envelope; and the names it is subscribed to (listenKeys or market stream names), each with the key of the index
 * that holds it (the listenKey's account, or the stream's symbol). Owned by the session's event loop.
 */
final class PmConnection {
    final boolean market;
    final boolean combined;
    final LinkedHashMap<String, String> names = new LinkedHashMap<>();

    PmConnection(boolean market, boolean combined) {
        this.market = market;
        this.combined = combined;
    }
}
