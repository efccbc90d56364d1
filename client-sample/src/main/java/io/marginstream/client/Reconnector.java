package io.marginstream.client;

import io.marginstream.protocol.ApiException;
import io.marginstream.protocol.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A {@link GatewayClient}'s way back after it lost an open connection: wait a {@link Backoff} delay with jitter,
 * connect again (to the next of its gateway URLs, when it has several), log on again if it had, repeat the subscriptions, re-read the account; on failure wait longer and
 * try again, except after an authentication error, which ends the client.
 *
 * <p>Threads: attempts start on the shared daemon timer {@code gateway-client-reconnect} and continue on the new
 * connection's reader thread.
 */
final class Reconnector {
    private static final Logger log = LoggerFactory.getLogger(Reconnector.class);
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gateway-client-reconnect");
        t.setDaemon(true);
        return t;
    });
    /** Codes after which logging on again cannot help. */
    private static final Set<Integer> FATAL_LOGON_CODES = Set.of(
            ErrorCode.REJECTED_API_KEY.code(), ErrorCode.BAD_API_KEY_FORMAT.code(), ErrorCode.INVALID_SIGNATURE.code());

    private final GatewayClient client;
    private final Backoff backoff;

    Reconnector(GatewayClient client, Backoff backoff) {
        this.client = client;
        this.backoff = backoff;
    }

    /** Schedules attempt number {@code attempt} (1 for the first after a loss), on the next gateway node. */
    void schedule(int attempt) {
        client.nextNode();
        Duration delay = backoff.delay(attempt, () -> ThreadLocalRandom.current().nextDouble());
        log.info("reconnecting to {} in {} ms (attempt {})", client.url(), delay.toMillis(), attempt);
        TIMER.schedule(() -> attempt(attempt), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void attempt(int attempt) {
        Connection c = client.openConnection();
        if (c == null) {
            return; // closed meanwhile
        }
        c.opened.thenCompose(v -> client.restore(c))
                .whenComplete((v, err) -> {
                    if (err == null || !client.isCurrent(c)) {
                        return;
                    }
                    Throwable cause = GatewayClient.unwrap(err);
                    if (cause instanceof ApiException api && FATAL_LOGON_CODES.contains(api.code().code())) {
                        log.warn("re-logon rejected, giving up: {}", GatewayClient.describe(api));
                        client.giveUp(c, "logon rejected: " + GatewayClient.describe(api));
                        return;
                    }
                    log.info("reconnect attempt {} failed: {}", attempt, cause.toString());
                    // a connection that opened and then ended has already scheduled the next attempt
                    if (c.abandon(new ConnectionLostException("reconnect attempt failed", cause))
                            || c.opened.isCompletedExceptionally()) {
                        schedule(attempt + 1);
                    }
                });
    }
}
