package io.marginstream.gateway.binance;

import io.marginstream.gateway.engine.EngineCommand;
import io.marginstream.gateway.engine.InstrumentInfo;
import io.marginstream.gateway.engine.MarginEngine;
import io.marginstream.gateway.engine.OrderResult;
import io.marginstream.protocol.ApiException;
import io.marginstream.protocol.Decimals;
import io.marginstream.protocol.ErrorCode;
import io.marginstream.protocol.binance.NewOrderParams;
import io.marginstream.protocol.binance.OrderResponse;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The order routes of §11: {@code POST /papi/v1/um/order} and {@code /papi/v1/cm/order} → {@code PlaceOrder}
 * (§4.6: a MARKET order fills at once at the mark), answered in Binance's shape — {@code ACK} (default) as accepted,
 * {@code RESULT} as filled. The symbol must be of the route's segment ({@code -1121} otherwise). New order kinds
 * and the query/cancel routes belong here, one method per route. Stateless; thread-safe.
 */
final class OrderEndpoints {
    private static final BigDecimal ZERO = BigDecimal.ZERO;

    private final MarginEngine engine;
    private final Map<String, InstrumentInfo> instruments = new LinkedHashMap<>();

    OrderEndpoints(MarginEngine engine) {
        this.engine = engine;
        engine.instruments().forEach(i -> instruments.put(i.symbol(), i));
    }

    CompletionStage<Object> newUmOrder(Call c) {
        return newOrder(c, "UM");
    }

    CompletionStage<Object> newCmOrder(Call c) {
        return newOrder(c, "CM");
    }

    private CompletionStage<Object> newOrder(Call c, String fs) {
        NewOrderParams o = NewOrderParams.from(c.params());
        InstrumentInfo i = instruments.get(o.symbol());
        if (i == null || !i.fs().equals(fs)) {
            throw new ApiException(ErrorCode.BAD_SYMBOL, ErrorCode.BAD_SYMBOL.message(o.symbol()) + " "
                    + fs + " orders take " + fs + " symbols.");
        }
        EngineCommand.PlaceOrder cmd = new EngineCommand.PlaceOrder(c.accountId(), o.symbol(), o.side().name(),
                o.quantity(), o.reduceOnly(), o.newClientOrderId());
        return c.<OrderResult>then(engine.submit(cmd), r -> response(r, o, i));
    }

    /** {@code RESULT}: the fill; {@code ACK}: the order as accepted, before its fill is reported. */
    static OrderResponse response(OrderResult r, NewOrderParams o, InstrumentInfo i) {
        boolean cm = i.fs().equals("CM");
        boolean result = o.result();
        BigDecimal qty = result ? r.executedQty() : ZERO;
        BigDecimal avg = result ? r.avgPrice() : ZERO;
        BigDecimal quote = result && !cm ? r.executedQty().multiply(r.avgPrice()) : ZERO;
        BigDecimal base = result && cm ? r.executedQty().multiply(i.contractSize())
                .divide(r.avgPrice(), Decimals.SCALE, RoundingMode.HALF_EVEN) : ZERO;
        return new OrderResponse(r.clientOrderId(), qty, cm ? null : quote, cm ? base : null, qty, r.orderId(), avg,
                o.quantity(), ZERO, o.reduceOnly(), r.side(), "BOTH", result ? r.status() : "NEW", r.symbol(),
                cm ? i.underlying() + "USD" : null, "GTC", r.type(), "NONE", 0, r.updateTime(), "NONE");
    }
}
