package io.marginstream.gateway.binance;

import io.marginstream.gateway.session.ListenKeys;
import io.marginstream.gateway.session.PmStreams;
import io.marginstream.protocol.binance.SimpleResults;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code POST}/{@code PUT}/{@code DELETE /papi/v1/listenKey} (§11, API key only): open (the same key while active,
 * extended), keep alive ({@code -1125} when none is active), close (its sockets close). {@code listenKey} is
 * accepted from the query or body but not needed. Thread-safe.
 */
final class ListenKeyEndpoints {
    private final ListenKeys keys;
    private final PmStreams streams;

    ListenKeyEndpoints(ListenKeys keys, PmStreams streams) {
        this.keys = keys;
        this.streams = streams;
    }

    CompletionStage<Object> open(Call c) {
        return done(new SimpleResults.ListenKey(keys.open(c.apiKey(), c.accountId(), c.now()).listenKey()));
    }

    CompletionStage<Object> keepAlive(Call c) {
        keys.keepAlive(c.apiKey(), c.params().optString("listenKey"), c.now());
        return done(Map.of());
    }

    CompletionStage<Object> close(Call c) {
        streams.closed(keys.close(c.apiKey(), c.params().optString("listenKey"), c.now()));
        return done(Map.of());
    }

    private static CompletionStage<Object> done(Object result) {
        return CompletableFuture.completedFuture(result);
    }
}
