package io.marginstream.protocol.message;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;

/**
 * The result of {@code account.status} (PROTOCOL.md §4.1), field names as Binance's {@code GET /papi/v1/account}.
 *
 * @param uniMMR                 accountEquity / maintenance margin; {@code null} when the maintenance margin is zero
 * @param accountInitialMargin   the positions' initial margin plus {@code openOrderInitialMargin}
 * @param totalMarginOpenLoss    the open orders' worst loss against the mark (§12), part of their initial margin
 * @param updateTime             epoch ms of the last change
 * @param openOrderInitialMargin the initial margin the open orders hold, {@code totalMarginOpenLoss} included
 */
@JsonPropertyOrder({"uniMMR", "accountEquity", "actualEquity", "accountInitialMargin", "accountMaintMargin",
        "accountStatus", "virtualMaxWithdrawAmount", "totalAvailableBalance", "totalMarginOpenLoss",
        "openOrderInitialMargin", "updateTime", "portfolioMargin", "marginModel"})
public record AccountStatusResult(BigDecimal uniMMR, BigDecimal accountEquity, BigDecimal actualEquity,
                                  BigDecimal accountInitialMargin, BigDecimal accountMaintMargin,
                                  AccountStatus accountStatus, BigDecimal virtualMaxWithdrawAmount,
                                  BigDecimal totalAvailableBalance, BigDecimal totalMarginOpenLoss, long updateTime,
                                  boolean portfolioMargin, MarginModelType marginModel,
                                  BigDecimal openOrderInitialMargin) {
}
