package io.marginstream.client.load;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A latency-distribution plot as a self-contained SVG, in the style of HdrHistogram's plotter: x is the percentile
 * on a log scale of {@code 1/(1-p)} (50 %, 90 %, 99 %, 99.9 %, …), y is latency in milliseconds on a log scale, one
 * line per histogram.
 */
final class LatencyPlot {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 520;
    private static final int LEFT = 80;
    /** Room for the legend: a name and its count on two lines, at most ~170 px wide even in rsvg's fonts. */
    private static final int RIGHT = 210;
    private static final int TOP = 40;
    private static final int BOTTOM = 60;
    private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"};
    private static final double MAX_X = 5; // 99.999 %
    private static final double MIN_MS = 0.01;

    private LatencyPlot() {}

    /** Renders the histograms (microsecond values) that have data; {@code title} goes on top. */
    static String svg(String title, Map<String, Histogram> series) {
        double maxMs = 1;
        for (Histogram h : series.values()) {
            if (h.getTotalCount() > 0) {
                maxMs = Math.max(maxMs, h.getMaxValue() / 1000.0);
            }
        }
        double yTop = Math.pow(10, Math.ceil(Math.log10(maxMs)));
        double yBottom = MIN_MS;
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"24\" font-size=\"15\" font-weight=\"bold\">%s</text>%n",
                LEFT, escape(title)));
        // grid: x decades
        String[] xLabels = {"0%", "90%", "99%", "99.9%", "99.99%", "99.999%"};
        for (int d = 0; d <= MAX_X; d++) {
            double x = LEFT + plotW * d / MAX_X;
            s.append(line(x, TOP, x, TOP + plotH, "#ddd"));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    x, TOP + plotH + 18, xLabels[d]));
        }
        // grid: y decades
        for (double v = yBottom; v <= yTop * 1.0001; v *= 10) {
            double y = yOf(v, yBottom, yTop, plotH);
            s.append(line(LEFT, y, LEFT + plotW, y, "#ddd"));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                    LEFT - 6, y + 4, label(v)));
        }
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                + "stroke=\"#333\"/>%n", LEFT, TOP, plotW, plotH));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">percentile</text>%n",
                LEFT + plotW / 2, HEIGHT - 15));
        s.append(String.format(Locale.ROOT, "<text x=\"18\" y=\"%d\" text-anchor=\"middle\" "
                + "transform=\"rotate(-90 18 %d)\">latency (ms, log)</text>%n", TOP + plotH / 2, TOP + plotH / 2));
        int i = 0;
        int legendY = TOP + 10;
        for (Map.Entry<String, Histogram> e : series.entrySet()) {
            Histogram h = e.getValue();
            if (h.getTotalCount() == 0) {
                continue;
            }
            String color = COLORS[i++ % COLORS.length];
            List<String> points = new ArrayList<>();
            for (HistogramIterationValue v : h.percentiles(5)) {
                double p = v.getPercentileLevelIteratedTo() / 100.0;
                double xv = p >= 1 ? MAX_X : Math.min(MAX_X, Math.log10(1 / (1 - p)));
                double ms = Math.max(MIN_MS, h.highestEquivalentValue(v.getValueIteratedTo()) / 1000.0);
                points.add(String.format(Locale.ROOT, "%.1f,%.1f", LEFT + plotW * xv / MAX_X,
                        yOf(ms, yBottom, yTop, plotH)));
                if (p >= 1) {
                    break;
                }
            }
            s.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" "
                    + "points=\"%s\"/>%n", color, String.join(" ", points)));
            s.append(line(LEFT + plotW + 10, legendY, LEFT + plotW + 30, legendY, color));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", LEFT + plotW + 36,
                    legendY + 4, escape(e.getKey())));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"#555\">n=%,d</text>%n",
                    LEFT + plotW + 36, legendY + 18, h.getTotalCount()));
            legendY += 36;
        }
        s.append("</svg>\n");
        return s.toString();
    }

    private static double yOf(double ms, double bottom, double top, int plotH) {
        double f = (Math.log10(ms) - Math.log10(bottom)) / (Math.log10(top) - Math.log10(bottom));
        return TOP + plotH * (1 - f);
    }

    private static String line(double x1, double y1, double x2, double y2, String color) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>%n",
                x1, y1, x2, y2, color);
    }

    private static String label(double ms) {
        return ms >= 1 ? String.format(Locale.ROOT, "%.0f", ms) : String.format(Locale.ROOT, "%s", ms);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
