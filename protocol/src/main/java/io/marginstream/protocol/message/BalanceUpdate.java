package io.marginstream.protocol.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;

/**
 * {@code balanceUpdate} on {@code userData}: a cross-margin or spot balance changed outside a futures update.
 * {@code {"e":"balanceUpdate","E","a","d","U","T"}}.
 *
 * @param asset     {@code "a"}
 * @param delta     {@code "d"}: the signed change
 * @param updateId  {@code "U"}: the account's update id after the change
 * @param clearTime {@code "T"}: epoch ms the change was applied
 */
@JsonPropertyOrder({"E", "a", "d", "U", "T"})
public record BalanceUpdate(@JsonProperty("E") long eventTime, @JsonProperty("a") String asset,
                            @JsonProperty("d") BigDecimal delta, @JsonProperty("U") long updateId,
                            @JsonProperty("T") long clearTime) implements StreamEvent {
    public static final String TYPE = "balanceUpdate";
}
