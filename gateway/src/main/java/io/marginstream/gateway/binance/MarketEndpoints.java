package io.marginstream.gateway.binance;

import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.gateway.engine.BalanceView;
import io.marginstream.gateway.engine.EngineCommand;
import io.marginstream.gateway.engine.InstrumentInfo;
import io.marginstream.gateway.engine.EngineClient;
import io.marginstream.protocol.ApiException;
import io.marginstream.protocol.Decimals;
import io.marginstream.protocol.ErrorCode;
import io.marginstream.protocol.binance.ExchangeInfos;
import io.marginstream.protocol.binance.ExchangeInfos.ExchangeInfo;
import io.marginstream.protocol.binance.ExchangeInfos.Symbol;
import io.marginstream.protocol.binance.SimpleResults;
import io.marginstream.protocol.binance.SimpleResults.PremiumIndex;
import io.marginstream.protocol.message.FuturesType;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;

/**
 * Public market data and ccxt's start-up reads (§11): ping and time, the engine's instruments as Binance's
 * {@code exchangeInfo} (UM on {@code /fapi}, CM on {@code /dapi}, no spot markets on {@code /api}), the engine's
 * marks as {@code premiumIndex} and {@code ticker/price}, and the asset list of {@code /sapi/v1/capital/config/getall}.
 * Stateless apart from the config; thread-safe.
 */
final class MarketEndpoints {
    /** Binance's {@code deliveryDate} of perpetual contracts (2100-12-25). */
    static final long PERPETUAL_DELIVERY = 4133404800000L;
    private static final long ONBOARD_DATE = 1569398400000L;
    private static final BigDecimal TICK = new BigDecimal("0.00000001");
    private static final BigDecimal MAX_PRICE = new BigDecimal("1000000000000");
    private static final BigDecimal MAX_QTY = new BigDecimal("1000000000");
    private static final List<String> ORDER_TYPES = List.of("LIMIT", "MARKET", "STOP_MARKET", "TAKE_PROFIT_MARKET");
    private static final List<String> TIME_IN_FORCE = List.of("GTC", "IOC", "FOK", "GTX");

    private final GatewayConfig config;
    private final EngineClient engine;
    private final LongSupplier clock;

    MarketEndpoints(GatewayConfig config, EngineClient engine, LongSupplier clock) {
        this.config = config;
        this.engine = engine;
        this.clock = clock;
    }

    CompletionStage<Object> ping(Call c) {
        return done(Map.of());
    }

    CompletionStage<Object> time(Call c) {
        return done(new SimpleResults.ServerTime(clock.getAsLong()));
    }

    CompletionStage<Object> umExchangeInfo(Call c) {
        return done(exchangeInfo(c.now(), FuturesType.UM));
    }

    CompletionStage<Object> cmExchangeInfo(Call c) {
        return done(exchangeInfo(c.now(), FuturesType.CM));
    }

    CompletionStage<Object> spotExchangeInfo(Call c) {
        return done(new ExchangeInfo("UTC", c.now(), rateLimits(), List.of(), List.of(), List.of()));
    }

    private ExchangeInfo exchangeInfo(long now, FuturesType fs) {
        List<Symbol> symbols = new ArrayList<>();
        for (InstrumentInfo i : engine.instruments()) {
            if (i.fs() == fs) {
                symbols.add(symbol(i, now));
            }
        }
        List<ExchangeInfos.Asset> assets = engine.assets().stream()
                .map(a -> new ExchangeInfos.Asset(a.asset(), true)).toList();
        return new ExchangeInfo("UTC", now, rateLimits(), List.of(), assets, symbols);
    }

    private List<ExchangeInfos.RateLimit> rateLimits() {
        var l = config.limits();
        return List.of(new ExchangeInfos.RateLimit("REQUEST_WEIGHT", "MINUTE", 1, l.requestWeightPerMinute()),
                new ExchangeInfos.RateLimit("ORDERS", "MINUTE", 1, l.ordersPerMinute()));
    }

