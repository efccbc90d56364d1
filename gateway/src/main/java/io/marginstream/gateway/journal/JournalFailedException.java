package io.marginstream.gateway.journal;

import java.io.IOException;

/**
 * Thrown by every {@link JournalWriter} call once a write or fsync has failed: the writer is {@code FAILED} and
 * will never acknowledge anything again. The gateway answers state changes with {@code -1008} (status 503) from
 * then on and reports the cause (this exception's cause) in {@code /healthz}; a restart runs recovery.
 */
public final class JournalFailedException extends IOException {
    private static final long serialVersionUID = 1L;

    public JournalFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
