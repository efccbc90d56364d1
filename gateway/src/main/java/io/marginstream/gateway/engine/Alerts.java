package io.marginstream.gateway.engine;

import io.marginstream.gateway.engine.AccountEvent.MarginAlertRaised;
import io.marginstream.gateway.engine.AccountEvent.RiskLevelChanged;

import java.math.BigDecimal;

/**
 * The account's status and alert events: {@code riskLevelChange} when the status changes, {@code marginAlert} when
 * uniMMR falls below one of the account's alert thresholds (once, until it rises above it again). Owned by the
 * engine thread.
 */
final class Alerts {
    private final BatchOutput output;

    Alerts(BatchOutput output) {
        this.output = output;
    }

    /** Raises an alert for each threshold uniMMR fell below since the last check; re-arms those it rose above. */
    void check(Account a, long now) {
        long[] t = a.alertThresholdsE8;
        if (t.length == 0) {
            return;
        }
        long uni = comparableRatio(a);
        for (int i = 0; i < t.length; i++) {
            long bit = 1L << i;
            if ((a.alertsBelowMask & bit) == 0) {
                if (uni < t[i]) {
                    a.alertsBelowMask |= bit;
                    output.emit(a, new MarginAlertRaised(output.nextU(a), now, E8.ratio(a), a.status,
                            BigDecimal.valueOf(a.accountEquityE8, 8), BigDecimal.valueOf(a.actualEquityE8, 8),
                            BigDecimal.valueOf(a.maintMarginE8, 8), a.settings.alertThresholds().get(i)));
                }
            } else if (uni > t[i]) {
                a.alertsBelowMask &= ~bit;
            }
        }
    }

    void emitRiskLevel(Account a, long now) {
        output.emit(a, new RiskLevelChanged(output.nextU(a), now, E8.ratio(a), a.status,
                BigDecimal.valueOf(a.accountEquityE8, 8), BigDecimal.valueOf(a.actualEquityE8, 8),
                BigDecimal.valueOf(a.maintMarginE8, 8)));
    }

    /** Marks, without events, the thresholds the current uniMMR is already below (after set-up or new thresholds). */
    static void resetBelowMask(Account a) {
        long uni = comparableRatio(a);
        a.alertsBelowMask = 0;
        for (int i = 0; i < a.alertThresholdsE8.length; i++) {
            if (uni < a.alertThresholdsE8[i]) {
                a.alertsBelowMask |= 1L << i;
            }
        }
    }

    /** uniMMR scaled by 1e8, with "no maintenance margin" as the highest ratio. */
    private static long comparableRatio(Account a) {
        return a.uniMmrE8 == MarginSnapshot.NULL_RATIO ? Long.MAX_VALUE : a.uniMmrE8;
    }
}
