package io.marginstream.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginstream.protocol.ProtocolJson;
import io.marginstream.protocol.message.OrderPlaceParams;

import java.util.concurrent.CompletableFuture;

/**
 * The order methods of PROTOCOL.md §4.6 and §12 on one {@link GatewayClient}: place any type, cancel one or all of a
 * symbol, query one, list the open or all orders. Each returns the server's result (an order, or a list of orders,
 * newest first) or fails with its {@link io.marginstream.protocol.ApiException}. Obtained from
 * {@link GatewayClient#orders()}; as thread-safe as the client.
 */
public final class OrderRequests {
    private final GatewayClient client;

    OrderRequests(GatewayClient client) {
        this.client = client;
    }

    /** {@code order.place} with the record's fields (those {@code null} or {@code false} are left out). */
    public CompletableFuture<JsonNode> place(OrderPlaceParams o) {
        ObjectNode p = ProtocolJson.mapper().createObjectNode();
        p.put("symbol", o.symbol());
        p.put("side", o.side().name());
        p.put("type", o.type().name());
        if (o.quantity() != null) {
            p.put("quantity", o.quantity().toPlainString());
        }
        if (o.price() != null) {
            p.put("price", o.price().toPlainString());
        }
        if (o.stopPrice() != null) {
            p.put("stopPrice", o.stopPrice().toPlainString());
        }
        if (o.timeInForce() != null) {
            p.put("timeInForce", o.timeInForce().name());
        }
        if (o.reduceOnly()) {
            p.put("reduceOnly", true);
        }
        if (o.closePosition()) {
            p.put("closePosition", true);
        }
        if (o.newClientOrderId() != null) {
            p.put("newClientOrderId", o.newClientOrderId());
        }
        return client.request("order.place", p);
    }

    /** {@code order.cancel} of the open order of {@code symbol} with {@code orderId} or {@code clientOrderId}. */
    public CompletableFuture<JsonNode> cancel(String symbol, Long orderId, String clientOrderId) {
        return client.request("order.cancel", ref(symbol, orderId, clientOrderId));
    }

    /** {@code order.cancelAll}: every open order of {@code symbol}; the canceled orders. */
    public CompletableFuture<JsonNode> cancelAll(String symbol) {
        return client.request("order.cancelAll", ProtocolJson.mapper().createObjectNode().put("symbol", symbol));
    }

    /** {@code order.query}: an open or recently closed order of {@code symbol}. */
    public CompletableFuture<JsonNode> query(String symbol, Long orderId, String clientOrderId) {
        return client.request("order.query", ref(symbol, orderId, clientOrderId));
    }

    /** {@code openOrders}, of {@code symbol} or (null) all, newest first. */
    public CompletableFuture<JsonNode> open(String symbol) {
        ObjectNode p = ProtocolJson.mapper().createObjectNode();
        if (symbol != null) {
            p.put("symbol", symbol);
        }
        return client.request("openOrders", p);
    }

    /** {@code allOrders}: open and recently closed, of {@code symbol} or (null) all, at most {@code limit} (or null). */
    public CompletableFuture<JsonNode> all(String symbol, Integer limit) {
        ObjectNode p = ProtocolJson.mapper().createObjectNode();
        if (symbol != null) {
            p.put("symbol", symbol);
        }
        if (limit != null) {
            p.put("limit", limit);
        }
        return client.request("allOrders", p);
    }

    private static ObjectNode ref(String symbol, Long orderId, String clientOrderId) {
        ObjectNode p = ProtocolJson.mapper().createObjectNode().put("symbol", symbol);
        if (orderId != null) {
            p.put("orderId", orderId);
        }
        if (clientOrderId != null) {
            p.put("origClientOrderId", clientOrderId);
        }
        return p;
    }
}
