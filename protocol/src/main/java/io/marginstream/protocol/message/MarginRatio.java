package io.marginstream.protocol.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;

/**
 * {@code marginRatio} on the {@code marginRatio} stream (conflated, PROTOCOL.md §6).
 * {@code {"e":"marginRatio","E","u","eq","ae","im","mm","avb","vmw","s","U"}}.
 *
 * @param uniMMR                   {@code "u"}, {@code null} when the maintenance margin is zero
 * @param accountEquity            {@code "eq"}
 * @param actualEquity             {@code "ae"}
 * @param initialMargin            {@code "im"}
 * @param maintMargin              {@code "mm"}
 * @param totalAvailableBalance    {@code "avb"}
 * @param virtualMaxWithdrawAmount {@code "vmw"}
 * @param status                   {@code "s"}
 * @param updateId                 {@code "U"}: the account's update id
 */
@JsonPropertyOrder({"E", "u", "eq", "ae", "im", "mm", "avb", "vmw", "s", "U"})
public record MarginRatio(@JsonProperty("E") long eventTime, @JsonProperty("u") BigDecimal uniMMR,
                          @JsonProperty("eq") BigDecimal accountEquity, @JsonProperty("ae") BigDecimal actualEquity,
                          @JsonProperty("im") BigDecimal initialMargin, @JsonProperty("mm") BigDecimal maintMargin,
                          @JsonProperty("avb") BigDecimal totalAvailableBalance,
                          @JsonProperty("vmw") BigDecimal virtualMaxWithdrawAmount,
                          @JsonProperty("s") AccountStatus status, @JsonProperty("U") long updateId)
        implements StreamEvent {
    public static final String TYPE = "marginRatio";
}
