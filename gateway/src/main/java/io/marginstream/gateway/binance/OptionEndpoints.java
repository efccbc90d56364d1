package io.marginstream.gateway.binance;

import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.gateway.config.OptionListing;
import io.marginstream.gateway.config.OptionListing.OptionInstrument;
import io.marginstream.gateway.engine.EngineCommand;
import io.marginstream.gateway.engine.EngineClient;
import io.marginstream.gateway.engine.OptionMarkView;
import io.marginstream.gateway.engine.PositionView;
import io.marginstream.gateway.engine.margin.TieredModel;
import io.marginstream.protocol.ApiException;
import io.marginstream.protocol.Decimals;
import io.marginstream.protocol.ErrorCode;
import io.marginstream.protocol.binance.ExchangeInfos;
import io.marginstream.protocol.binance.OptionResults;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The options twin of the Binance surface (§11, §5.3a), in the shapes of Binance's options API: the listed options
 * ({@code GET /eapi/v1/exchangeInfo}, from the config), their marks with implied volatility and greeks
 * ({@code GET /eapi/v1/mark}), and the account's option positions with their greeks ({@code GET /eapi/v1/position}).
 * Options trade through {@code order.place} on /ws; Binance's option order route takes LIMIT orders only and is not
 * served. Stateless apart from the config; thread-safe.
 */
final class OptionEndpoints {
    private static final BigDecimal TICK = new BigDecimal("0.01");
    private static final BigDecimal MAX_PRICE = new BigDecimal("1000000000");
    private static final BigDecimal MAX_QTY = new BigDecimal("1000000");
    private static final BigDecimal SHORT_RATE = BigDecimal.valueOf(TieredModel.SHORT_OPTION_RATE);
    private static final int PRICE_SCALE = 2;

    private final EngineClient engine;
    private final Map<String, OptionInstrument> options = new LinkedHashMap<>();
    private final List<OptionResults.Contract> contracts;
    private final List<ExchangeInfos.RateLimit> rateLimits;
    private final BigDecimal imMultiplier;

    OptionEndpoints(GatewayConfig config, EngineClient engine) {
        this.engine = engine;
        this.imMultiplier = config.marginModel().imMultiplier();
        Set<String> underlyings = new LinkedHashSet<>();
        for (OptionInstrument o : OptionListing.of(config)) {
            options.put(o.symbol(), o);
            underlyings.add(o.underlying() + " " + o.referenceSymbol());
        }
        List<OptionResults.Contract> c = new ArrayList<>();
        for (String u : underlyings) {
            String[] parts = u.split(" ");
            c.add(new OptionResults.Contract(parts[0], "USDT", parts[1], "USDT"));
        }
        this.contracts = List.copyOf(c);
        var l = config.limits();
        this.rateLimits = List.of(new ExchangeInfos.RateLimit("REQUEST_WEIGHT", "MINUTE", 1,
                l.requestWeightPerMinute()), new ExchangeInfos.RateLimit("ORDERS", "MINUTE", 1, l.ordersPerMinute()));
    }

    CompletionStage<Object> exchangeInfo(Call c) {
        List<OptionResults.Symbol> symbols = new ArrayList<>();
        for (OptionInstrument o : options.values()) {
            BigDecimal step = o.stepSize();
            List<Map<String, Object>> filters = List.of(
                    ExchangeInfos.filter("PRICE_FILTER", "minPrice", TICK, "maxPrice", MAX_PRICE, "tickSize", TICK),
                    ExchangeInfos.filter("LOT_SIZE", "minQty", step, "maxQty", MAX_QTY, "stepSize", step));
            symbols.add(new OptionResults.Symbol(o.expiryMillis(), filters, o.symbol(), o.call() ? "CALL" : "PUT",
                    o.strike(), o.referenceSymbol(), 1, BigDecimal.ZERO, BigDecimal.ZERO, step, MAX_QTY,
                    SHORT_RATE.multiply(imMultiplier), SHORT_RATE, SHORT_RATE.multiply(imMultiplier), SHORT_RATE,
                    PRICE_SCALE, Math.max(0, step.stripTrailingZeros().scale()), "USDT"));
        }
        return CompletableFuture.completedFuture(new OptionResults.ExchangeInfo("UTC", c.now(), contracts,
                List.of(new OptionResults.Asset("USDT")), symbols, rateLimits));
    }

    /** Every option's mark, or one's with {@code symbol} (a list either way, as Binance answers). */
    CompletionStage<Object> mark(Call c) {
        String symbol = c.params().optString("symbol");
        requireOption(symbol);
        return c.<List<OptionMarkView>>then(engine.submit(new EngineCommand.GetOptionMarks(symbol)), marks -> {
            List<OptionResults.Mark> out = new ArrayList<>();
            for (OptionMarkView m : marks) {
                out.add(new OptionResults.Mark(m.symbol(), m.markPrice(), m.markIV(), m.markIV(), m.markIV(),
                        m.delta(), m.theta(), m.gamma(), m.vega(), MAX_PRICE, BigDecimal.ZERO, BigDecimal.ZERO));
            }
            return out;
        });
    }

    /** The account's open option positions, or the one of {@code symbol}. */
    CompletionStage<Object> position(Call c) {
        String symbol = c.params().optString("symbol");
        requireOption(symbol);
        return c.<List<PositionView>>then(engine.submit(new EngineCommand.GetPositions(c.accountId(), symbol)), ps -> {
            List<OptionResults.Position> out = new ArrayList<>();
            for (PositionView p : ps) {
                if (p.optionSide() == null) {
                    continue;
                }
                BigDecimal cost = p.positionAmt().multiply(p.entryPrice()).setScale(Decimals.SCALE,
                        RoundingMode.HALF_EVEN);
                BigDecimal ror = cost.signum() == 0 ? BigDecimal.ZERO : p.unRealizedProfit()
                        .divide(cost.abs(), Decimals.SCALE, RoundingMode.HALF_EVEN);
                OptionInstrument o = options.get(p.symbol());
                out.add(new OptionResults.Position(p.entryPrice(), p.symbol(), p.positionAmt().signum() < 0 ? "SHORT"
                        : "LONG", p.positionAmt(), p.positionAmt().abs(), p.notional(), ror, p.unRealizedProfit(),
                        p.markPrice(), p.strikePrice(), cost, p.expiryDate(), PRICE_SCALE,
                        Math.max(0, o.stepSize().stripTrailingZeros().scale()), p.optionSide(), "USDT", p.markIV(),
                        p.delta(), p.gamma(), p.vega(), p.theta(), p.maintMargin(), p.initialMargin()));
            }
            return out;
        });
    }

    private void requireOption(String symbol) {
        if (symbol != null && !options.containsKey(symbol)) {
            throw new ApiException(ErrorCode.BAD_SYMBOL, ErrorCode.BAD_SYMBOL.message(BinanceApi.printable(symbol)));
        }
    }
}
