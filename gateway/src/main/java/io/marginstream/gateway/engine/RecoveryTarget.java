package io.marginstream.gateway.engine;

/**
 * An engine state that durable storage is replayed into: a snapshot first, then the journaled commands after it.
 * Implemented by {@link MarginEngine} (recovery at start-up, before {@link MarginEngine#start()}) and, inside the
 * engine, by the fresh state it rebuilds after a storage failure. Used by one thread at a time.
 */
public interface RecoveryTarget {

    /** Replaces the whole state with a snapshot's. */
    void restore(EngineState snapshot);

    /**
     * Re-applies a journaled command at its recorded time, without journaling and without events; seqs at or below
     * {@link #lastSeq()} are skipped (already in the restored snapshot).
     *
     * @throws IllegalStateException naming the record when the command is rejected now: the state diverged from
     *     the one that accepted it
     */
    void replay(long seq, long timeMillis, EngineCommand cmd);

    /** The seq of the last command in the state. */
    long lastSeq();
}
