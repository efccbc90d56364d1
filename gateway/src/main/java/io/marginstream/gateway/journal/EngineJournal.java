package io.marginstream.gateway.journal;

import io.marginstream.gateway.engine.CommandJournal;
import io.marginstream.gateway.engine.EngineCommand;
import io.marginstream.gateway.engine.RecoveryTarget;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The engine's {@link CommandJournal} on top of a {@link JournalWriter}: each applied command becomes one record
 * ({@link CommandCodec}: tag, applied time, fields) under the engine's seq, {@code sync()} is the writer's group
 * commit, {@code rollBack()} the writer's roll-back, and {@code replayDurable} reads the newest snapshot and the
 * journal up to the writer's durable seq ({@link EngineStorage#replayDurable}). Called on the engine thread only.
 *
 * <p>The writer is attached by {@link EngineStorage#recover} once recovery knows the next seq; an engine that
 * appends before that is a programming error ({@link IllegalStateException}).
 */
public final class EngineJournal implements CommandJournal {
    private final EngineStorage storage;
    private volatile JournalWriter writer;

    /** The journal of {@code storage}, whose writer is attached later with {@link #attach}. */
    EngineJournal(EngineStorage storage) {
        this.storage = storage;
    }

    void attach(JournalWriter w) {
        if (writer != null) {
            throw new IllegalStateException("journal writer already attached");
        }
        writer = w;
    }

    /**
     * Encodes and buffers the command.
     *
     * @throws UncheckedIOException wrapping {@link JournalFailedException} once the journal has failed
     * @throws IllegalArgumentException on a seq other than the next one, or a command without an encoding
     */
    @Override
    public void append(long seq, long timeMillis, EngineCommand cmd) {
        JournalWriter w = requireWriter();
        try {
            w.append(seq, CommandCodec.encode(timeMillis, cmd));
        } catch (JournalFailedException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes and fsyncs everything appended since the last sync (one fsync for the batch). */
    @Override
    public void sync() throws IOException {
        requireWriter().sync();
    }

    /** {@link JournalWriter#rollBack}. */
    @Override
    public void rollBack() throws IOException {
        requireWriter().rollBack();
    }

    /** The newest snapshot and the journal after it up to the durable seq, into {@code target}. */
    @Override
    public void replayDurable(RecoveryTarget target) throws IOException {
        storage.replayDurable(target, requireWriter().durableSeq());
    }

    /** The underlying writer, or {@code null} before recovery attached it. */
    JournalWriter writer() {
        return writer;
    }

    private JournalWriter requireWriter() {
        JournalWriter w = writer;
        if (w == null) {
            throw new IllegalStateException("journal used before recovery opened it");
        }
        return w;
    }
}
