package io.marginstream.gateway.session;

import io.marginstream.protocol.Params;
import io.marginstream.protocol.message.Method;

import java.util.concurrent.CompletionStage;

/**
 * The engine-backed methods of §4 as the session layer sees them: {@link Method} says who may call them and which
 * params they know; this turns their params into engine commands and the engine's answers into wire results.
 * Implemented next to the engine; thread-safe.
 */
public interface Commands {
    /**
     * Runs {@code method} for {@code accountId} ({@code null} only for methods that need no logon) with params already
     * checked against {@link Method#params()}. The stage completes with the wire result or exceptionally with an
     * {@link io.marginstream.protocol.ApiException}.
     */
    CompletionStage<Object> execute(Method method, String accountId, Params params);

    /**
     * Whether the account is in portfolio-margin mode ({@code marginRatio} needs it, §5.7): complete at once in one
     * process; in cluster mode it may complete later, on another thread, or fail with an
     * {@link io.marginstream.protocol.ApiException} ({@code -1008}).
     */
    CompletionStage<Boolean> portfolioMargin(String accountId);
}
