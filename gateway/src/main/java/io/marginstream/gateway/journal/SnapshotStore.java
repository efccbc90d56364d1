package io.marginstream.gateway.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Durable, checksummed snapshots of the engine state, and the pruning of what they make redundant.
 *
 * <h2>File {@code snapshot-<lastSeq:20 digits>.snap}</h2>
 * <pre>
 * int magic 0x4D535331 ("MSS1") | int version (1) | long lastSeq | int length | int crc32c | byte[length] state
 * </pre>
 * Big-endian; {@code crc32c} covers the 8 lastSeq bytes, the 4 length bytes and the state, in that order. A
 * snapshot is written to {@code .tmp}, forced, renamed into place atomically, and the directory is forced: a crash
 * leaves either the complete new snapshot or none (a stale {@code .tmp} is removed at the next open).
 *
 * <p>Retention: the newest {@code retainedSnapshots} (default 2) are kept, so that a newest snapshot found corrupt at
 * start-up can fall back to the previous one; journal segments are deleted only when wholly covered by the
 * <em>oldest retained</em> snapshot once that many exist, so that a fallback still finds its journal tail. With 1
 * retained snapshot,
 * segments wholly covered by the new snapshot are deleted, keeping the one that holds {@code lastSeq + 1}.
 *
 * <p>Threading: {@link #write} and {@link #latest} may run on any one thread at a time (the snapshot thread, or
 * the recovering thread at start-up); the engine thread never calls them.
 */
