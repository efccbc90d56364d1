package io.marginstream.gateway.engine;

import io.marginstream.protocol.message.AccountStatus;

import java.math.BigDecimal;

/**
 * The {@code marginRatio} figures of one account (PROTOCOL.md §6), as scaled longs with 8 decimals ({@code E8}),
 * so that a price tick touching thousands of accounts allocates one small object per account. Accessors without
 * the suffix return the exact {@link BigDecimal}; {@link #plain(long)} prints a value as the wire wants it.
 *
 * @param uniMmrE8             {@code u}; {@link #NULL_RATIO} when maintenance margin is zero
 * @param accountEquityE8      {@code eq}
 * @param actualEquityE8       {@code ae}
 * @param initialMarginE8      {@code im}
 * @param maintMarginE8        {@code mm}
 * @param availableBalanceE8   {@code avb}: totalAvailableBalance
 * @param virtualMaxWithdrawE8 {@code vmw}: virtualMaxWithdrawAmount
 * @param accountStatus        {@code s}
 * @param updateId             {@code U}
 * @param eventTime            {@code E}
 */
public record MarginSnapshot(long uniMmrE8, long accountEquityE8, long actualEquityE8, long initialMarginE8,
                             long maintMarginE8, long availableBalanceE8, long virtualMaxWithdrawE8,
                             AccountStatus accountStatus, long updateId, long eventTime) {

    /**
     * The value of {@link #uniMmrE8} when uniMMR is {@code null}: {@link Long#MIN_VALUE}, which no figure takes
     * (scaled figures saturate at ±{@link Long#MAX_VALUE}).
     */
    public static final long NULL_RATIO = Long.MIN_VALUE;

    /** uniMMR, or {@code null} when maintenance margin is zero. */
    public BigDecimal uniMMR() {
        return uniMmrE8 == NULL_RATIO ? null : BigDecimal.valueOf(uniMmrE8, 8);
    }

    public BigDecimal accountEquity() {
        return BigDecimal.valueOf(accountEquityE8, 8);
    }

    public BigDecimal actualEquity() {
        return BigDecimal.valueOf(actualEquityE8, 8);
    }

    public BigDecimal initialMargin() {
        return BigDecimal.valueOf(initialMarginE8, 8);
    }

    public BigDecimal maintMargin() {
        return BigDecimal.valueOf(maintMarginE8, 8);
    }

    public BigDecimal availableBalance() {
        return BigDecimal.valueOf(availableBalanceE8, 8);
    }

    public BigDecimal virtualMaxWithdraw() {
        return BigDecimal.valueOf(virtualMaxWithdrawE8, 8);
    }

    /** A scaled value as a plain decimal string with 8 decimals, e.g. {@code -12.30000000}; exact for every long. */
    public static String plain(long e8) {
        if (e8 == Long.MIN_VALUE) {
            return BigDecimal.valueOf(e8, 8).toPlainString();
        }
        StringBuilder sb = new StringBuilder(24);
        long abs = Math.abs(e8);
        if (e8 < 0) {
            sb.append('-');
        }
        sb.append(abs / 100_000_000L).append('.');
        String frac = Long.toString(abs % 100_000_000L);
        for (int i = frac.length(); i < 8; i++) {
            sb.append('0');
        }
        return sb.append(frac).toString();
    }
}
