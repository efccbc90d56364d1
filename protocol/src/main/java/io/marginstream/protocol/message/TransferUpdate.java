package io.marginstream.protocol.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;

/**
 * {@code transferUpdate} on {@code userData}: an amount moved between two wallets of the account.
 * {@code {"e":"transferUpdate","E","tranId","asset","amount","from","to","U"}}.
 *
 * @param from     the source wallet; {@code null} for an admin deposit
 * @param updateId {@code "U"}: the account's update id after the change
 */
@JsonPropertyOrder({"E", "tranId", "asset", "amount", "from", "to", "U"})
public record TransferUpdate(@JsonProperty("E") long eventTime, @JsonProperty("tranId") long tranId,
                             @JsonProperty("asset") String asset, @JsonProperty("amount") BigDecimal amount,
                             @JsonProperty("from") Wallet from, @JsonProperty("to") Wallet to,
                             @JsonProperty("U") long updateId) implements StreamEvent {
    public static final String TYPE = "transferUpdate";
}
