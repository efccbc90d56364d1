package io.marginstream.protocol.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;
import java.util.List;

/**
 * {@code outboundAccountPosition} on {@code userData}: the cross-margin balances a change touched, as Binance
 * sends them. {@code {"e":"outboundAccountPosition","E","u","U","B":[{"a","f","l"}]}}.
 *
 * @param lastUpdateTime {@code "u"}: epoch ms of the change
 * @param updateId       {@code "U"}: the account's update id after the change
 * @param balances       {@code "B"}
 */
@JsonPropertyOrder({"E", "u", "U", "B"})
public record OutboundAccountPosition(@JsonProperty("E") long eventTime, @JsonProperty("u") long lastUpdateTime,
                                      @JsonProperty("U") long updateId, @JsonProperty("B") List<Balance> balances)
        implements StreamEvent {
    public static final String TYPE = "outboundAccountPosition";

    public OutboundAccountPosition {
        balances = List.copyOf(balances);
    }

    /**
     * One asset.
     *
     * @param asset  {@code "a"}
     * @param free   {@code "f"}
     * @param locked {@code "l"}
     */
    @JsonPropertyOrder({"a", "f", "l"})
    public record Balance(@JsonProperty("a") String asset, @JsonProperty("f") BigDecimal free,
                          @JsonProperty("l") BigDecimal locked) {
    }
}
