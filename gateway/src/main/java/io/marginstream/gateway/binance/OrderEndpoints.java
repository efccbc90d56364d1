package io.marginstream.gateway.binance;

import io.marginstream.gateway.engine.EngineCommand;
import io.marginstream.gateway.engine.InstrumentInfo;
import io.marginstream.gateway.engine.EngineClient;
import io.marginstream.gateway.engine.OrderResult;
import io.marginstream.protocol.ApiException;
import io.marginstream.protocol.Decimals;
import io.marginstream.protocol.ErrorCode;
import io.marginstream.protocol.binance.NewOrderParams;
import io.marginstream.protocol.binance.OrderInfo;
import io.marginstream.protocol.binance.OrderListParams;
import io.marginstream.protocol.binance.OrderRefParams;
import io.marginstream.protocol.binance.OrderResponse;
import io.marginstream.protocol.binance.SimpleResults;
import io.marginstream.protocol.message.FuturesType;
import io.marginstream.protocol.message.OrderStatus;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The order routes of §11 and §12, one method per route, for the {@code um} and {@code cm} segments: place
 * ({@code POST .../order} → {@code PlaceOrder}, every §12 type; {@code ACK} (default) answers the order as accepted,
 * {@code RESULT} as it stands once placed: {@code FILLED}, {@code NEW} if it rests, {@code EXPIRED}), cancel
 * ({@code DELETE .../order}, {@code DELETE .../allOpenOrders}), and the queries ({@code GET .../order},
 * {@code .../openOrder}, {@code .../openOrders}, {@code .../allOrders}) in Binance's query shape. A symbol must be of
 * the route's segment ({@code -1121} otherwise); lists without a symbol hold the segment's orders only.
 * {@code openOrders} lists oldest first and {@code allOrders} ascends by order id from {@code orderId} (else the most
 * recent {@code limit}), as Binance does. Stateless; thread-safe.
 */
final class OrderEndpoints {
    private static final BigDecimal ZERO = BigDecimal.ZERO;

    private final EngineClient engine;
    private final Map<String, InstrumentInfo> instruments = new LinkedHashMap<>();

    OrderEndpoints(EngineClient engine) {
        this.engine = engine;
        engine.instruments().forEach(i -> instruments.put(i.symbol(), i));
    }

    CompletionStage<Object> newUmOrder(Call c) {
        return newOrder(c, FuturesType.UM);
    }

    CompletionStage<Object> newCmOrder(Call c) {
        return newOrder(c, FuturesType.CM);
    }

    CompletionStage<Object> cancelUmOrder(Call c) {
        return cancel(c, FuturesType.UM);
    }

    CompletionStage<Object> cancelCmOrder(Call c) {
        return cancel(c, FuturesType.CM);
    }

    CompletionStage<Object> cancelAllUmOpenOrders(Call c) {
        return cancelAll(c, FuturesType.UM);
    }

    CompletionStage<Object> cancelAllCmOpenOrders(Call c) {
        return cancelAll(c, FuturesType.CM);
    }

    CompletionStage<Object> queryUmOrder(Call c) {
        return query(c, FuturesType.UM, false);
    }

    CompletionStage<Object> queryCmOrder(Call c) {
        return query(c, FuturesType.CM, false);
    }

    CompletionStage<Object> queryUmOpenOrder(Call c) {
        return query(c, FuturesType.UM, true);
    }

    CompletionStage<Object> queryCmOpenOrder(Call c) {
        return query(c, FuturesType.CM, true);
    }

    CompletionStage<Object> umOpenOrders(Call c) {
        return openOrders(c, FuturesType.UM);
    }

    CompletionStage<Object> cmOpenOrders(Call c) {
        return openOrders(c, FuturesType.CM);
    }

    CompletionStage<Object> umAllOrders(Call c) {
        return allOrders(c, FuturesType.UM);
    }

    CompletionStage<Object> cmAllOrders(Call c) {
        return allOrders(c, FuturesType.CM);
    }

    private CompletionStage<Object> newOrder(Call c, FuturesType fs) {
        NewOrderParams o = NewOrderParams.from(c.params());
        InstrumentInfo i = instrument(o.symbol(), fs);
        EngineCommand.PlaceOrder cmd = new EngineCommand.PlaceOrder(c.accountId(), o.symbol(), o.side(), o.type(),
                o.quantity(), o.price(), o.stopPrice(), o.timeInForce(), o.reduceOnly(), o.closePosition(),
                o.newClientOrderId());
        return c.<OrderResult>then(engine.submit(cmd), r -> response(r, o.result(), i));
    }

    private CompletionStage<Object> cancel(Call c, FuturesType fs) {
        OrderRefParams o = OrderRefParams.from(c.params());
        InstrumentInfo i = instrument(o.symbol(), fs);
        return c.<OrderResult>then(engine.submit(new EngineCommand.CancelOrder(c.accountId(), o.symbol(), o.orderId(),
                o.origClientOrderId())), r -> response(r, true, i));
    }

    private CompletionStage<Object> cancelAll(Call c, FuturesType fs) {
        String symbol = instrument(c.params().requireString("symbol"), fs).symbol();
        return c.then(engine.submit(new EngineCommand.CancelAllOrders(c.accountId(), symbol)),
                r -> SimpleResults.CodeMsg.ALL_OPEN_ORDERS_CANCELED);
    }

