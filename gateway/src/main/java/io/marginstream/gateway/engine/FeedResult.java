package io.marginstream.gateway.engine;

/** {@code {"enabled": bool}}: the result of {@code admin.feed}. */
public record FeedResult(boolean enabled) {
}
