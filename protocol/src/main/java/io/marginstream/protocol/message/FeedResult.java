package io.marginstream.protocol.message;

/** The result of {@code admin.feed}: whether the simulated feed now runs. */
public record FeedResult(boolean enabled) {
}
