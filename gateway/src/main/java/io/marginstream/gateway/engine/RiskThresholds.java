package io.marginstream.gateway.engine;

import io.marginstream.gateway.config.GatewayConfig;

import java.math.BigDecimal;

/**
 * The uniMMR thresholds of §5.4 (scaled by 1e8) and the liquidation fee of §5.6, from {@code risk}. Immutable.
 *
 * @param marginCallE8         at or below: {@code MARGIN_CALL}
 * @param reduceOnlyE8         at or below: {@code REDUCE_ONLY}
 * @param liquidationE8        at or below: {@code FORCE_LIQUIDATION}
 * @param liquidationTargetE8  liquidation closes positions until uniMMR reaches this
 * @param liquidationFeeRate   share of a closed position's notional charged as the liquidation fee
 */
record RiskThresholds(long marginCallE8, long reduceOnlyE8, long liquidationE8, long liquidationTargetE8,
                      BigDecimal liquidationFeeRate) {

    static RiskThresholds of(GatewayConfig.RiskConfig risk) {
        if (!(risk.liquidation().compareTo(risk.reduceOnly()) < 0 && risk.reduceOnly().compareTo(risk.marginCall()) < 0)) {
            throw new IllegalArgumentException("risk: thresholds must satisfy liquidation < reduceOnly < marginCall");
        }
        if (risk.liquidationTarget().compareTo(risk.liquidation()) <= 0) {
            throw new IllegalArgumentException("risk.liquidationTarget must be above risk.liquidation");
        }
        if (risk.liquidationFeeRate().signum() < 0 || risk.liquidationFeeRate().compareTo(BigDecimal.ONE) >= 0) {
            throw new IllegalArgumentException("risk.liquidationFeeRate must be in [0, 1)");
        }
        return new RiskThresholds(E8.of(risk.marginCall()), E8.of(risk.reduceOnly()), E8.of(risk.liquidation()),
                E8.of(risk.liquidationTarget()), risk.liquidationFeeRate());
    }
}
