package io.marginstream.protocol.message;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code serverShutdown} on the {@code server} stream, sent to every session before the 1001 close (PROTOCOL.md §1).
 * {@code {"e":"serverShutdown","E"}}.
 */
public record ServerShutdown(@JsonProperty("E") long eventTime) implements StreamEvent {
    public static final String TYPE = "serverShutdown";
}
