package io.marginstream.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Callbacks of a {@link GatewayClient}; every method has an empty default, so implement only what you need.
 *
 * <p>Callbacks run on the connection's reader thread, in the order the server sent the frames. Do not block in
 * them: a client that stops reading is, to the server, a slow consumer, and is closed with 4008 once its pending
 * output passes the server's bound.
 */
public interface GatewayListener {

    /** A server push: {@code stream} is e.g. {@code userData} or {@code marginRatio}, {@code data} the event. */
    default void onEvent(String stream, JsonNode data) {
    }

    /** The client moved from one lifecycle state to another. */
    default void onStateChange(GatewayClient.State from, GatewayClient.State to) {
    }

    /**
     * A {@code userData} event carried an update id {@code U} beyond the next one expected: the events for
     * {@code expectedU … gotU-1} were missed (typically while reconnecting). The client re-reads the account next.
     */
    default void onGap(long expectedU, long gotU) {
    }

    /** A fresh read of the account (status, balances, positions), after a reconnect or a gap. */
    default void onAccount(AccountSnapshot snapshot) {
    }

    /** The connection closed: the server's close code and reason, or 1006 and the error when there was none. */
    default void onClosed(int code, String reason) {
    }

    /** The account as re-read by {@link GatewayClient#readAccount}; {@code reason} says why it was read. */
    record AccountSnapshot(String reason, JsonNode status, JsonNode balances, JsonNode positions) {
    }
}
