package io.marginstream.gateway.engine;

import java.io.IOException;

/**
 * The engine's write-ahead log. The engine calls {@link #append} for every accepted state-changing command, with
 * its sequence number and the time it was applied at, then {@link #sync} once per drained batch; only after
 * {@code sync} returns does it complete the batch's futures and fire its events (group commit). Called on the
 * engine thread only.
 */
public interface CommandJournal {

    /** Records one applied command; may buffer until {@link #sync}. */
    void append(long seq, long timeMillis, EngineCommand cmd);

    /** Makes every appended record durable. A failure makes the engine refuse further state changes. */
    void sync() throws IOException;

    /** No durability: for tests and benchmarks. */
    CommandJournal NONE = new CommandJournal() {
        @Override
        public void append(long seq, long timeMillis, EngineCommand cmd) {
        }

        @Override
        public void sync() {
        }
    };
}