    /** {@code openOnly}: {@code .../openOrder}, where a closed order is {@code -2013} too. */
    private CompletionStage<Object> query(Call c, FuturesType fs, boolean openOnly) {
        OrderRefParams o = OrderRefParams.from(c.params());
        InstrumentInfo i = instrument(o.symbol(), fs);
        return c.<OrderResult>then(engine.submit(new EngineCommand.GetOrder(c.accountId(), o.symbol(), o.orderId(),
                o.origClientOrderId())), r -> {
                    if (openOnly && r.status() != OrderStatus.NEW) {
                        throw new ApiException(ErrorCode.NO_SUCH_ORDER, "Order does not exist: order " + r.orderId()
                                + " is " + r.status() + ", not open.");
                    }
                    return info(r, i);
                });
    }

    private CompletionStage<Object> openOrders(Call c, FuturesType fs) {
        String symbol = c.params().optString("symbol");
        if (symbol != null) {
            instrument(symbol, fs);
        }
        return c.<List<OrderResult>>then(engine.submit(new EngineCommand.GetOpenOrders(c.accountId(), symbol)),
                r -> oldestFirst(r, fs, Long.MIN_VALUE, Integer.MAX_VALUE));
    }

    private CompletionStage<Object> allOrders(Call c, FuturesType fs) {
        OrderListParams o = OrderListParams.from(c.params());
        instrument(o.symbol(), fs);
        int kept = o.orderId() == null ? o.limit() : OrderListParams.MAX_LIMIT;
        return c.<List<OrderResult>>then(engine.submit(new EngineCommand.GetAllOrders(c.accountId(), o.symbol(),
                o.startTime(), o.endTime(), kept)), r -> oldestFirst(r, fs,
                o.orderId() == null ? Long.MIN_VALUE : o.orderId(), o.limit()));
    }

    /** The engine's newest-first list of segment {@code fs}, ascending, from {@code fromId} on, at most {@code n}. */
    private List<OrderInfo> oldestFirst(List<OrderResult> newestFirst, FuturesType fs, long fromId, int n) {
        List<OrderInfo> out = new ArrayList<>();
        for (int k = newestFirst.size() - 1; k >= 0 && out.size() < n; k--) {
            OrderResult r = newestFirst.get(k);
            InstrumentInfo i = instruments.get(r.symbol());
            if (i.fs() == fs && r.orderId() >= fromId) {
                out.add(info(r, i));
            }
        }
        return out;
    }

    private InstrumentInfo instrument(String symbol, FuturesType fs) {
        InstrumentInfo i = instruments.get(symbol);
        if (i == null || i.fs() != fs) {
            throw new ApiException(ErrorCode.BAD_SYMBOL, ErrorCode.BAD_SYMBOL.message(BinanceApi.printable(symbol))
                    + " " + fs + " routes take " + fs + " symbols.");
        }
        return i;
    }

    /** {@code result}: the order as it stands; otherwise ({@code ACK}) as accepted, before any fill is reported. */
    static OrderResponse response(OrderResult r, boolean result, InstrumentInfo i) {
        boolean cm = i.fs() == FuturesType.CM;
        BigDecimal qty = result ? r.executedQty() : ZERO;
        BigDecimal avg = result ? r.avgPrice() : ZERO;
        return new OrderResponse(r.clientOrderId(), qty, cm ? null : quote(qty, avg), cm ? base(qty, avg, i) : null,
                qty, r.orderId(), avg, r.origQty(), r.price(), r.reduceOnly(), r.side(), "BOTH",
                result ? r.status() : OrderStatus.NEW, r.symbol(), cm ? i.underlying() + "USD" : null, r.timeInForce(),
                r.type(), "NONE", 0, r.updateTime(), "NONE");
    }

    static OrderInfo info(OrderResult r, InstrumentInfo i) {
        boolean cm = i.fs() == FuturesType.CM;
        BigDecimal qty = r.executedQty();
        BigDecimal avg = r.avgPrice();
        return new OrderInfo(avg, r.clientOrderId(), cm ? null : quote(qty, avg), cm ? base(qty, avg, i) : null, qty,
                r.orderId(), r.origQty(), r.type(), r.price(), r.reduceOnly(), r.side(), "BOTH", r.status(),
                r.stopPrice(), r.closePosition(), r.symbol(), cm ? i.underlying() + "USD" : null, r.time(),
                r.timeInForce(), r.type(), r.updateTime(), "MARK_PRICE", "NONE", 0, "NONE");
    }

    /** UM: the filled quote in USDT. */
    private static BigDecimal quote(BigDecimal qty, BigDecimal avg) {
        return qty.multiply(avg);
    }

    /** CM: the filled base in coin, contracts × contract size / price. */
    private static BigDecimal base(BigDecimal qty, BigDecimal avg, InstrumentInfo i) {
        return avg.signum() == 0 ? ZERO : qty.multiply(i.contractSize()).divide(avg, Decimals.SCALE,
                RoundingMode.HALF_EVEN);
    }
}
