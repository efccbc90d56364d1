package io.marginstream.client.load;

import org.HdrHistogram.Histogram;

/**
 * The summary of one latency histogram, in milliseconds (recorded in microseconds).
 *
 * @param count  values recorded
 * @param minMs  smallest value
 * @param p50Ms  median
 * @param p90Ms  90th percentile
 * @param p99Ms  99th percentile
 * @param p999Ms 99.9th percentile
 * @param maxMs  largest value
 * @param meanMs arithmetic mean
 */
public record LatencyStats(long count, double minMs, double p50Ms, double p90Ms, double p99Ms, double p999Ms,
                           double maxMs, double meanMs) {

    public static final LatencyStats EMPTY = new LatencyStats(0, 0, 0, 0, 0, 0, 0, 0);

    /** Summarizes a histogram of microsecond values. */
    public static LatencyStats of(Histogram h) {
        if (h.getTotalCount() == 0) {
            return EMPTY;
        }
        return new LatencyStats(h.getTotalCount(), ms(h.getMinValue()), ms(h.getValueAtPercentile(50)),
                ms(h.getValueAtPercentile(90)), ms(h.getValueAtPercentile(99)), ms(h.getValueAtPercentile(99.9)),
                ms(h.getMaxValue()), Math.round(h.getMean()) / 1000.0);
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
