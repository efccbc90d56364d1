package io.marginstream.protocol.binance;

import io.marginstream.protocol.message.AccountStatus;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.math.BigDecimal;
import java.util.List;

/**
 * The account reads of §11 in Binance's portfolio-margin shapes (decimals as strings, times as integers). Immutable.
 */
public final class AccountResults {
    private AccountResults() {
    }

    /**
     * {@code GET /papi/v1/account}. {@code uniMMR} is {@code ""} when the maintenance margin is zero (the /ws
     * {@code account.status} says {@code null}), as Binance's own example writes an undefined decimal.
     */
    @JsonPropertyOrder({"uniMMR", "accountEquity", "actualEquity", "accountInitialMargin", "accountMaintMargin",
            "accountStatus", "virtualMaxWithdrawAmount", "totalAvailableBalance", "totalMarginOpenLoss",
            "updateTime"})
    public record Account(String uniMMR, BigDecimal accountEquity, BigDecimal actualEquity,
                          BigDecimal accountInitialMargin, BigDecimal accountMaintMargin, AccountStatus accountStatus,
                          BigDecimal virtualMaxWithdrawAmount, BigDecimal totalAvailableBalance,
                          BigDecimal totalMarginOpenLoss, long updateTime) {
    }

    /** One asset of {@code GET /papi/v1/balance}. */
    @JsonPropertyOrder({"asset", "totalWalletBalance", "crossMarginAsset", "crossMarginBorrowed", "crossMarginFree",
            "crossMarginInterest", "crossMarginLocked", "umWalletBalance", "umUnrealizedPNL", "cmWalletBalance",
            "cmUnrealizedPNL", "updateTime", "negativeBalance"})
    public record Balance(String asset, BigDecimal totalWalletBalance, BigDecimal crossMarginAsset,
                          BigDecimal crossMarginBorrowed, BigDecimal crossMarginFree,
                          BigDecimal crossMarginInterest, BigDecimal crossMarginLocked, BigDecimal umWalletBalance,
                          BigDecimal umUnrealizedPNL, BigDecimal cmWalletBalance, BigDecimal cmUnrealizedPNL,
                          long updateTime, BigDecimal negativeBalance) {
    }

    /**
     * One row of {@code GET /papi/v1/um/positionRisk}; {@code notional} is signed (its sign is the side).
     * {@code liquidationPrice} is {@code 0}: portfolio margin liquidates by uniMMR, not per position.
     */
    @JsonPropertyOrder({"symbol", "positionAmt", "entryPrice", "markPrice", "unRealizedProfit", "liquidationPrice",
            "leverage", "maxNotionalValue", "positionSide", "notional", "breakEvenPrice", "updateTime"})
    public record UmPosition(String symbol, BigDecimal positionAmt, BigDecimal entryPrice, BigDecimal markPrice,
                             BigDecimal unRealizedProfit, BigDecimal liquidationPrice, String leverage,
                             BigDecimal maxNotionalValue, String positionSide, BigDecimal notional,
                             BigDecimal breakEvenPrice, long updateTime) {
    }

    /** One row of {@code GET /papi/v1/cm/positionRisk}; {@code notionalValue} is in the coin, signed. */
    @JsonPropertyOrder({"symbol", "positionAmt", "entryPrice", "markPrice", "unRealizedProfit", "liquidationPrice",
            "leverage", "positionSide", "updateTime", "maxQty", "notionalValue"})
    public record CmPosition(String symbol, BigDecimal positionAmt, BigDecimal entryPrice, BigDecimal markPrice,
                             BigDecimal unRealizedProfit, BigDecimal liquidationPrice, String leverage,
                             String positionSide, long updateTime, BigDecimal maxQty, BigDecimal notionalValue) {
    }

    /** {@code GET /papi/v1/um/account}, {@code /papi/v2/um/account}, {@code /papi/v1/cm/account}. */
    public record FuturesAccount(List<FuturesAsset> assets, List<FuturesPosition> positions) {
        public FuturesAccount {
            assets = List.copyOf(assets);
            positions = List.copyOf(positions);
        }
    }

    /** One wallet asset of a futures account. */
    @JsonPropertyOrder({"asset", "crossWalletBalance", "crossUnPnl", "maintMargin", "initialMargin",
            "positionInitialMargin", "openOrderInitialMargin", "updateTime"})
    public record FuturesAsset(String asset, BigDecimal crossWalletBalance, BigDecimal crossUnPnl,
                               BigDecimal maintMargin, BigDecimal initialMargin, BigDecimal positionInitialMargin,
                               BigDecimal openOrderInitialMargin, long updateTime) {
    }

    /**
     * One position of a futures account. v1 UM has every field but {@code maxQty} and {@code notional}; v2 UM has
     * {@code symbol, initialMargin, maintMargin, unrealizedProfit, positionSide, positionAmt, updateTime, notional};
     * CM has {@code maxQty} instead of {@code maxNotional, bidNotional, askNotional}. Absent fields are
     * {@code null} and left out.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"symbol", "initialMargin", "maintMargin", "unrealizedProfit", "positionInitialMargin",
            "openOrderInitialMargin", "leverage", "entryPrice", "maxNotional", "maxQty", "bidNotional",
            "askNotional", "positionSide", "positionAmt", "notional", "updateTime"})
    public record FuturesPosition(String symbol, BigDecimal initialMargin, BigDecimal maintMargin,
                                  BigDecimal unrealizedProfit, BigDecimal positionInitialMargin,
                                  BigDecimal openOrderInitialMargin, String leverage, BigDecimal entryPrice,
                                  BigDecimal maxNotional, BigDecimal maxQty, BigDecimal bidNotional,
                                  BigDecimal askNotional, String positionSide, BigDecimal positionAmt,
                                  BigDecimal notional, Long updateTime) {
    }

    /** One symbol of {@code GET /papi/v1/um/leverageBracket} and {@code /papi/v1/cm/leverageBracket}. */
    @JsonPropertyOrder({"symbol", "notionalCoef", "brackets"})
    public record LeverageBrackets(String symbol, BigDecimal notionalCoef, List<Bracket> brackets) {
        public LeverageBrackets {
            brackets = List.copyOf(brackets);
        }
    }

    /**
     * One bracket; as in Binance's PAPI the figures are JSON numbers, written from their plain decimal text
     * ({@code notionalCap} of the last bracket is the largest notional the engine takes).
     */
    @JsonPropertyOrder({"bracket", "initialLeverage", "notionalCap", "notionalFloor", "maintMarginRatio", "cum"})
    public record Bracket(int bracket, int initialLeverage, @JsonRawValue String notionalCap,
                          @JsonRawValue String notionalFloor, @JsonRawValue String maintMarginRatio,
                          @JsonRawValue String cum) {
    }
}
