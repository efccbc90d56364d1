package io.marginstream.client.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Reads the gateway's {@code GET /metrics} (Prometheus text format) and picks out what the load report needs: used
 * heap and open sessions. Names are matched loosely (Micrometer's {@code jvm_memory_used_bytes{area="heap"}} or any
 * gauge whose name holds {@code heap} and {@code used}; any {@code *sessions*} gauge that is not a counter) so the
 * tester survives a renamed metric; the raw samples it used are kept in the report, with the server's counters
 * of closes and rejections ({@code *closes_total}, {@code *rejections_total}) and its tick-to-write histogram
 * ({@link #quantileUpperBound}).
 */
final class ServerMetrics {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI uri;

    ServerMetrics(URI uri) {
        this.uri = uri;
    }

    /** The metrics URL of a gateway whose WebSocket URL is {@code wsUrl}. */
    static URI metricsUri(URI wsUrl) {
        String scheme = "wss".equals(wsUrl.getScheme()) ? "https" : "http";
        return URI.create(scheme + "://" + wsUrl.getHost() + ":" + wsUrl.getPort() + "/metrics");
    }

    /** One scrape; {@code null} when the server did not answer 200 within 2 seconds. */
    Sample scrape() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? parse(r.body(), System.currentTimeMillis()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Parses Prometheus text into the sample of interest. */
    static Sample parse(String text, long timeMs) {
        double heap = 0;
        boolean heapSeen = false;
        Double sessions = null;
        Map<String, Double> raw = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int sp = line.lastIndexOf(' ');
            if (sp < 0) {
                continue;
            }
            String key = line.substring(0, sp).trim();
            OptionalDouble value = number(line.substring(sp + 1).trim());
            if (value.isEmpty()) {
                continue;
            }
            // a timestamp may follow the value: "name value ts"
            int sp2 = key.lastIndexOf(' ');
            if (sp2 > 0 && key.indexOf('}') < sp2) {
                OptionalDouble v2 = number(key.substring(sp2 + 1));
                if (v2.isPresent()) {
                    value = v2;
                    key = key.substring(0, sp2).trim();
                }
            }
            String name = key.contains("{") ? key.substring(0, key.indexOf('{')) : key;
            String lower = name.toLowerCase();
            double v = value.getAsDouble();
            if (lower.equals("jvm_memory_used_bytes") && key.contains("area=\"heap\"")) {
                heap += v;
                heapSeen = true;
                raw.put(key, v);
            } else if (lower.contains("heap") && lower.contains("used") && !key.contains("area=\"nonheap\"")) {
                if (!heapSeen) {
                    heap += v;
                    heapSeen = true;
                }
                raw.put(key, v);
            } else if (lower.endsWith("closes_total") || lower.endsWith("rejections_total")
                    || lower.contains("tick_to_write")) {
                raw.put(key, v);
            } else if (lower.contains("session") && !lower.endsWith("_total") && !lower.endsWith("_created")
                    && !lower.contains("seconds") && !lower.contains("bucket")) {
                if (sessions == null) {
                    sessions = v;
                }
                raw.put(key, v);
            }
        }
        return new Sample(timeMs, heapSeen ? (long) heap : -1, sessions == null ? -1 : sessions.longValue(), raw);
    }

    /**
     * The upper bound of the bucket holding quantile {@code q} of the server's tick-to-write histogram
     * ({@code *tick_to_write_seconds_bucket{le=…}} samples in {@code raw}), in seconds: the value at or below which
     * that share of the writes was; {@code NaN} without samples, {@code +Inf} past the last finite bucket.
     */
    static double quantileUpperBound(Map<String, Double> raw, double q) {
        java.util.TreeMap<Double, Double> buckets = new java.util.TreeMap<>();
        raw.forEach((k, v) -> {
            int le = k.indexOf("le=\"");
            if (k.contains("tick_to_write_seconds_bucket") && le >= 0) {
                String bound = k.substring(le + 4, k.indexOf('"', le + 4));
                buckets.put(bound.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound), v);
            }
        });
        if (buckets.isEmpty() || buckets.lastEntry().getValue() <= 0) {
            return Double.NaN;
        }
        double target = q * buckets.lastEntry().getValue();
        for (Map.Entry<Double, Double> b : buckets.entrySet()) {
            if (b.getValue() >= target) {
                return b.getKey();
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    private static OptionalDouble number(String s) {
        try {
            return OptionalDouble.of(Double.parseDouble(s));
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    /**
     * One scrape: used heap in bytes and open sessions ({@code -1} when the metric was not found) and the raw samples
     * they came from.
     */
    record Sample(long timeMs, long heapUsedBytes, long sessions, Map<String, Double> raw) {
    }
}
