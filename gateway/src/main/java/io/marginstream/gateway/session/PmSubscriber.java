package io.marginstream.gateway.session;

/**
 * One subscription of a Binance-style stream connection (§11), as the fan-out's indexes hold it: the session, the
 * stream's name (a listenKey, or a market stream such as {@code btcusdt@markPrice}) and whether the connection wants
 * the combined envelope {@code {"stream":name,"data":event}} ({@code /pm/stream}, {@code /stream}) or the raw event
 * ({@code /pm/ws/<listenKey>}, {@code /ws/<stream>}). Immutable, so the engine thread can read it.
 */
record PmSubscriber(Session session, String name, boolean combined) {
}
