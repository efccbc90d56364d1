package io.marginstream.gateway.config;

import io.marginstream.gateway.config.GatewayConfig.InstrumentConfig;
import io.marginstream.gateway.config.GatewayConfig.OptionUnderlyingConfig;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The option instruments a config lists (§5.3a), generated from {@code options}: for each underlying of
 * {@code options.underlyings} (in the order its {@code <u>USDT} instrument appears in {@code instruments}), each
 * expiry (ascending) and each strike of the grid (ascending), a call then a put, named in Binance's style
 * {@code BTC-261225-60000-C}. The grid is centred on the start price of {@code <u>USDT} rounded to the strike step
 * (half up), so the symbols are a function of the config alone and stay the same across restarts. Stateless.
 */
public final class OptionListing {
    /** Settlement hour (UTC) of every expiry day. */
    public static final int SETTLEMENT_HOUR_UTC = 8;
    /** Most option instruments a config may list. */
    public static final int MAX_OPTIONS = 1024;
    private static final DateTimeFormatter SYMBOL_DATE = DateTimeFormatter.ofPattern("yyMMdd");

    private OptionListing() {}

    /**
     * One listed option.
     *
     * @param referenceSymbol the UM instrument {@code <u>USDT} whose mark is the option's underlying price
     * @param expiryMillis    08:00 UTC of the expiry date, epoch ms (market clock)
     * @param call            {@code true} for a call ({@code -C}), {@code false} for a put ({@code -P})
     * @param stepSize        order step in contracts (1 contract = 1 unit of the underlying)
     */
    public record OptionInstrument(String symbol, String underlying, String referenceSymbol, long expiryMillis,
                                   BigDecimal strike, boolean call, BigDecimal stepSize) {
    }

    /**
     * The options of {@code config}, in listing order.
     *
     * @throws IllegalArgumentException naming the setting when the options cannot be generated (an underlying
     *     without a UM {@code <u>USDT} instrument or start price, a bad date, a strike at or below 0)
     */
    public static List<OptionInstrument> of(GatewayConfig config) {
        GatewayConfig.OptionsConfig oc = config.options();
        if (oc.underlyings().isEmpty()) {
            return List.of();
        }
        Set<Long> expiries = new TreeSet<>();
        for (int i = 0; i < oc.expiries().size(); i++) {
            expiries.add(expiryMillis(oc.expiries().get(i), "options.expiries[" + i + "]"));
        }
        Set<String> order = new LinkedHashSet<>();
        for (InstrumentConfig ic : config.instruments()) {
            if (oc.underlyings().containsKey(ic.underlying())) {
                order.add(ic.underlying());
            }
        }
        for (String u : oc.underlyings().keySet()) {
            if (!order.contains(u)) {
                throw new IllegalArgumentException("options.underlyings." + u + ": no instrument has this underlying");
            }
        }
        List<OptionInstrument> out = new ArrayList<>();
        for (String u : order) {
            String where = "options.underlyings." + u;
            OptionUnderlyingConfig uc = oc.underlyings().get(u);
            String ref = referenceSymbol(config, u);
            if (ref == null) {
                throw new IllegalArgumentException(where + ": options need a UM instrument " + u + "USDT");
            }
            BigDecimal start = config.prices().get(ref);
            if (start == null || start.signum() <= 0) {
                throw new IllegalArgumentException(where + ": prices." + ref + " must be given and > 0");
            }
            BigDecimal step = uc.strikeStep() != null ? uc.strikeStep() : niceStep(start);
            if (step.signum() <= 0) {
                throw new IllegalArgumentException(where + ".strikeStep must be > 0");
            }
            BigDecimal atm = start.divide(step, 0, RoundingMode.HALF_UP).multiply(step);
            int n = uc.strikesAround();
            if (n < 0 || n > 50) {
                throw new IllegalArgumentException(where + ".strikesAround must be in [0, 50]");
            }
            if (atm.subtract(step.multiply(BigDecimal.valueOf(n))).signum() <= 0) {
                throw new IllegalArgumentException(where + ": the lowest strike would be <= 0; lower strikesAround "
                        + "or strikeStep");
            }
            for (long expiry : expiries) {
                String date = SYMBOL_DATE.format(java.time.Instant.ofEpochMilli(expiry).atZone(ZoneOffset.UTC));
                for (int i = -n; i <= n; i++) {
                    BigDecimal k = atm.add(step.multiply(BigDecimal.valueOf(i))).stripTrailingZeros();
                    String base = u + "-" + date + "-" + k.toPlainString() + "-";
                    out.add(new OptionInstrument(base + "C", u, ref, expiry, k, true, uc.stepSize()));
                    out.add(new OptionInstrument(base + "P", u, ref, expiry, k, false, uc.stepSize()));
                }
            }
        }
        if (out.size() > MAX_OPTIONS) {
            throw new IllegalArgumentException("options: " + out.size() + " instruments listed, at most "
                    + MAX_OPTIONS + " are supported");
        }
        return List.copyOf(out);
    }

    /** The UM instrument {@code <u>USDT} of the config, or {@code null}. */
    public static String referenceSymbol(GatewayConfig config, String underlying) {
        String ref = underlying + "USDT";
        for (InstrumentConfig ic : config.instruments()) {
            if (ic.symbol().equals(ref) && "UM".equals(ic.fs()) && underlying.equals(ic.underlying())) {
                return ref;
            }
        }
        return null;
    }

    /** 08:00 UTC of an ISO date {@code yyyy-MM-dd}, epoch ms. */
    public static long expiryMillis(String isoDate, String where) {
        try {
            return LocalDate.parse(isoDate).atTime(SETTLEMENT_HOUR_UTC, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException(where + " must be a date yyyy-MM-dd");
        }
    }

    /** A round strike step near 8 % of {@code price}: 1, 2, 2.5 or 5 times a power of ten. */
    static BigDecimal niceStep(BigDecimal price) {
        double target = price.doubleValue() * 0.08;
        double pow = Math.pow(10, Math.floor(Math.log10(target)));
        double best = pow;
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (Math.abs(m * pow - target) < Math.abs(best - target)) {
                best = m * pow;
            }
        }
        return new BigDecimal(Double.toString(best)).stripTrailingZeros();
    }
}
