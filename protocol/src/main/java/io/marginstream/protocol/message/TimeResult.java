package io.marginstream.protocol.message;

/**
 * The result of {@code time}.
 *
 * @param serverTime epoch ms
 */
public record TimeResult(long serverTime) {
}
