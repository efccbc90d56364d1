package io.marginstream.protocol.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;

/**
 * {@code markPriceUpdate} on {@code markPrice} and {@code markPrice@<symbol>} (conflated per symbol).
 * {@code {"e":"markPriceUpdate","E","s","p"}}.
 *
 * @param symbol    {@code "s"}
 * @param markPrice {@code "p"}
 */
@JsonPropertyOrder({"E", "s", "p"})
public record MarkPriceUpdate(@JsonProperty("E") long eventTime, @JsonProperty("s") String symbol,
                              @JsonProperty("p") BigDecimal markPrice) implements StreamEvent {
    public static final String TYPE = "markPriceUpdate";
}
