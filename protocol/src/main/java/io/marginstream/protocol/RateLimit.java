package io.marginstream.protocol;

/**
 * One entry of a response's {@code rateLimits} array (PROTOCOL.md §7), e.g.
 * {@code {"rateLimitType":"REQUEST_WEIGHT","interval":"MINUTE","intervalNum":1,"limit":6000,"count":70}}. Immutable.
 *
 * @param rateLimitType {@code REQUEST_WEIGHT}, {@code ORDERS}, ...
 * @param interval      {@code SECOND}, {@code MINUTE}, {@code DAY}
 * @param intervalNum   how many intervals the window spans
 * @param limit         the allowance per window
 * @param count         the usage in the current window, this request included
 */
public record RateLimit(String rateLimitType, String interval, int intervalNum, long limit, long count) {
}
