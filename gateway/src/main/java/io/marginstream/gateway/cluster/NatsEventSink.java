package io.marginstream.gateway.cluster;

import io.marginstream.gateway.engine.AccountEvent;
import io.marginstream.gateway.engine.EngineListener;
import io.marginstream.gateway.engine.MarginSnapshot;
import io.nats.client.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A shard's event sink: the engine's output, published on the account's and symbol's subjects ({@link Subjects}).
 * Each account has one publisher (its shard) and one connection, so NATS keeps its events in {@code U} order; the
 * engine already conflates {@code marginRatio} to one figure per account per batch, and this publishes exactly
 * that. A message the connection cannot take is dropped and counted. Marks go out only from the cluster's mark source (shard 0), so a gateway sees each tick once. Called on the
 * engine thread after the batch is durable; never blocks (the connection drops rather than blocks when its queue is
 * full).
 */
final class NatsEventSink implements EngineListener {
    private static final Logger log = LoggerFactory.getLogger(NatsEventSink.class);
    private final Connection nc;
    private final boolean markSource;
    private final AtomicLong dropped = new AtomicLong();

    NatsEventSink(Connection nc, boolean markSource) {
        this.nc = nc;
        this.markSource = markSource;
    }

    @Override
    public void onAccountEvents(String accountId, List<AccountEvent> events) {
        publish(Subjects.userData(accountId), WireCodec.events(events));
    }

    @Override
    public void onMarginRatio(String accountId, MarginSnapshot snapshot) {
        publish(Subjects.marginRatio(accountId), WireCodec.marginSnapshot(snapshot));
    }

    @Override
    public void onMarkPrices(long eventTime, Map<String, BigDecimal> marks) {
        if (!markSource) {
            return;
        }
        for (Map.Entry<String, BigDecimal> e : marks.entrySet()) {
            publish(Subjects.mark(e.getKey()), WireCodec.mark(eventTime, e.getValue()));
        }
    }

    /** Messages that could not be queued (broker away and the reconnect buffer full, or closing). */
    long dropped() {
        return dropped.get();
    }

    /**
     * Publishes, or drops when the connection cannot take it: the engine must not fail because the broker is away
     * (subscribers see a {@code U} gap and re-read the account).
     */
    private void publish(String subject, byte[] data) {
        try {
            nc.publish(subject, data);
        } catch (RuntimeException e) {
            if (dropped.getAndIncrement() % 10_000 == 0) {
                log.warn("dropping events while the broker is away ({} so far): {}", dropped.get(), e.toString());
            }
        }
    }
}
