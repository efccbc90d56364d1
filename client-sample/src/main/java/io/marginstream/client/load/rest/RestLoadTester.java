package io.marginstream.client.load.rest;

import io.marginstream.client.load.LatencyStats;
import io.marginstream.protocol.auth.HmacSha256;
import io.marginstream.protocol.binance.RestSigning;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The REST mode of the load tester: an open-loop generator of signed {@code GET /papi/v1/account} and
 * {@code POST /papi/v1/um/order} at a fixed rate over OkHttp's keep-alive connection pool, timing every round trip
 * (from the moment the call is handed to the client to its complete answer), and listenKey sockets timing user-data
 * events from their {@code E} to their arrival. One run per instance; the generator runs on the calling thread,
 * answers and events on OkHttp's threads (histograms are guarded by their own monitors).
 */
public final class RestLoadTester {
    private static final RequestBody EMPTY = RequestBody.create(new byte[0], null);

    /** What one run measured. */
    public record Result(LatencyStats account, LatencyStats order, LatencyStats events, long sent, long answered,
                         Map<Integer, Long> statuses, long failures, double achievedRate, double maxSendLagMs) {
        /** Every request sent got an HTTP 200. */
        public boolean allOk() {
            return sent == answered && failures == 0 && statuses.keySet().stream().allMatch(s -> s == 200);
        }
    }

    private final RestLoadOptions o;
    private final PrintStream out;
    private final Histogram accountLatency = new Histogram(60_000_000L, 3);
    private final Histogram orderLatency = new Histogram(60_000_000L, 3);
    private final Histogram eventLatency = new Histogram(60_000_000L, 3);
    private final Map<Integer, Long> statuses = new TreeMap<>();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile long measureFromNanos = Long.MAX_VALUE;
    private volatile long measureFromMillis = Long.MAX_VALUE;

    public RestLoadTester(RestLoadOptions options, PrintStream out) {
        this.o = options.validate();
        this.out = out;
    }

    /** Runs the warm-up and the measured phase, waits up to 10 s for the last answers, and prints the summary. */
    public Result run() throws InterruptedException {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(o.connections());
        dispatcher.setMaxRequestsPerHost(o.connections());
        OkHttpClient http = new OkHttpClient.Builder().dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(o.connections(), 5, TimeUnit.MINUTES))
                .readTimeout(10, TimeUnit.SECONDS).build();
        String base = o.url().toString().replaceAll("/+$", "");
        String[] keys = new String[o.accounts()];
        String[] secrets = new String[o.accounts()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = o.idPrefix() + i;
            secrets[i] = HmacSha256.sign(o.secretSeed(), keys[i]);
        }
        List<WebSocket> sockets = openListenKeys(http, base, keys);
        long total = (long) o.rate() * (o.warmupSeconds() + o.durationSeconds());
        long warmup = (long) o.rate() * o.warmupSeconds();
        int[] orders = new int[keys.length];
        long start = System.nanoTime();
        long maxLag = 0;
        long measuredSent = 0;
        for (long k = 0; k < total; k++) {
            long due = start + k * 1_000_000_000L / o.rate();
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            long sentAt = System.nanoTime();
            maxLag = Math.max(maxLag, sentAt - due);
            if (k == warmup) {
                measureFromNanos = sentAt;
                measureFromMillis = System.currentTimeMillis();
            }
            if (k >= warmup) {
                measuredSent++;
            }
            int a = (int) ((k + k / keys.length) % keys.length);
            boolean order = isOrder(k);
            Request r;
            if (order) {
                String side = orders[a]++ % 2 == 0 ? "BUY" : "SELL";
                String q = RestSigning.signedQuery(secrets[a], "symbol=BTCUSDT&side=" + side
                        + "&type=MARKET&quantity=0.001", System.currentTimeMillis());
                r = new Request.Builder().url(base + "/papi/v1/um/order?" + q).header("X-MBX-APIKEY", keys[a])
                        .post(EMPTY).build();
            } else {
                String q = RestSigning.signedQuery(secrets[a], "", System.currentTimeMillis());
                r = new Request.Builder().url(base + "/papi/v1/account?" + q).header("X-MBX-APIKEY", keys[a])
                        .get().build();
            }
            http.newCall(r).enqueue(new Timed(order ? orderLatency : accountLatency, sentAt));
        }
        long sendEnd = System.nanoTime();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (answered.get() + failures.get() < total && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(200);
        for (WebSocket s : sockets) {
            s.close(1000, "done");
        }
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
        double seconds = (sendEnd - measureFromNanos) / 1e9;
        Result result;
        synchronized (this) {
            result = new Result(stats(accountLatency), stats(orderLatency), stats(eventLatency), total,
                    answered.get(), Map.copyOf(statuses), failures.get(), measuredSent / Math.max(seconds, 1e-9),
                    maxLag / 1e6);
        }
        print(result);
        return result;
    }

