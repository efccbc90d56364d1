package io.marginstream.gateway.engine;

/**
 * The result of {@code autoCollection.usage}: the auto-collection uses of the current UTC day, the daily limit and
 * the next reset (00:00 UTC, epoch ms). Read-only; the wire shape is {@code protocol.message.CollectionUsageResult}.
 */
public record CollectionUsage(int usedToday, int limitPerDay, long nextResetTime) {
}
