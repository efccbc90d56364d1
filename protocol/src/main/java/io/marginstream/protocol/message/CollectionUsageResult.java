package io.marginstream.protocol.message;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The result of {@code autoCollection.usage} (docs/PROTOCOL.md, appendix): how many of the account's
 * auto-collection uses this UTC day has taken, without taking one.
 *
 * @param usedToday     uses this UTC day
 * @param limitPerDay   {@code limits.autoCollectionPerDay}
 * @param nextResetTime the next 00:00 UTC, epoch ms, when {@code usedToday} goes back to 0
 */
@JsonPropertyOrder({"usedToday", "limitPerDay", "nextResetTime"})
public record CollectionUsageResult(int usedToday, int limitPerDay, long nextResetTime) {
}
