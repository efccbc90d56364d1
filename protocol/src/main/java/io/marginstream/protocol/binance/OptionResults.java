package io.marginstream.protocol.binance;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The options twin of the Binance surface (§11, §5.3a), in the shapes of Binance's options API ({@code /eapi}):
 * the listed options ({@code exchangeInfo}), their marks with greeks ({@code mark}) and an account's option
 * positions ({@code position}, with the position's greeks added). Immutable.
 */
public final class OptionResults {
    private OptionResults() {
    }

    /** {@code GET /eapi/v1/exchangeInfo}. */
    @JsonPropertyOrder({"timezone", "serverTime", "optionContracts", "optionAssets", "optionSymbols", "rateLimits"})
    public record ExchangeInfo(String timezone, long serverTime, List<Contract> optionContracts,
                               List<Asset> optionAssets, List<Symbol> optionSymbols,
                               List<ExchangeInfos.RateLimit> rateLimits) {
        public ExchangeInfo {
            optionContracts = List.copyOf(optionContracts);
            optionAssets = List.copyOf(optionAssets);
            optionSymbols = List.copyOf(optionSymbols);
            rateLimits = List.copyOf(rateLimits);
        }
    }

    /** One underlying's option contract: {@code underlying} is the instrument that prices it, e.g. BTCUSDT. */
    @JsonPropertyOrder({"baseAsset", "quoteAsset", "underlying", "settleAsset"})
    public record Contract(String baseAsset, String quoteAsset, String underlying, String settleAsset) {
    }

    /** A settlement asset. */
    @JsonPropertyOrder({"name"})
    public record Asset(String name) {
    }

    /**
     * One listed option. The margin rates are TIERED's short-option rule (premium + 10 % of the underlying); fees
     * are 0 (no trading fee is charged).
     */
    @JsonPropertyOrder({"expiryDate", "filters", "symbol", "side", "strikePrice", "underlying", "unit",
            "makerFeeRate", "takerFeeRate", "minQty", "maxQty", "initialMargin", "maintenanceMargin",
            "minInitialMargin", "minMaintenanceMargin", "priceScale", "quantityScale", "quoteAsset"})
    public record Symbol(long expiryDate, List<Map<String, Object>> filters, String symbol, String side,
                         BigDecimal strikePrice, String underlying, int unit, BigDecimal makerFeeRate,
                         BigDecimal takerFeeRate, BigDecimal minQty, BigDecimal maxQty, BigDecimal initialMargin,
                         BigDecimal maintenanceMargin, BigDecimal minInitialMargin,
                         BigDecimal minMaintenanceMargin, int priceScale, int quantityScale, String quoteAsset) {
        public Symbol {
            filters = List.copyOf(filters);
        }
    }

    /**
     * {@code GET /eapi/v1/mark}, one per option: the mark, its implied volatility (also as {@code bidIV}/{@code askIV}:
     * the simulated market has no spread) and the greeks per contract (vega per volatility point, theta per day).
     */
    @JsonPropertyOrder({"symbol", "markPrice", "bidIV", "askIV", "markIV", "delta", "theta", "gamma", "vega",
            "highPriceLimit", "lowPriceLimit", "riskFreeInterest"})
    public record Mark(String symbol, BigDecimal markPrice, BigDecimal bidIV, BigDecimal askIV, BigDecimal markIV,
                       BigDecimal delta, BigDecimal theta, BigDecimal gamma, BigDecimal vega,
                       BigDecimal highPriceLimit, BigDecimal lowPriceLimit, BigDecimal riskFreeInterest) {
    }

    /**
     * {@code GET /eapi/v1/position}, one per open option position: Binance's fields ({@code side} LONG or SHORT,
     * {@code quantity} signed, {@code markValue} = quantity × mark, {@code positionCost} = quantity × entry,
     * {@code ror} = PnL / |cost|) plus the position's greeks and its share of the margin.
     */
    @JsonPropertyOrder({"entryPrice", "symbol", "side", "quantity", "reducibleQty", "markValue", "ror",
            "unrealizedPNL", "markPrice", "strikePrice", "positionCost", "expiryDate", "priceScale", "quantityScale",
            "optionSide", "quoteAsset", "markIV", "delta", "gamma", "vega", "theta", "maintMargin", "initialMargin"})
    public record Position(BigDecimal entryPrice, String symbol, String side, BigDecimal quantity,
                           BigDecimal reducibleQty, BigDecimal markValue, BigDecimal ror, BigDecimal unrealizedPNL,
                           BigDecimal markPrice, BigDecimal strikePrice, BigDecimal positionCost, long expiryDate,
                           int priceScale, int quantityScale, String optionSide, String quoteAsset,
                           BigDecimal markIV, BigDecimal delta, BigDecimal gamma, BigDecimal vega, BigDecimal theta,
                           BigDecimal maintMargin, BigDecimal initialMargin) {
    }
}
