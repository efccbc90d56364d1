package io.marginstream.gateway.journal;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Recovery refuses to go on: the journal is damaged somewhere other than its torn tail (a bad record followed by
 * valid records, a bad record in a segment that is not the last one, a sequence gap, a bad segment header). The
 * message names the file and byte offset so that an operator can inspect the damage; nothing was changed on disk.
 */
public final class JournalCorruptException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long offset;

    public JournalCorruptException(Path file, long offset, String problem) {
        super("journal corrupt: " + problem + " in " + file + " at offset " + offset);
        this.file = file;
        this.offset = offset;
    }

    /** The damaged file. */
    public Path file() {
        return file;
    }

    /** Byte offset of the damaged record (or header) inside {@link #file()}. */
    public long offset() {
        return offset;
    }
}
