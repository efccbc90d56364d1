package io.marginstream.gateway.engine;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Where the engine's output goes. Called on the engine thread, after the batch that produced it is durable, in
 * engine order. Implementations must not block and must not throw (an exception is logged and dropped).
 */
public interface EngineListener {

    /** Events of one account, in the order they happened; each carries the account's next update id {@code U}. */
    void onAccountEvents(String accountId, List<AccountEvent> events);

    /** The latest margin figures of a portfolio-margin account whose figures were recomputed (conflatable). */
    void onMarginRatio(String accountId, MarginSnapshot snapshot);

    /** Marks that changed in a batch (symbol → mark), with the time they were applied. */
    void onMarkPrices(long eventTime, Map<String, BigDecimal> marks);

    /**
     * The end of one engine batch: everything the batch produced has been passed to the methods above, and the
     * batch's command results are completed right after this returns. A listener that collects deliveries during a
     * batch hands them on here (so that one hand-off serves the whole batch). The default does nothing.
     */
    default void onBatchEnd() {
    }

    /** A listener that drops everything. */
    EngineListener NONE = new EngineListener() {
        @Override
        public void onAccountEvents(String accountId, List<AccountEvent> events) {
        }

        @Override
        public void onMarginRatio(String accountId, MarginSnapshot snapshot) {
        }

        @Override
        public void onMarkPrices(long eventTime, Map<String, BigDecimal> marks) {
        }
    };
}
