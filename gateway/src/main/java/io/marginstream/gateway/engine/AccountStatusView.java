package io.marginstream.gateway.engine;

import io.marginstream.protocol.message.AccountStatus;
import io.marginstream.protocol.message.MarginModelType;

import java.math.BigDecimal;

/**
 * {@code account.status} (PROTOCOL.md §4.1), named as the wire fields. {@code uniMMR} is {@code null} when
 * maintenance margin is zero and always in classic mode; amounts are rounded to 8 decimals.
 * {@code accountInitialMargin} includes {@code openOrderInitialMargin}, which includes {@code totalMarginOpenLoss}
 * (§12).
 */
public record AccountStatusView(BigDecimal uniMMR, BigDecimal accountEquity, BigDecimal actualEquity,
                                BigDecimal accountInitialMargin, BigDecimal accountMaintMargin,
                                AccountStatus accountStatus, BigDecimal virtualMaxWithdrawAmount,
                                BigDecimal totalAvailableBalance, BigDecimal totalMarginOpenLoss, long updateTime,
                                boolean portfolioMargin, MarginModelType marginModel,
                                BigDecimal openOrderInitialMargin) {
}
