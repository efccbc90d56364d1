package io.marginstream.gateway.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the journal back at start-up and repairs a torn tail.
 *
 * <p>Rules (see {@code docs/DURABILITY.md}):
 * <ul>
 *   <li>Records are delivered in seq order from {@code fromSeq} on; the seqs before it are read and checked
 *       (they are needed to find record boundaries) but not delivered.</li>
 *   <li>A torn or corrupt record at the <b>end of the last segment</b> — nothing valid follows it — is what a crash
 *       during an unacknowledged write leaves behind: the segment is truncated at the record's offset and a WARN
 *       names the file and offset. A last segment whose header never made it to disk is deleted likewise.</li>
 *   <li>A bad record with a valid record anywhere after it, a bad record in a segment that is not the last one,
 *       a bad segment header, or a sequence gap (inside or between segments, or between the snapshot and the
 *       journal) is damage to acknowledged data: {@link JournalCorruptException} naming the file and offset, and
 *       nothing is changed on disk.</li>
 * </ul>
 *
 * <p>{@link #recover} runs on the thread that recovers, before the writer is opened. {@link #read} is the
 * read-only variant that the engine's in-process rebuild uses while the writer is open or failed: it delivers the
 * records up to a given seq (the last durable one), ignores whatever follows, and changes nothing on disk.
 */
public final class JournalReader {
    private static final Logger LOG = LoggerFactory.getLogger(JournalReader.class);

    /** Receives the records of a recovery, in seq order. */
    @FunctionalInterface
    public interface RecordHandler {
        /**
         * @param seq the record's seq
         * @param payload a fresh copy of the record's payload
         */
        void onRecord(long seq, byte[] payload) throws IOException;
    }

    /** What was cut off the end of the last segment. */
    public record Truncation(Path file, long offset, long bytesDropped, String reason) {}

    /**
     * Outcome of a recovery.
     *
     * @param lastSeq the last seq of the journal, or {@code fromSeq - 1} if it holds nothing at or after fromSeq;
     *     the writer continues at {@code lastSeq + 1}
     * @param recordsDelivered records handed to the handler (those with seq ≥ fromSeq)
     * @param truncation the repaired tail, if there was one
     */
    public record Result(long lastSeq, long recordsDelivered, Optional<Truncation> truncation) {
        /** The seq the journal writer must continue with. */
        public long nextSeq() {
            return lastSeq + 1;
        }
    }

    private enum Problem { NONE, TORN, CORRUPT }

    private final Path journalDir;
    private final long fromSeq;
    /** Last seq to read: {@code Long.MAX_VALUE} to read (and repair) to the end. */
    private final long toSeq;
    private final boolean repair;
    /** The config fingerprint the delivered records must have been written under, or {@code NO_FINGERPRINT}. */
    private final long expectedFingerprint;
    private final RecordHandler handler;
    private final CRC32C crc = new CRC32C();
    private long expectedSeq;
    private long delivered;
    private Truncation truncation;
    private String problemDetail;

    private JournalReader(Path journalDir, long fromSeq, long toSeq, boolean repair, long expectedFingerprint,
                          RecordHandler handler) {
        this.journalDir = journalDir;
        this.fromSeq = fromSeq;
        this.toSeq = toSeq;
        this.repair = repair;
        this.expectedFingerprint = expectedFingerprint;
        this.handler = handler;
    }

    /**
     * Delivers every record with seq ≥ {@code fromSeq} to {@code handler}, truncating a torn tail.
     *
     * @param journalDir the journal directory (absent or empty: an empty journal)
     * @param fromSeq first seq to deliver: 1 without a snapshot, the snapshot's lastSeq + 1 with one
     * @throws JournalCorruptException when the journal is damaged other than at its tail, or does not reach back
     *     to {@code fromSeq}
     * @throws IOException when reading fails, or as thrown by the handler
     */
    public static Result recover(Path journalDir, long fromSeq, RecordHandler handler) throws IOException {
        return recover(journalDir, fromSeq, JournalFiles.NO_FINGERPRINT, handler);
    }

    /**
     * As {@link #recover(Path, long, RecordHandler)}, refusing to deliver records of a segment written under
     * another engine config than {@code fingerprint} (a segment without one is not checked).
     *
     * @throws ConfigChangedException naming the segment and both fingerprints
     */
    public static Result recover(Path journalDir, long fromSeq, long fingerprint, RecordHandler handler)
            throws IOException {
        if (fromSeq < 1) {
            throw new IllegalArgumentException("fromSeq must be >= 1, was " + fromSeq);
        }
        return new JournalReader(journalDir, fromSeq, Long.MAX_VALUE, true, fingerprint, handler).run();
    }

    /**
     * Delivers the records with seqs {@code fromSeq..toSeq} to {@code handler}, read-only: what follows
     * {@code toSeq} is not looked at, and nothing on disk changes.
     *
     * @throws JournalCorruptException when a record up to {@code toSeq} is damaged or missing
     * @throws IOException when reading fails, or as thrown by the handler
     */
    public static Result read(Path journalDir, long fromSeq, long toSeq, RecordHandler handler) throws IOException {
        if (fromSeq < 1) {
            throw new IllegalArgumentException("fromSeq must be >= 1, was " + fromSeq);
        }
        Result r = new JournalReader(journalDir, fromSeq, toSeq, false, JournalFiles.NO_FINGERPRINT, handler).run();
        if (r.lastSeq() < toSeq) {
            throw new JournalCorruptException(journalDir, 0, "the journal ends at seq " + r.lastSeq()
                    + " but holds records up to seq " + toSeq + " durably");
        }
        return r;
    }

    private Result run() throws IOException {
        List<JournalFiles.Segment> segments = JournalFiles.listSegments(journalDir);
        int start = -1;
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i).firstSeq() <= fromSeq) {
                start = i;
            }
        }
        if (start < 0) {
            if (segments.isEmpty()) {
                return new Result(fromSeq - 1, 0, Optional.empty());
            }
            JournalFiles.Segment first = segments.get(0);
            throw new JournalCorruptException(first.file(), 0, "the journal starts at seq " + first.firstSeq()
                    + " but recovery needs seq " + fromSeq
                    + " (the snapshot covering the seqs before it is missing or invalid)");
        }
        expectedSeq = segments.get(start).firstSeq();
        for (int i = start; i < segments.size() && expectedSeq <= toSeq; i++) {
            JournalFiles.Segment seg = segments.get(i);
            boolean last = i == segments.size() - 1;
            if (seg.firstSeq() != expectedSeq) {
                throw new JournalCorruptException(seg.file(), 0, "sequence gap: expected a segment starting at seq "
                        + expectedSeq + " but the next one starts at seq " + seg.firstSeq());
            }
            readSegment(seg, last);
        }
        long lastSeq = Math.max(expectedSeq - 1, fromSeq - 1);
        return new Result(lastSeq, delivered, Optional.ofNullable(truncation));
    }

    private boolean headerTorn(JournalFiles.Segment seg) throws IOException {
        long size = Files.size(seg.file());
        if (size > JournalFiles.SEGMENT_HEADER_BYTES) {
            return false;
        }
        ByteBuffer h = ByteBuffer.wrap(Files.readAllBytes(seg.file()));
        return headerLength(h, seg.firstSeq()) < 0 || headerLength(h, seg.firstSeq()) > size;
    }

    /** The length of a valid segment header in {@code h} (either version), or -1. */
    private static int headerLength(ByteBuffer h, long firstSeq) {
        if (h.limit() < JournalFiles.SEGMENT_HEADER_BYTES_V1 || h.getInt(0) != JournalFiles.SEGMENT_MAGIC
                || h.getLong(8) != firstSeq) {
            return -1;
        }
        int version = h.getInt(4);
        if (version == JournalFiles.SEGMENT_VERSION_1) {
            return JournalFiles.SEGMENT_HEADER_BYTES_V1;
        }
        return version == JournalFiles.SEGMENT_VERSION && h.limit() >= JournalFiles.SEGMENT_HEADER_BYTES
                ? JournalFiles.SEGMENT_HEADER_BYTES : -1;
    }

    private void dropTornSegment(JournalFiles.Segment seg) throws IOException {
        long size = Files.size(seg.file());
        Files.delete(seg.file());
        JournalFiles.fsyncDirectory(journalDir);
        truncation = new Truncation(seg.file(), 0, size, "segment header incomplete");
        LOG.warn("journal: deleted {} ({} bytes): its header was never completely written (crash while the "
                + "segment was created); no record was lost", seg.file(), size);
    }

    private void readSegment(JournalFiles.Segment seg, boolean last) throws IOException {
        Path file = seg.file();
        try (FileChannel ch = repair ? FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)
                : FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE) {
                throw new JournalCorruptException(file, 0, "segment larger than 2 GiB (" + size + " bytes)");
            }
            if (size <= JournalFiles.SEGMENT_HEADER_BYTES && last && repair && headerTorn(seg)) {
                ch.close();
                dropTornSegment(seg);
                return;
            }
            MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
            int headerBytes = headerLength(map, seg.firstSeq());
            if (headerBytes < 0) {
                throw new JournalCorruptException(file, 0, "invalid segment header (expected magic MSJ1, version "
                        + JournalFiles.SEGMENT_VERSION_1 + " or " + JournalFiles.SEGMENT_VERSION + ", firstSeq "
                        + seg.firstSeq() + ")");
            }
            long segmentFingerprint = headerBytes == JournalFiles.SEGMENT_HEADER_BYTES ? map.getLong(16)
                    : JournalFiles.NO_FINGERPRINT;
            boolean fingerprintChecked = false;
            int pos = headerBytes;
            int end = (int) size;
            while (pos < end && expectedSeq <= toSeq) {
                Problem p = check(map, pos, end, expectedSeq);
                if (p != Problem.NONE) {
                    handleBadRecord(ch, map, file, pos, end, last, p);
                    return;
                }
                int length = map.getInt(pos);
                long seq = map.getLong(pos + 8);
                if (seq != expectedSeq) {
                    throw new JournalCorruptException(file, pos, "sequence gap: expected seq " + expectedSeq
                            + " but found seq " + seq);
                }
                if (seq >= fromSeq) {
                    if (!fingerprintChecked) {
                        checkFingerprint(file, segmentFingerprint);
                        fingerprintChecked = true;
                    }
                    byte[] payload = new byte[length];
                    map.get(pos + JournalFiles.RECORD_HEADER_BYTES, payload);
                    handler.onRecord(seq, payload);
                    delivered++;
                }
                expectedSeq++;
                pos += JournalFiles.RECORD_HEADER_BYTES + length;
            }
            if (last && repair) {
                // what a crashed process wrote but never forced may still sit only in the page cache: force it
                // now, so that no snapshot taken later covers a record that an OS crash could still take away
                ch.force(true);
            }
        }
    }

    /** Refuses to replay records made under another engine config than the one replaying them. */
    private void checkFingerprint(Path file, long segmentFingerprint) throws ConfigChangedException {
        if (expectedFingerprint != JournalFiles.NO_FINGERPRINT && segmentFingerprint != JournalFiles.NO_FINGERPRINT
                && segmentFingerprint != expectedFingerprint) {
            throw new ConfigChangedException(file, segmentFingerprint, expectedFingerprint);
        }
    }

    /** Checks framing and checksum of the record at {@code pos}; sets {@link #problemDetail} when bad. */
    private Problem check(ByteBuffer map, int pos, int end, long seqHint) {
        if (end - pos < JournalFiles.RECORD_HEADER_BYTES) {
            problemDetail = "incomplete record header (" + (end - pos) + " of " + JournalFiles.RECORD_HEADER_BYTES
                    + " bytes)";
            return Problem.TORN;
        }
        int length = map.getInt(pos);
        if (length < 0 || length > JournalFiles.MAX_RECORD_BYTES) {
            problemDetail = "invalid record length " + length;
            return Problem.CORRUPT;
        }
        if ((long) pos + JournalFiles.RECORD_HEADER_BYTES + length > end) {
            problemDetail = "record of " + length + " payload bytes extends past the end of the file";
            return Problem.TORN;
        }
        if (crcOf(map, pos, length) != map.getInt(pos + 4)) {
            problemDetail = "CRC32C mismatch (record length " + length + ", seq field " + map.getLong(pos + 8)
                    + ", expected seq " + seqHint + ")";
            return Problem.CORRUPT;
        }
        return Problem.NONE;
    }

    private int crcOf(ByteBuffer map, int pos, int length) {
        crc.reset();
        ByteBuffer view = map.duplicate();
        view.limit(pos + 4).position(pos);
        crc.update(view);
        view.limit(pos + JournalFiles.RECORD_HEADER_BYTES + length).position(pos + 8);
        crc.update(view);
        return (int) crc.getValue();
    }

    private void handleBadRecord(FileChannel ch, ByteBuffer map, Path file, int pos, int end, boolean last,
            Problem problem) throws IOException {
        String detail = problemDetail;
        if (!repair) {
            throw new JournalCorruptException(file, pos, detail + " before the last durable record (seq " + toSeq
                    + ")");
        }
        if (!last) {
            throw new JournalCorruptException(file, pos, detail + " in a segment that is not the last one");
        }
        int validAt = findValidRecordAfter(map, pos, end);
        if (validAt >= 0) {
            throw new JournalCorruptException(file, pos, detail + ", followed by a valid record at offset " + validAt
                    + " (damage inside acknowledged data, not a torn tail)");
        }
        ch.truncate(pos);
        ch.force(true);
        long dropped = end - pos;
        truncation = new Truncation(file, pos, dropped, detail);
        LOG.warn("journal: truncated the {} tail of {} at offset {} ({} bytes dropped, from expected seq {}): {}",
                problem == Problem.TORN ? "torn" : "corrupt", file, pos, dropped, expectedSeq, detail);
    }

    /**
     * Scans every byte offset after a bad record for a well-framed record with a matching checksum and a plausible
     * seq (not below the expected one). Only such a record proves that the damage is not a torn tail.
     */
    private int findValidRecordAfter(ByteBuffer map, int badPos, int end) {
        long maxSeq = expectedSeq + (end - badPos) / JournalFiles.RECORD_HEADER_BYTES + 1;
        for (int q = badPos + 1; q + JournalFiles.RECORD_HEADER_BYTES <= end; q++) {
            int length = map.getInt(q);
            if (length < 0 || (long) q + JournalFiles.RECORD_HEADER_BYTES + length > end) {
                continue;
            }
            long seq = map.getLong(q + 8);
            if (seq < expectedSeq || seq > maxSeq) {
                continue;
            }
            if (crcOf(map, q, length) == map.getInt(q + 4)) {
                return q;
            }
        }
        return -1;
    }
}
