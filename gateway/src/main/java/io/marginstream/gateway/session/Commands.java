package io.marginstream.gateway.session;

import io.marginstream.protocol.Params;

import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * The engine-backed methods of §4 as the session layer sees them: the method table says who may call them; this
 * turns their params into engine commands and the engine's answers into wire results. Implemented next to the
 * engine; thread-safe.
 */
public interface Commands {
    /** The params {@code method} accepts (besides {@code returnRateLimits}). */
    Set<String> params(String method);

    /**
     * Runs {@code method} for {@code accountId} ({@code null} only for methods that need no logon). The stage
     * completes with the wire result or exceptionally with an {@link io.marginstream.protocol.ApiException}.
     */
    CompletionStage<Object> execute(String method, String accountId, Params params);

    /** Whether the account is in portfolio-margin mode ({@code marginRatio} needs it, §5.7). */
    boolean portfolioMargin(String accountId);
}
