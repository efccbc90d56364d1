package io.marginstream.protocol.message;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The result of {@code exchangeInfo}: rate limits, collateral assets, instruments and the margin-model and risk
 * parameters the gateway runs with. Maps are sorted by key.
 *
 * @param timezone   always {@code "UTC"}
 * @param serverTime epoch ms
 */
@JsonPropertyOrder({"timezone", "serverTime", "rateLimits", "assets", "instruments", "optionSymbols",
        "marginModel", "risk"})
public record ExchangeInfo(String timezone, long serverTime, List<RateLimitInfo> rateLimits, List<AssetInfo> assets,
                           List<InstrumentInfo> instruments, List<OptionSymbolInfo> optionSymbols,
                           MarginModelInfo marginModel, RiskInfo risk) {
    public static final String UTC = "UTC";

    public ExchangeInfo {
        rateLimits = List.copyOf(rateLimits);
        assets = List.copyOf(assets);
        instruments = List.copyOf(instruments);
        optionSymbols = List.copyOf(optionSymbols);
    }

    /**
     * One listed option (§5.3a), named as Binance's options {@code exchangeInfo.optionSymbols}: European,
     * USDT-settled, {@code unit} underlying units per contract.
     *
     * @param side        {@code CALL} or {@code PUT}
     * @param underlying  the reference instrument whose mark prices it, e.g. {@code BTCUSDT}
     * @param expiryDate  epoch ms, 08:00 UTC of the expiry day (market clock)
     * @param minQty      the order step in contracts
     */
    @JsonPropertyOrder({"symbol", "side", "strikePrice", "underlying", "unit", "expiryDate", "quoteAsset", "minQty"})
    public record OptionSymbolInfo(String symbol, String side, BigDecimal strikePrice, String underlying, int unit,
                                   long expiryDate, String quoteAsset, BigDecimal minQty) {
    }

    /** A configured limit of §7, e.g. {@code REQUEST_WEIGHT} / {@code MINUTE} / 1 / 6000. */
    @JsonPropertyOrder({"rateLimitType", "interval", "intervalNum", "limit"})
    public record RateLimitInfo(String rateLimitType, String interval, int intervalNum, long limit) {
    }

    /** A collateral asset and its collateral rate (§5.2). */
    @JsonPropertyOrder({"asset", "collateralRate"})
    public record AssetInfo(String asset, BigDecimal collateralRate) {
    }

    /**
     * One instrument (§5.1).
     *
     * @param marginAsset  the settlement asset: USDT for UM, the coin for CM
     * @param contractSize USD per contract for CM, {@code null} for UM
     * @param leverage     default leverage for the {@code TIERED} initial margin
     * @param brackets     the {@code TIERED} maintenance brackets, lowest first
     */
    @JsonPropertyOrder({"symbol", "fs", "underlying", "marginAsset", "stepSize", "contractSize", "leverage",
            "brackets"})
    public record InstrumentInfo(String symbol, FuturesType fs, String underlying, String marginAsset,
                                 BigDecimal stepSize, BigDecimal contractSize, int leverage, List<Bracket> brackets) {
        public InstrumentInfo {
            brackets = List.copyOf(brackets);
        }
    }

    /** A maintenance bracket: from {@code notionalFloor} up, rate {@code mmr}, amount {@code cum}. */
    @JsonPropertyOrder({"notionalFloor", "mmr", "cum"})
    public record Bracket(BigDecimal notionalFloor, BigDecimal mmr, BigDecimal cum) {
    }

    /** Margin-model parameters (§5.3, §5.3a). */
    @JsonPropertyOrder({"type", "shock", "z", "grossRate", "imMultiplier", "correlations", "volShock",
            "shortOptionMin"})
    public record MarginModelInfo(MarginModelType type, Map<String, BigDecimal> shock, BigDecimal z,
                                  BigDecimal grossRate, BigDecimal imMultiplier,
                                  Map<String, BigDecimal> correlations, BigDecimal volShock,
                                  BigDecimal shortOptionMin) {
        public MarginModelInfo {
            shock = RiskSettings.sorted(shock);
            correlations = RiskSettings.sorted(correlations);
        }
    }

    /** Status thresholds and liquidation parameters (§5.4, §5.6). */
    @JsonPropertyOrder({"marginCall", "reduceOnly", "liquidation", "liquidationTarget", "liquidationFeeRate",
            "alertThresholds"})
    public record RiskInfo(BigDecimal marginCall, BigDecimal reduceOnly, BigDecimal liquidation,
                           BigDecimal liquidationTarget, BigDecimal liquidationFeeRate,
                           List<BigDecimal> alertThresholds) {
        public RiskInfo {
            alertThresholds = List.copyOf(alertThresholds);
        }
    }
}
