package io.marginstream.protocol.message;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * The {@code data} of a stream frame (PROTOCOL.md §6): {@code {"e": eventType, "E": eventTimeMs, ...}}. The
 * {@code "e"} field is the Jackson type id, written first; reading a {@code StreamEvent} picks the record by it.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "e")
@JsonSubTypes({
        @JsonSubTypes.Type(value = BalanceUpdate.class, name = BalanceUpdate.TYPE),
        @JsonSubTypes.Type(value = AccountUpdate.class, name = AccountUpdate.TYPE),
        @JsonSubTypes.Type(value = OutboundAccountPosition.class, name = OutboundAccountPosition.TYPE),
        @JsonSubTypes.Type(value = OrderTradeUpdate.class, name = OrderTradeUpdate.TYPE),
        @JsonSubTypes.Type(value = RiskLevelChange.class, name = RiskLevelChange.TYPE),
        @JsonSubTypes.Type(value = MarginAlert.class, name = MarginAlert.TYPE),
        @JsonSubTypes.Type(value = TransferUpdate.class, name = TransferUpdate.TYPE),
        @JsonSubTypes.Type(value = MarginRatio.class, name = MarginRatio.TYPE),
        @JsonSubTypes.Type(value = MarkPriceUpdate.class, name = MarkPriceUpdate.TYPE),
        @JsonSubTypes.Type(value = ServerShutdown.class, name = ServerShutdown.TYPE)})
public sealed interface StreamEvent permits BalanceUpdate, AccountUpdate, OutboundAccountPosition,
        OrderTradeUpdate, RiskLevelChange, MarginAlert, TransferUpdate, MarginRatio, MarkPriceUpdate, ServerShutdown {

    /** {@code "E"}: epoch ms the event happened. */
    long eventTime();
}
