package io.marginstream.protocol.message;

import java.util.List;

/** The result of {@code subscribe}: the streams now subscribed by this request. */
public record SubscribeResult(List<String> subscribed) {
    public SubscribeResult {
        subscribed = List.copyOf(subscribed);
    }
}
