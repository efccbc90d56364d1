package io.marginstream.protocol.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;

/**
 * {@code marginAlert} on {@code userData}: uniMMR fell below an alert threshold (PROTOCOL.md §5.4).
 * {@code {"e":"marginAlert","E","u","s","eq","ae","m","threshold"}}.
 *
 * @param uniMMR        {@code "u"}
 * @param status        {@code "s"}
 * @param accountEquity {@code "eq"}
 * @param actualEquity  {@code "ae"}
 * @param maintMargin   {@code "m"}
 * @param threshold     the threshold crossed
 */
@JsonPropertyOrder({"E", "u", "s", "eq", "ae", "m", "threshold", "U"})
public record MarginAlert(@JsonProperty("E") long eventTime, @JsonProperty("u") BigDecimal uniMMR,
                          @JsonProperty("s") AccountStatus status, @JsonProperty("eq") BigDecimal accountEquity,
                          @JsonProperty("ae") BigDecimal actualEquity, @JsonProperty("m") BigDecimal maintMargin,
                          @JsonProperty("threshold") BigDecimal threshold, @JsonProperty("U") long updateId)
        implements StreamEvent {
    public static final String TYPE = "marginAlert";
}
