package io.marginstream.gateway.engine;

import io.marginstream.protocol.message.Wallet;

import java.math.BigDecimal;
import java.util.List;

/**
 * The result of {@code autoCollection} / {@code assetCollection} (PROTOCOL.md §4.4); {@code msg} is
 * {@code success}. For {@code assetCollection}, {@code usedToday} is the auto-collection count, unchanged.
 */
public record CollectionResult(String msg, long tranId, List<Collected> collected, int usedToday, int limitPerDay) {

    public CollectionResult {
        collected = List.copyOf(collected);
    }

    /** One moved balance: {@code amount} of {@code asset} from {@code from} ({@code UM} or {@code CM}). */
    public record Collected(String asset, Wallet from, BigDecimal amount) {
    }
}
