package io.marginstream.protocol.message;

import java.util.List;

/** The result of {@code unsubscribe}: the streams dropped. */
public record UnsubscribeResult(List<String> unsubscribed) {
    public UnsubscribeResult {
        unsubscribed = List.copyOf(unsubscribed);
    }
}
