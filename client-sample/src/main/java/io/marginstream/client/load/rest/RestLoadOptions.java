package io.marginstream.client.load.rest;

import io.marginstream.client.UsageException;

import java.net.URI;

/**
 * One REST load run against the Binance-compatible surface (docs/BINANCE.md, "Measured"): signed
 * {@code GET /papi/v1/account} and {@code POST /papi/v1/um/order} (MARKET, alternating BUY/SELL so positions stay
 * small) at a fixed total rate over keep-alive connections, from synthetic accounts; plus listenKey sockets on
 * {@code /pm/ws/<listenKey>} whose user-data events are timed from their {@code E}.
 *
 * @param url             the gateway's HTTP base URL
 * @param rate            requests per second, all kinds together (open loop: sent on schedule, not after answers)
 * @param orderShare      share of requests (0..1) that are orders; the rest are account reads
 * @param durationSeconds measured seconds
 * @param warmupSeconds   seconds at the same rate before the measurement (discarded)
 * @param connections     most keep-alive connections the client keeps open
 * @param idPrefix        {@code syntheticAccounts.idPrefix} of the gateway
 * @param secretSeed      {@code syntheticAccounts.secretSeed} of the gateway
 * @param accounts        synthetic accounts the requests rotate over
 * @param listenKeys      accounts (the first ones) that also hold a {@code /pm/ws} socket
 */
public record RestLoadOptions(URI url, int rate, double orderShare, int durationSeconds, int warmupSeconds,
                              int connections, String idPrefix, String secretSeed, int accounts, int listenKeys) {

    /** 1,000 requests/s, half orders, 30 s after 5 s of warm-up, 200 accounts, 50 listenKey sockets. */
    public static RestLoadOptions defaults() {
        return new RestLoadOptions(URI.create("http://127.0.0.1:8090"), 1000, 0.5, 30, 5, 64, "load-", "change-me",
                200, 50);
    }

    /** Fails naming the first bad setting. */
    public RestLoadOptions validate() {
        check(rate >= 1 && rate <= 100_000, "--rate must be 1..100000");
        check(orderShare >= 0 && orderShare <= 1, "--order-share must be 0..1");
        check(durationSeconds >= 1, "--duration-seconds must be at least 1");
        check(warmupSeconds >= 0, "--warmup-seconds must be at least 0");
        check(connections >= 1, "--connections must be at least 1");
        check(accounts >= 1, "--accounts must be at least 1");
        check(listenKeys >= 0 && listenKeys <= accounts, "--listen-keys must be 0..accounts");
        String scheme = url.getScheme();
        check("http".equals(scheme) || "https".equals(scheme), "--url must be an http(s) URL");
        return this;
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new UsageException(message);
        }
    }

    public RestLoadOptions withUrl(URI u) {
        return new RestLoadOptions(u, rate, orderShare, durationSeconds, warmupSeconds, connections, idPrefix,
                secretSeed, accounts, listenKeys);
    }

    public RestLoadOptions withRun(int r, int duration, int warmup) {
        return new RestLoadOptions(url, r, orderShare, duration, warmup, connections, idPrefix, secretSeed, accounts,
                listenKeys);
    }

    public RestLoadOptions withAccounts(String prefix, String seed, int n, int keys) {
        return new RestLoadOptions(url, rate, orderShare, durationSeconds, warmupSeconds, connections, prefix, seed,
                n, keys);
    }
}
