package io.marginstream.protocol.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;

/**
 * {@code riskLevelChange} on {@code userData}: the account status changed (PROTOCOL.md §5.4).
 * {@code {"e":"riskLevelChange","E","u","s","eq","ae","m"}}.
 *
 * @param uniMMR        {@code "u"}, {@code null} when the maintenance margin is zero
 * @param status        {@code "s"}: the new status
 * @param accountEquity {@code "eq"}
 * @param actualEquity  {@code "ae"}
 * @param maintMargin   {@code "m"}
 */
@JsonPropertyOrder({"E", "u", "s", "eq", "ae", "m", "U"})
public record RiskLevelChange(@JsonProperty("E") long eventTime, @JsonProperty("u") BigDecimal uniMMR,
                              @JsonProperty("s") AccountStatus status, @JsonProperty("eq") BigDecimal accountEquity,
                              @JsonProperty("ae") BigDecimal actualEquity, @JsonProperty("m") BigDecimal maintMargin,
                              @JsonProperty("U") long updateId)
        implements StreamEvent {
    public static final String TYPE = "riskLevelChange";
}
