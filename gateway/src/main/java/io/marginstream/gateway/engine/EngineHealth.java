package io.marginstream.gateway.engine;

/**
 * What the engine can do right now, for {@code /healthz}: {@link Condition#RUNNING} is the only healthy one.
 *
 * @param condition what the engine does
 * @param reason    one sentence naming the cause when not running normally, else {@code null}
 */
public record EngineHealth(Condition condition, String reason) {

    /** The engine's conditions, from healthy to stopped. */
    public enum Condition {
        /** Accepting commands. */
        RUNNING,
        /** A batch has run for longer than {@link MarginEngine#STALL_MILLIS} (e.g. a journal sync that hangs). */
        STALLED,
        /**
         * The journal failed: the state is back at the durable state, reads are served, changes are refused with
         * {@code -1008}, and the engine resumes by itself once the journal can be written again.
         */
        STORAGE_FAILED,
        /** Stopped by an internal error: every command is refused until the gateway restarts. */
        FAILED,
        /**
         * Cluster mode: the broker connection is down or reconnecting, or a shard does not answer; commands that
         * need the missing part are refused with {@code -1008}, and the node recovers by itself.
         */
        DEGRADED,
        /** Not started yet, or closed. */
        STOPPED
    }

    public boolean up() {
        return condition == Condition.RUNNING;
    }
}