public final class SnapshotStore {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotStore.class);

    /** Default number of snapshots kept. */
    public static final int DEFAULT_RETAINED_SNAPSHOTS = 2;

    /**
     * A valid snapshot read back from disk.
     *
     * @param fingerprint the engine config fingerprint it was taken under (0 for a version-1 snapshot: unknown)
     */
    public record Snapshot(long lastSeq, long fingerprint, byte[] state, Path file) {}

    private final Path snapshotDir;
    private final Path journalDir;
    private final int retainedSnapshots;

    /**
     * @param snapshotDir where snapshots live (created if absent; stale {@code .tmp} files in it are deleted)
     * @param journalDir the journal whose covered segments {@link #write} deletes
     * @param retainedSnapshots how many snapshots to keep, at least 1
     */
    public SnapshotStore(Path snapshotDir, Path journalDir, int retainedSnapshots) throws IOException {
        if (retainedSnapshots < 1) {
            throw new IllegalArgumentException("retainedSnapshots must be >= 1, was " + retainedSnapshots);
        }
        this.snapshotDir = snapshotDir;
        this.journalDir = journalDir;
        this.retainedSnapshots = retainedSnapshots;
        Files.createDirectories(snapshotDir);
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(snapshotDir, "*.tmp")) {
            for (Path tmp : ds) {
                Files.delete(tmp);
                LOG.info("snapshot: deleted {} left by an interrupted snapshot write", tmp);
            }
        }
    }

    /** The store of {@code dataDir} in the standard layout ({@link DataDirLayout}), keeping 2 snapshots. */
    public static SnapshotStore open(Path dataDir) throws IOException {
        return new SnapshotStore(DataDirLayout.snapshotDir(dataDir), DataDirLayout.journalDir(dataDir),
                DEFAULT_RETAINED_SNAPSHOTS);
    }

    /**
     * Writes a snapshot covering every journal record up to {@code lastSeq} atomically and durably, then deletes
     * snapshots beyond the retained count and the journal segments wholly covered by the oldest retained one.
     * Call it only once {@code lastSeq} itself is durable in the journal.
     *
     * @return the snapshot file
     */
    public Path write(long lastSeq, long fingerprint, byte[] state) throws IOException {
        if (lastSeq < 0) {
            throw new IllegalArgumentException("lastSeq must be >= 0, was " + lastSeq);
        }
        Path target = snapshotDir.resolve(JournalFiles.snapshotName(lastSeq));
        Path tmp = snapshotDir.resolve(JournalFiles.snapshotName(lastSeq) + ".tmp");
        ByteBuffer header = ByteBuffer.allocate(JournalFiles.SNAPSHOT_HEADER_BYTES);
        header.putInt(JournalFiles.SNAPSHOT_MAGIC).putInt(JournalFiles.SNAPSHOT_VERSION).putLong(lastSeq)
                .putLong(fingerprint).putInt(state.length).putInt(checksum(lastSeq, fingerprint, state)).flip();
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            JournalFiles.writeFully(ch, header);
            JournalFiles.writeFully(ch, ByteBuffer.wrap(state));
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        JournalFiles.fsyncDirectory(snapshotDir);
        LOG.info("snapshot: wrote {} ({} bytes of state, covers seqs up to {})", target, state.length, lastSeq);
        prune();
        return target;
    }

    /**
     * The newest valid snapshot. A newer one that fails its checks is logged (WARN, file and reason), renamed to
     * {@code .corrupt} so that it is kept for inspection but never read again, and skipped.
     */
    public Optional<Snapshot> latest() throws IOException {
        for (JournalFiles.SnapshotFile f : JournalFiles.listSnapshots(snapshotDir)) {
            String problem;
            byte[] bytes = Files.readAllBytes(f.file());
            problem = validate(bytes, f.lastSeq());
            if (problem == null) {
                boolean v1 = ByteBuffer.wrap(bytes).getInt(4) == JournalFiles.SNAPSHOT_VERSION_1;
                int header = v1 ? JournalFiles.SNAPSHOT_HEADER_BYTES_V1 : JournalFiles.SNAPSHOT_HEADER_BYTES;
                long fingerprint = v1 ? JournalFiles.NO_FINGERPRINT : ByteBuffer.wrap(bytes).getLong(16);
                byte[] state = new byte[bytes.length - header];
                System.arraycopy(bytes, header, state, 0, state.length);
                return Optional.of(new Snapshot(f.lastSeq(), fingerprint, state, f.file()));
            }
            Path aside = f.file().resolveSibling(f.file().getFileName() + ".corrupt");
            Files.move(f.file(), aside, StandardCopyOption.REPLACE_EXISTING);
            JournalFiles.fsyncDirectory(snapshotDir);
            LOG.warn("snapshot: {} is invalid ({}); moved aside to {} and falling back to an older snapshot",
                    f.file(), problem, aside.getFileName());
        }
        return Optional.empty();
    }

    /**
     * Deletes journal segments wholly covered by {@code lastSeq}: a segment goes when the next segment starts at or
     * before {@code lastSeq + 1}. The last segment is never deleted.
     *
     * @return the number of segments deleted
     */
    public static int deleteSegmentsCoveredBy(Path journalDir, long lastSeq) throws IOException {
        List<JournalFiles.Segment> segments = JournalFiles.listSegments(journalDir);
        int deleted = 0;
        for (int i = 0; i + 1 < segments.size(); i++) {
            if (segments.get(i + 1).firstSeq() <= lastSeq + 1) {
                Files.delete(segments.get(i).file());
                deleted++;
                LOG.info("journal: deleted {}, covered by the snapshot at seq {}", segments.get(i).file(), lastSeq);
            }
        }
        if (deleted > 0) {
            JournalFiles.fsyncDirectory(journalDir);
        }
        return deleted;
    }

    private void prune() throws IOException {
        List<JournalFiles.SnapshotFile> all = JournalFiles.listSnapshots(snapshotDir);
        for (int i = retainedSnapshots; i < all.size(); i++) {
            Files.delete(all.get(i).file());
            LOG.info("snapshot: deleted {}, older than the {} retained", all.get(i).file(), retainedSnapshots);
        }
        if (all.size() > retainedSnapshots) {
            JournalFiles.fsyncDirectory(snapshotDir);
        }
        if (all.size() >= retainedSnapshots) {
            deleteSegmentsCoveredBy(journalDir, all.get(retainedSnapshots - 1).lastSeq());
        }
    }

    /**
     * Version 2: {@code int magic | int version | long lastSeq | long fingerprint | int length | int crc32c}, the CRC
     * over lastSeq, fingerprint, length and the state; version 1 has no fingerprint.
     */
    private static String validate(byte[] bytes, long nameSeq) {
        if (bytes.length < JournalFiles.SNAPSHOT_HEADER_BYTES_V1) {
            return "file of " + bytes.length + " bytes is shorter than the header";
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int version = b.getInt(4);
        if (b.getInt(0) != JournalFiles.SNAPSHOT_MAGIC
                || (version != JournalFiles.SNAPSHOT_VERSION && version != JournalFiles.SNAPSHOT_VERSION_1)) {
            return "bad magic or version";
        }
        boolean v1 = version == JournalFiles.SNAPSHOT_VERSION_1;
        int header = v1 ? JournalFiles.SNAPSHOT_HEADER_BYTES_V1 : JournalFiles.SNAPSHOT_HEADER_BYTES;
        if (bytes.length < header) {
            return "file of " + bytes.length + " bytes is shorter than the header";
        }
        long lastSeq = b.getLong(8);
        if (lastSeq != nameSeq) {
            return "header seq " + lastSeq + " differs from the file name";
        }
        int length = b.getInt(header - 8);
        if (length < 0 || length != bytes.length - header) {
            return "state length " + length + " does not match the file size " + bytes.length;
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 8, header - 12);
        crc.update(bytes, header, length);
        if ((int) crc.getValue() != b.getInt(header - 4)) {
            return "CRC32C mismatch";
        }
        return null;
    }

    private static int checksum(long lastSeq, long fingerprint, byte[] state) {
        ByteBuffer b = ByteBuffer.allocate(20).putLong(lastSeq).putLong(fingerprint).putInt(state.length);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, 20);
        crc.update(state, 0, state.length);
        return (int) crc.getValue();
    }
}
