package io.marginstream.gateway.engine;

import java.io.IOException;

/**
 * The engine's write-ahead log. The engine calls {@link #append} for every accepted state-changing command, with
 * its sequence number and the time it was applied at, then {@link #sync} once per drained batch; only after
 * {@code sync} returns does it complete the batch's futures and fire its events (group commit). Called on the
 * engine thread only.
 *
 * <p>When a batch cannot be made durable (an {@code append} or {@code sync} throws) or is refused for another
 * reason, the engine calls {@link #rollBack} so that none of the batch's records can ever become durable, and
 * rebuilds its state from {@link #replayDurable}: the refused batch stays invisible, to reads as well as after a
 * restart.
 */
public interface CommandJournal {

    /**
     * Records one applied command; may buffer until {@link #sync}.
     *
     * @throws java.io.UncheckedIOException when the storage has failed
     */
    void append(long seq, long timeMillis, EngineCommand cmd);

    /** Makes every appended record durable. A failure makes the engine refuse changes until {@link #rollBack} works. */
    void sync() throws IOException;

    /**
     * Drops every record appended since the last successful {@link #sync} — from memory, and from the disk if a
     * failed sync left part of it there — and, if the journal has failed, opens it for appends again at the seq
     * after its last durable record. Idempotent. Returns normally once appends may resume.
     *
     * @throws IOException while the storage still fails (the engine retries later)
     */
    default void rollBack() throws IOException {
        throw new IOException(getClass().getName() + " cannot roll back");
    }

    /**
     * Replays the durable state — the newest snapshot, then the journaled commands after it up to the last durable
     * one — into {@code target}, a fresh engine state, to rebuild the engine in process after a failure.
     *
     * @throws IOException when the durable state cannot be read
     */
    default void replayDurable(RecoveryTarget target) throws IOException {
        throw new IOException(getClass().getName() + " keeps no durable state to rebuild from");
    }

    /** No durability: for tests and benchmarks. Nothing is buffered, so a roll-back has nothing to drop. */
    CommandJournal NONE = new CommandJournal() {
        @Override
        public void append(long seq, long timeMillis, EngineCommand cmd) {
        }

        @Override
        public void sync() {
        }

        @Override
        public void rollBack() {
        }
    };
}
