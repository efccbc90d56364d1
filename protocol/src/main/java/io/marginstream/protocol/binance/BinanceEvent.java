package io.marginstream.protocol.binance;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * An event of Binance's portfolio-margin user-data stream or futures market stream (§11), in Binance's shape:
 * {@code {"e": eventType, "E": eventTimeMs, ...}}. {@code "e"} is the Jackson type id, written first. On
 * {@code /pm/ws/<listenKey>} the object is the frame; on {@code /pm/stream} it is the {@code data} of
 * {@code {"stream": listenKey, "data": ...}}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "e")
@JsonSubTypes({
        @JsonSubTypes.Type(value = PmEvents.AccountUpdate.class, name = PmEvents.AccountUpdate.TYPE),
        @JsonSubTypes.Type(value = PmEvents.OrderTradeUpdate.class, name = PmEvents.OrderTradeUpdate.TYPE),
        @JsonSubTypes.Type(value = PmEvents.BalanceUpdate.class, name = PmEvents.BalanceUpdate.TYPE),
        @JsonSubTypes.Type(value = PmEvents.OutboundAccountPosition.class,
                name = PmEvents.OutboundAccountPosition.TYPE),
        @JsonSubTypes.Type(value = PmEvents.RiskLevelChange.class, name = PmEvents.RiskLevelChange.TYPE),
        @JsonSubTypes.Type(value = PmEvents.ListenKeyExpired.class, name = PmEvents.ListenKeyExpired.TYPE),
        @JsonSubTypes.Type(value = PmEvents.MarkPriceUpdate.class, name = PmEvents.MarkPriceUpdate.TYPE)})
public sealed interface BinanceEvent permits PmEvents.AccountUpdate, PmEvents.OrderTradeUpdate,
        PmEvents.BalanceUpdate, PmEvents.OutboundAccountPosition, PmEvents.RiskLevelChange,
        PmEvents.ListenKeyExpired, PmEvents.MarkPriceUpdate {

    /** {@code "E"}: epoch ms the event happened. */
    long eventTime();
}