    /** Spreads orders evenly: request {@code k} is an order when it falls in the order share of its block of 100. */
    private boolean isOrder(long k) {
        return (k % 100) < Math.round(o.orderShare() * 100);
    }

    private static LatencyStats stats(Histogram h) {
        synchronized (h) {
            return LatencyStats.of(h);
        }
    }

    private List<WebSocket> openListenKeys(OkHttpClient http, String base, String[] keys) throws InterruptedException {
        List<WebSocket> sockets = new ArrayList<>();
        CountDownLatch open = new CountDownLatch(o.listenKeys());
        String wsBase = base.replaceFirst("^http", "ws");
        for (int i = 0; i < o.listenKeys(); i++) {
            Request r = new Request.Builder().url(base + "/papi/v1/listenKey").header("X-MBX-APIKEY", keys[i])
                    .post(EMPTY).build();
            String key;
            try (Response res = http.newCall(r).execute()) {
                String body = res.body() == null ? "" : res.body().string();
                if (res.code() != 200) {
                    throw new IllegalStateException("POST /papi/v1/listenKey for " + keys[i] + ": " + res.code()
                            + " " + body);
                }
                key = body.replaceAll(".*\"listenKey\":\"([A-Za-z0-9]+)\".*", "$1");
            } catch (IOException e) {
                throw new IllegalStateException("POST /papi/v1/listenKey: " + e.getMessage(), e);
            }
            sockets.add(http.newWebSocket(new Request.Builder().url(wsBase + "/pm/ws/" + key).build(),
                    new EventTimer(open)));
        }
        if (!open.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("listenKey sockets did not open within 30 s");
        }
        return sockets;
    }

    /** Records one answer's round trip and status. */
    private final class Timed implements Callback {
        private final Histogram histogram;
        private final long sentAt;

        Timed(Histogram histogram, long sentAt) {
            this.histogram = histogram;
            this.sentAt = sentAt;
        }

        @Override
        public void onResponse(Call call, Response response) {
            try (response) {
                if (response.body() != null) {
                    response.body().bytes();
                }
                long micros = (System.nanoTime() - sentAt) / 1000;
                if (sentAt >= measureFromNanos) {
                    synchronized (histogram) {
                        histogram.recordValue(Math.min(micros, histogram.getHighestTrackableValue()));
                    }
                }
                synchronized (RestLoadTester.this) {
                    statuses.merge(response.code(), 1L, Long::sum);
                }
                answered.incrementAndGet();
            } catch (IOException e) {
                failures.incrementAndGet();
            }
        }

        @Override
        public void onFailure(Call call, IOException e) {
            failures.incrementAndGet();
        }
    }

    /** Times each user-data event from its {@code E} (same machine, same clock) to its arrival. */
    private final class EventTimer extends WebSocketListener {
        private final CountDownLatch open;

        EventTimer(CountDownLatch open) {
            this.open = open;
        }

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            open.countDown();
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            long now = System.currentTimeMillis();
            int i = text.indexOf("\"E\":");
            if (i < 0) {
                return;
            }
            long e = 0;
            for (int j = i + 4; j < text.length() && Character.isDigit(text.charAt(j)); j++) {
                e = e * 10 + (text.charAt(j) - '0');
            }
            if (e >= measureFromMillis) {
                synchronized (eventLatency) {
                    eventLatency.recordValue(Math.max(0, Math.min((now - e) * 1000, 60_000_000L)));
                }
            }
        }
    }

    private void print(Result r) {
        out.printf(Locale.ROOT, "REST load: %d requests/s target, %.0f/s achieved (measured %d s after %d s warm-up),"
                        + " max send lag %.1f ms, %d connections max%n", o.rate(), r.achievedRate(),
                o.durationSeconds(), o.warmupSeconds(), r.maxSendLagMs(), o.connections());
        out.printf(Locale.ROOT, "%-32s %8s %8s %8s %8s %8s %8s%n", "round trip (ms)", "count", "p50", "p90", "p99",
                "p99.9", "max");
        row("GET /papi/v1/account", r.account());
        row("POST /papi/v1/um/order", r.order());
        row("/pm/ws event E -> read", r.events());
        out.printf(Locale.ROOT, "sent %d, answered %d, statuses %s, failures %d%n", r.sent(), r.answered(),
                r.statuses(), r.failures());
    }

    private void row(String name, LatencyStats s) {
        out.printf(Locale.ROOT, "%-32s %8d %8.2f %8.2f %8.2f %8.2f %8.2f%n", name, s.count(), s.p50Ms(), s.p90Ms(),
                s.p99Ms(), s.p999Ms(), s.maxMs());
    }
}
