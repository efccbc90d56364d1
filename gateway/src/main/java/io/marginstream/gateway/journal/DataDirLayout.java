package io.marginstream.gateway.journal;

import java.nio.file.Path;

/**
 * Where the durable files live inside a gateway {@code dataDir}.
 *
 * <pre>
 * dataDir/
 *   LOCK                                   held (FileChannel.tryLock) by the one gateway process using the dir
 *   journal/journal-&lt;firstSeq:20&gt;.log      append-only segments of length-framed, CRC32C-checked records
 *   snapshots/snapshot-&lt;lastSeq:20&gt;.snap    checksummed engine state covering every record up to lastSeq
 * </pre>
 */
public final class DataDirLayout {
    /** Name of the lock file directly under the data directory. */
    public static final String LOCK_FILE = "LOCK";
    /** Name of the journal sub-directory. */
    public static final String JOURNAL_DIR = "journal";
    /** Name of the snapshot sub-directory. */
    public static final String SNAPSHOT_DIR = "snapshots";

    private DataDirLayout() {}

    public static Path lockFile(Path dataDir) {
        return dataDir.resolve(LOCK_FILE);
    }

    public static Path journalDir(Path dataDir) {
        return dataDir.resolve(JOURNAL_DIR);
    }

    public static Path snapshotDir(Path dataDir) {
        return dataDir.resolve(SNAPSHOT_DIR);
    }
}
