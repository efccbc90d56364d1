package io.marginstream.gateway.journal;

import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A disk that can be filled and freed, for the journal's segment files: every channel it opens is a real file
 * channel behind a {@link FaultyChannel}; while full, writes and fsyncs fail as {@code ENOSPC} does (also on the
 * channels opened before), and a segment created while full gets its file but cannot write its header.
 */
final class FaultyDisk {
    private final List<FaultyChannel> open = new CopyOnWriteArrayList<>();
    private volatile boolean full;

    JournalWriter.ChannelOpener opener() {
        return file -> {
            FaultyChannel c = new FaultyChannel(FileChannel.open(file, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE));
            if (full) {
                c.failWritesAfter(0);
                c.failForce();
            }
            open.add(c);
            return c;
        };
    }

    /** From now on every write and fsync fails. */
    void fill() {
        full = true;
        for (FaultyChannel c : open) {
            c.failWritesAfter(0);
            c.failForce();
        }
    }

    /** Channels opened from now on work (those opened while full stay broken, as their writer abandons them). */
    void free() {
        full = false;
    }
}
