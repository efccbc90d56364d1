package io.marginstream.protocol.message;

import java.util.List;

/** The result of {@code subscriptions}: every stream the session is subscribed to. */
public record SubscriptionsResult(List<String> streams) {
    public SubscriptionsResult {
        streams = List.copyOf(streams);
    }
}
