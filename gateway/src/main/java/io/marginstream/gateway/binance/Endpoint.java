package io.marginstream.gateway.binance;

import java.util.concurrent.CompletionStage;

/** One route's translation: the admitted call → the engine → the wire result (a record, list or map). */
@FunctionalInterface
interface Endpoint {
    /**
     * Runs the call. The stage completes with the result to encode as JSON, or exceptionally with an
     * {@link io.marginstream.protocol.ApiException}; an endpoint may also throw one at once for bad params.
     */
    CompletionStage<Object> call(Call c);
}