    /** One instrument in Binance's shape; a symbol ending in {@code _QUARTER} is a current-quarter future. */
    static Symbol symbol(InstrumentInfo i, long now) {
        boolean cm = i.fs() == FuturesType.CM;
        boolean quarter = i.symbol().endsWith("_QUARTER");
        String base = i.underlying();
        String quote = cm ? "USD" : "USDT";
        BigDecimal step = i.stepSize();
        int qtyPrecision = Math.max(0, step.stripTrailingZeros().scale());
        List<Map<String, Object>> filters = List.of(
                ExchangeInfos.filter("PRICE_FILTER", "minPrice", TICK, "maxPrice", MAX_PRICE, "tickSize", TICK),
                ExchangeInfos.filter("LOT_SIZE", "stepSize", step, "minQty", step, "maxQty", MAX_QTY),
                ExchangeInfos.filter("MARKET_LOT_SIZE", "stepSize", step, "minQty", step, "maxQty", MAX_QTY),
                ExchangeInfos.filter("MIN_NOTIONAL", "notional", BigDecimal.ZERO, null, null, null, null));
        return new Symbol(i.symbol(), base + quote, quarter ? "CURRENT_QUARTER" : "PERPETUAL",
                quarter ? quarterEnd(now) : PERPETUAL_DELIVERY, ONBOARD_DATE, cm ? null : "TRADING",
                cm ? "TRADING" : null, cm ? i.contractSize().intValue() : null, base, quote, i.settlementAsset(),
                Decimals.SCALE, qtyPrecision, Decimals.SCALE, Decimals.SCALE, "COIN", 0, filters, ORDER_TYPES,
                TIME_IN_FORCE);
    }

    /** 08:00 UTC on the last Friday of the current quarter (of the next one once that has passed). */
    static long quarterEnd(long now) {
        LocalDate today = java.time.Instant.ofEpochMilli(now).atZone(ZoneOffset.UTC).toLocalDate();
        for (int q = 0; q < 2; q++) {
            LocalDate lastMonth = today.withDayOfMonth(1).plusMonths(2 - (today.getMonthValue() - 1) % 3 + 3L * q);
            LocalDate friday = lastMonth.with(TemporalAdjusters.lastInMonth(DayOfWeek.FRIDAY));
            long at = friday.atTime(8, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
            if (at > now) {
                return at;
            }
        }
        throw new IllegalStateException("no quarter end after " + now);
    }

    CompletionStage<Object> umPremiumIndex(Call c) {
        return done(marks(c, FuturesType.UM, false));
    }

    CompletionStage<Object> cmPremiumIndex(Call c) {
        return done(marks(c, FuturesType.CM, false));
    }

    CompletionStage<Object> umTickerPrice(Call c) {
        return done(marks(c, FuturesType.UM, true));
    }

    /**
     * The marks of the {@code fs} instruments: a list, or one object when {@code symbol} is given (UM; CM answers a
     * list always, filtered by {@code symbol} or {@code pair}).
     */
    private Object marks(Call c, FuturesType fs, boolean ticker) {
        String symbol = c.params().optString("symbol");
        String pair = c.params().optString("pair");
        Map<String, BigDecimal> marks = engine.marks();
        List<Object> out = new ArrayList<>();
        boolean found = false;
        for (InstrumentInfo i : engine.instruments()) {
            if (i.fs() != fs || (symbol != null && !symbol.equals(i.symbol()))) {
                continue;
            }
            String p = i.underlying() + (fs == FuturesType.CM ? "USD" : "USDT");
            if (pair != null && !pair.equals(p)) {
                continue;
            }
            found = true;
            BigDecimal m = marks.get(i.symbol());
            BigDecimal zero = BigDecimal.ZERO;
            out.add(ticker ? new SimpleResults.TickerPrice(i.symbol(), m, c.now())
                    : new PremiumIndex(i.symbol(), fs == FuturesType.CM ? p : null, m, m, m, zero, zero, 0, c.now()));
        }
        if (symbol != null && !found) {
            throw new ApiException(ErrorCode.BAD_SYMBOL, ErrorCode.BAD_SYMBOL.message(BinanceApi.printable(symbol)));
        }
        return symbol != null && fs == FuturesType.UM ? out.get(0) : out;
    }

    /** Every configured asset, with the account's spot balance as {@code free}. */
    CompletionStage<Object> capitalConfig(Call c) {
        return c.<List<BalanceView>>then(engine.submit(new EngineCommand.GetBalances(c.accountId(), null)), list -> {
            List<SimpleResults.CapitalCoin> out = new ArrayList<>();
            BigDecimal zero = BigDecimal.ZERO;
            for (var a : engine.assets()) {
                BigDecimal spot = list.stream().filter(b -> b.asset().equals(a.asset())).map(BalanceView::spotBalance)
                        .findFirst().orElse(zero);
                out.add(new SimpleResults.CapitalCoin(a.asset(), a.asset(), spot, zero, zero, zero, zero, zero, zero,
                        false, true, false, false, List.of()));
            }
            return out;
        });
    }

    /** Margin pairs: MarginStream has none (its cross margin holds collateral, it trades no spot pairs). */
    CompletionStage<Object> marginPairs(Call c) {
        return done(List.of());
    }

    private static CompletionStage<Object> done(Object result) {
        return CompletableFuture.completedFuture(result);
    }
}
