package io.marginstream.gateway.engine;

import io.marginstream.gateway.engine.EngineCommand.SetPortfolioMargin;
import io.marginstream.gateway.engine.EngineCommand.UpdateRiskSettings;
import io.marginstream.protocol.ApiException;
import io.marginstream.protocol.ErrorCode;
import io.marginstream.protocol.message.AccountStatus;
import io.marginstream.protocol.message.Wallet;

import java.math.BigDecimal;

/**
 * The account-setting commands: {@code risk.update} (§5.5, refused if the new settings would force a liquidation)
 * and {@code portfolioMargin.set} (entering PM mode: eligibility; leaving it: no liquidation, positions, open orders
 * or negative balances). Each validates everything before it changes anything. Engine thread only.
 */
final class SettingsCommands {
    private final EngineCore core;

    SettingsCommands(EngineCore core) {
        this.core = core;
    }

    RiskSettingsView updateRiskSettings(UpdateRiskSettings c, long now) {
        Account a = core.accounts.get(c.accountId());
        RiskSettingsRules rules = core.rules;
        RiskSettings next = rules.merge(a.settings, c.patch());
        Params.requireNotBankrupt(a);
        RiskSettings prev = a.settings;
        if (a.portfolioMargin) {
            rules.applyTo(next, a.book);
            core.evaluator.store(a, now);
            if (core.evaluator.classify(a) == AccountStatus.FORCE_LIQUIDATION) {
                rules.applyTo(prev, a.book);
                core.evaluator.store(a, now);
                throw new ApiException(ErrorCode.INSUFFICIENT_MARGIN,
                        "These risk settings would put the account into FORCE_LIQUIDATION.");
            }
        }
        a.settings = next;
        rules.applyTo(next, a.book);
        if (!next.alertThresholds().equals(prev.alertThresholds())) {
            a.alertThresholdsE8 = rules.alertsE8(next);
            Alerts.resetBelowMask(a);
        }
        a.updateTime = now;
        core.evaluator.afterChange(a, now);
        return rules.view(next);
    }

    PortfolioMarginResult setPortfolioMargin(SetPortfolioMargin c, long now) {
        Account a = core.accounts.get(c.accountId());
        Params.requireNotBankrupt(a);
        if (c.enabled()) {
            if (a.portfolioMargin) {
                throw new ApiException(ErrorCode.WRONG_MODE, "The account is already in portfolio-margin mode.");
            }
            core.evaluator.store(a, now);
            BigDecimal equity = BigDecimal.valueOf(a.actualEquityE8, 8);
            BigDecimal min = core.config.portfolioMargin().minEquityUsd();
            if (a.vipLevel < 1 && equity.compareTo(min) < 0) {
                throw new ApiException(ErrorCode.NOT_ELIGIBLE, "Portfolio margin needs vipLevel >= 1 or an equity of "
                        + "at least " + min.toPlainString() + " USD across CROSS_MARGIN, UM and CM.");
            }
            a.portfolioMargin = true;
            a.status = AccountStatus.NORMAL;
        } else {
            if (!a.portfolioMargin) {
                throw new ApiException(ErrorCode.WRONG_MODE, "The account is already in classic mode.");
            }
            if (a.status == AccountStatus.FORCE_LIQUIDATION) {
                throw new ApiException(ErrorCode.ACCOUNT_IN_LIQUIDATION, "The account is in liquidation.");
            }
            if (a.hasPositions()) {
                throw new ApiException(ErrorCode.WRONG_MODE, "Close every position before leaving portfolio margin.");
            }
            if (!a.openOrders.isEmpty()) {
                throw new ApiException(ErrorCode.WRONG_MODE, "Cancel every open order before leaving portfolio "
                        + "margin.");
            }
            for (Wallet w : Wallet.values()) {
                for (int asset = 0; asset < core.market.assetCount; asset++) {
                    if (a.balance(w, asset).signum() < 0) {
                        throw new ApiException(ErrorCode.WRONG_MODE, "Repay the negative " + w + " balance of "
                                + core.market.assetNames[asset] + " before leaving portfolio margin.");
                    }
                }
            }
            a.portfolioMargin = false;
            if (a.status != AccountStatus.NORMAL) {
                a.status = AccountStatus.NORMAL;
                core.evaluator.store(a, now);
                core.alerts.emitRiskLevel(a, now);
            }
        }
        core.accounts.modeChanged(a);
        a.updateTime = now;
        core.evaluator.afterChange(a, now);
        return new PortfolioMarginResult(a.portfolioMargin);
    }
}
