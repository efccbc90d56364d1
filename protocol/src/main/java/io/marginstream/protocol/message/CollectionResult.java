package io.marginstream.protocol.message;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;
import java.util.List;

/**
 * The result of {@code autoCollection} and {@code assetCollection} (PROTOCOL.md §4.4).
 *
 * @param msg         {@code "success"}
 * @param collected   what moved into {@code CROSS_MARGIN}; empty when nothing did
 * @param usedToday   auto-collection uses this UTC day, this one included (unchanged by {@code assetCollection})
 * @param limitPerDay {@code limits.autoCollectionPerDay}
 */
@JsonPropertyOrder({"msg", "tranId", "collected", "usedToday", "limitPerDay"})
public record CollectionResult(String msg, long tranId, List<Collected> collected, int usedToday, int limitPerDay) {
    public static final String SUCCESS = "success";

    public CollectionResult {
        collected = List.copyOf(collected);
    }

    /** One collected balance: the asset, the wallet it left, the amount. */
    @JsonPropertyOrder({"asset", "from", "amount"})
    public record Collected(String asset, Wallet from, BigDecimal amount) {
    }
}
