package io.marginstream.protocol.binance;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /fapi/v1/exchangeInfo}, {@code /dapi/v1/exchangeInfo} and {@code /api/v3/exchangeInfo} (§11): the
 * engine's instruments in Binance's futures shape, with what ccxt's {@code loadMarkets} reads ({@code contractType},
 * {@code status} or {@code contractStatus}, {@code marginAsset}, the filters, {@code orderTypes}). Immutable.
 */
public final class ExchangeInfos {
    private ExchangeInfos() {
    }

    /** The whole answer; spot has no instruments here ({@code symbols} empty). */
    @JsonPropertyOrder({"timezone", "serverTime", "rateLimits", "exchangeFilters", "assets", "symbols"})
    public record ExchangeInfo(String timezone, long serverTime, List<RateLimit> rateLimits,
                               List<Object> exchangeFilters, List<Asset> assets, List<Symbol> symbols) {
        public ExchangeInfo {
            rateLimits = List.copyOf(rateLimits);
            exchangeFilters = List.copyOf(exchangeFilters);
            assets = List.copyOf(assets);
            symbols = List.copyOf(symbols);
        }
    }

    /** One limit, as Binance lists them. */
    @JsonPropertyOrder({"rateLimitType", "interval", "intervalNum", "limit"})
    public record RateLimit(String rateLimitType, String interval, int intervalNum, int limit) {
    }

    /** A margin asset. */
    @JsonPropertyOrder({"asset", "marginAvailable"})
    public record Asset(String asset, boolean marginAvailable) {
    }

    /**
     * One instrument. UM symbols have {@code status}; CM symbols {@code contractStatus} and {@code contractSize}
     * (the other is {@code null} and left out).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"symbol", "pair", "contractType", "deliveryDate", "onboardDate", "status", "contractStatus",
            "contractSize", "baseAsset", "quoteAsset", "marginAsset", "pricePrecision", "quantityPrecision",
            "baseAssetPrecision", "quotePrecision", "underlyingType", "settlePlan", "filters", "orderTypes",
            "timeInForce"})
    public record Symbol(String symbol, String pair, String contractType, long deliveryDate, long onboardDate,
                         String status, String contractStatus, Integer contractSize, String baseAsset,
                         String quoteAsset, String marginAsset, int pricePrecision, int quantityPrecision,
                         int baseAssetPrecision, int quotePrecision, String underlyingType, int settlePlan,
                         List<Map<String, Object>> filters, List<String> orderTypes, List<String> timeInForce) {
        public Symbol {
            filters = List.copyOf(filters);
            orderTypes = List.copyOf(orderTypes);
            timeInForce = List.copyOf(timeInForce);
        }
    }

    /** {@code {"filterType":"LOT_SIZE","stepSize":..,"minQty":..,"maxQty":..}} and the others, as plain maps. */
    public static Map<String, Object> filter(String type, String k1, BigDecimal v1, String k2, BigDecimal v2,
                                             String k3, BigDecimal v3) {
        java.util.LinkedHashMap<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("filterType", type);
        m.put(k1, v1.toPlainString());
        if (k2 != null) {
            m.put(k2, v2.toPlainString());
        }
        if (k3 != null) {
            m.put(k3, v3.toPlainString());
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
