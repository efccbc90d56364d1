package io.marginstream.gateway.engine;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What the gateway's session layer and Binance surface submit to: the engine as a client sees it. In the
 * single-process default it is the embedded {@link MarginEngine} itself; in cluster mode (PROTOCOL.md §13,
 * docs/CLUSTER.md) it is {@code cluster.NatsEngineClient}, which sends each command to the shard that owns its account
 * by NATS request/reply. Callers cannot tell the two apart: both answer with the same result records and the same
 * {@link io.marginstream.protocol.ApiException}s. Thread-safe; the metadata methods never block.
 */
public interface EngineClient extends AutoCloseable {

    /** Whose output this client must deliver ({@link AccountInterest#NONE}: everyone's, as the embedded engine). */
    default AccountInterest interest() {
        return AccountInterest.NONE;
    }

    /** Starts the engine (or the connection to it). */
    void start();

    /**
     * Runs a command. The future completes with the command's result record (see {@link EngineCommand}) once the
     * change is durable, or fails with an {@link io.marginstream.protocol.ApiException}: the rejection, {@code -1008}
     * when nothing changed and the caller may retry, or (cluster mode) {@code -1007} when the outcome is unknown.
     */
    CompletableFuture<Object> submit(EngineCommand cmd);

    /** Every instrument, in config order. */
    List<InstrumentInfo> instruments();

    /** Every collateral asset, in config order. */
    List<AssetInfo> assets();

    /**
     * Whether the account is in portfolio-margin mode ({@code marginRatio} needs it, §5.7). In one process the stage
     * is already complete; in cluster mode it may wait for the account's shard (never on the caller's thread), and
     * fails with {@code -1008} when the shard cannot say.
     */
    CompletionStage<Boolean> portfolioMargin(String accountId);

    /** The latest marks (symbol → mark). */
    Map<String, BigDecimal> marks();

    /** What the engine can do right now (for {@code /healthz}). */
    EngineHealth health();

    /** Commands waiting for the engine (queued here, or in flight to shards). */
    int queueDepth();

    /** Stops the engine (or closes the connection to it). */
    @Override
    void close();
}
