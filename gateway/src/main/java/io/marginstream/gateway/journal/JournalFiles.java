package io.marginstream.gateway.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * File names, on-disk layout constants and small file-system helpers shared by the journal classes.
 *
 * <h2>Segment file {@code journal-<firstSeq:20 digits>.log}</h2>
 * <pre>
 * header  (24 bytes): int magic 0x4D534A31 ("MSJ1") | int version (2) | long firstSeq (equals the file name)
 *                     | long config fingerprint (ConfigFingerprint of the engine config the records were made under)
 *         (version 1: the same without the fingerprint, 16 bytes; still read)
 * records (repeated): int length | int crc32c | long seq | byte[length] payload
 * </pre>
 * All integers are big-endian. {@code length} is the payload length (0..{@link #MAX_RECORD_BYTES}); {@code crc32c}
 * is CRC32C over the 4 length bytes, the 8 seq bytes and the payload, in that order, so a damaged length, seq or
 * payload is detected. Records of a segment carry consecutive seqs starting at the segment's {@code firstSeq}, and
 * each segment starts right after the previous one's last record.
 */
final class JournalFiles {
    static final int SEGMENT_MAGIC = 0x4D534A31;
    /** Version 1: 16-byte header without a config fingerprint (still read). */
    static final int SEGMENT_VERSION_1 = 1;
    static final int SEGMENT_HEADER_BYTES_V1 = 16;
    static final int SEGMENT_VERSION = 2;
    static final int SEGMENT_HEADER_BYTES = 24;
    static final int RECORD_HEADER_BYTES = 16;
    /** Largest payload one record may carry. */
    static final int MAX_RECORD_BYTES = 16 * 1024 * 1024;

    static final int SNAPSHOT_MAGIC = 0x4D535331;
    /** Version 1: 24-byte header without a config fingerprint (still read). */
    static final int SNAPSHOT_VERSION_1 = 1;
    static final int SNAPSHOT_HEADER_BYTES_V1 = 24;
    static final int SNAPSHOT_VERSION = 2;
    static final int SNAPSHOT_HEADER_BYTES = 32;
    /** The fingerprint of a file written before fingerprints existed: unknown, not checked. */
    static final long NO_FINGERPRINT = 0;

    private static final Pattern SEGMENT_NAME = Pattern.compile("journal-(\\d{20})\\.log");
    private static final Pattern SNAPSHOT_NAME = Pattern.compile("snapshot-(\\d{20})\\.snap");

    private JournalFiles() {}

    /** A journal segment file and the seq of its first record, taken from its name. */
    record Segment(Path file, long firstSeq) {}

    /** A snapshot file and the last seq it covers, taken from its name. */
    record SnapshotFile(Path file, long lastSeq) {}

    static String segmentName(long firstSeq) {
        return String.format("journal-%020d.log", firstSeq);
    }

    static String snapshotName(long lastSeq) {
        return String.format("snapshot-%020d.snap", lastSeq);
    }

    /** Segments of {@code journalDir} in ascending {@code firstSeq} order; empty when the directory is absent. */
    static List<Segment> listSegments(Path journalDir) throws IOException {
        List<Segment> out = new ArrayList<>();
        if (!Files.isDirectory(journalDir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(journalDir)) {
            for (Path p : ds) {
                Matcher m = SEGMENT_NAME.matcher(p.getFileName().toString());
                if (m.matches()) {
                    out.add(new Segment(p, Long.parseLong(m.group(1))));
                }
            }
        }
        out.sort(Comparator.comparingLong(Segment::firstSeq));
        return out;
    }

    /** Snapshots of {@code snapshotDir} in descending {@code lastSeq} order (newest first). */
    static List<SnapshotFile> listSnapshots(Path snapshotDir) throws IOException {
        List<SnapshotFile> out = new ArrayList<>();
        if (!Files.isDirectory(snapshotDir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(snapshotDir)) {
            for (Path p : ds) {
                Matcher m = SNAPSHOT_NAME.matcher(p.getFileName().toString());
                if (m.matches()) {
                    out.add(new SnapshotFile(p, Long.parseLong(m.group(1))));
                }
            }
        }
        out.sort(Comparator.comparingLong(SnapshotFile::lastSeq).reversed());
        return out;
    }

    /** Makes the directory entries of {@code dir} (creations, renames, deletions) durable. */
    static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    /** Writes all remaining bytes of {@code src}; a short write is retried until done. */
    static void writeFully(FileChannel ch, ByteBuffer src) throws IOException {
        if (!src.isDirect() && src.remaining() > WRITE_SLICE_BYTES) {
            // The JDK copies a heap buffer into a temporary direct one of the whole size before writing; for a
            // snapshot of tens of MB that was a new, zeroed direct buffer every time. Slices reuse one.
            int end = src.limit();
            while (src.position() < end) {
                ByteBuffer slice = src.duplicate();
                slice.limit(Math.min(end, src.position() + WRITE_SLICE_BYTES));
                while (slice.hasRemaining()) {
                    ch.write(slice);
                }
                src.position(slice.position());
            }
            return;
        }
        while (src.hasRemaining()) {
            ch.write(src);
        }
    }

    /** The largest piece of a heap buffer {@link #writeFully} hands to one write. */
    static final int WRITE_SLICE_BYTES = 1 << 20;
}
