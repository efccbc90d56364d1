package io.marginstream.gateway.binance;

import io.marginstream.protocol.binance.RestParams;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * What an endpoint gets once the front door has admitted a request: its params, the account and API key of a
 * keyed or signed request ({@code null} for public ones), the time, and the executor (the connection's event loop)
 * on which results are shaped, so that the engine thread only runs the command. Immutable.
 */
record Call(RestParams params, String accountId, String apiKey, long now, Executor executor) {

    /** {@code stage}'s result turned into the wire result by {@code shape}, on {@link #executor()}. */
    @SuppressWarnings("unchecked")
    <T> CompletionStage<Object> then(CompletionStage<Object> stage, Function<T, Object> shape) {
        return stage.thenApplyAsync(r -> shape.apply((T) r), executor);
    }
}
