package io.marginstream.gateway.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalRecoveryTest {
    @TempDir
    Path dir;

    private Path onlySegment() throws IOException {
        List<JournalFiles.Segment> segments = JournalFiles.listSegments(dir);
        assertEquals(1, segments.size());
        return segments.get(0).file();
    }

    /** Offset of record {@code seq} in a single-segment journal starting at seq 1. */
    private static long offsetOf(long seq) {
        long off = JournalFiles.SEGMENT_HEADER_BYTES;
        for (long s = 1; s < seq; s++) {
            off += Records.recordBytes(s);
        }
        return off;
    }

    private static void flipBit(Path file, long offset) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offset);
            int b = raf.read();
            raf.seek(offset);
            raf.write(b ^ 0x10);
        }
    }

    private static void truncate(Path file, long size) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(size);
        }
    }

    @Test
    void emptyJournal_absentOrEmptyDirectory_nothingToReplay() throws IOException {
        Records.Read absent = Records.recover(dir.resolve("missing"), 1);
        assertTrue(absent.seqs().isEmpty());
        assertEquals(1, absent.result().nextSeq());

        Records.Read afterSnapshot = Records.recover(dir, 501);
        assertEquals(501, afterSnapshot.result().nextSeq(), "continues after the snapshot's seq");

        try (JournalWriter w = JournalWriter.open(dir, 1)) {
            assertEquals(0, w.durableSeq());
        }
        Records.Read headerOnly = Records.recover(dir, 1);
        assertTrue(headerOnly.seqs().isEmpty());
        assertEquals(1, headerOnly.result().nextSeq());
        assertTrue(headerOnly.result().truncation().isEmpty());
    }

    @Test
    void tornTail_truncatedMidRecord_recoveredTruncatedAndLogged() throws IOException {
        Records.writeJournal(dir, 50, JournalWriter.DEFAULT_SEGMENT_BYTES);
        Path seg = onlySegment();
        long cut = offsetOf(50) + 9;
        truncate(seg, cut);

        try (LogCapture log = new LogCapture(JournalReader.class)) {
            Records.Read read = Records.recover(dir, 1);
            assertEquals(Records.range(1, 49), read.seqs());
            assertEquals(50, read.result().nextSeq());
            JournalReader.Truncation t = read.result().truncation().orElseThrow();
            assertEquals(seg, t.file());
            assertEquals(offsetOf(50), t.offset());
            assertEquals(9, t.bytesDropped());
            assertEquals(offsetOf(50), Files.size(seg), "file cut at the torn record");
            List<String> warns = log.messages(Level.WARN);
            assertEquals(1, warns.size(), warns.toString());
            assertTrue(warns.get(0).contains(seg.toString()) && warns.get(0).contains("offset " + offsetOf(50)),
                    warns.get(0));
        }
        try (JournalWriter w = JournalWriter.open(dir, 50)) {
            Records.appendAndSync(w, 50, 60);
        }
        Records.Read again = Records.recover(dir, 1);
        assertEquals(Records.range(1, 60), again.seqs());
        assertTrue(again.result().truncation().isEmpty(), "a second recovery finds nothing to repair");
    }

    @Test
    void tornTail_partialRecordHeader_truncated() throws IOException {
        Records.writeJournal(dir, 10, JournalWriter.DEFAULT_SEGMENT_BYTES);
        truncate(onlySegment(), offsetOf(10) + 3);
        Records.Read read = Records.recover(dir, 1);
        assertEquals(Records.range(1, 9), read.seqs());
        assertTrue(read.result().truncation().orElseThrow().reason().contains("incomplete record header"));
    }

    @Test
    void tornTail_zeroFilledEnd_truncated() throws IOException {
        Records.writeJournal(dir, 10, JournalWriter.DEFAULT_SEGMENT_BYTES);
        Path seg = onlySegment();
        long end = Files.size(seg);
        truncate(seg, end + 300);
        Records.Read read = Records.recover(dir, 1);
        assertEquals(Records.range(1, 10), read.seqs());
        assertEquals(end, Files.size(seg));
    }

    @Test
    void corruptLastRecord_nothingValidAfter_truncatedAsTornTail() throws IOException {
        Records.writeJournal(dir, 10, JournalWriter.DEFAULT_SEGMENT_BYTES);
        flipBit(onlySegment(), offsetOf(10) + JournalFiles.RECORD_HEADER_BYTES + 2);
        Records.Read read = Records.recover(dir, 1);
        assertEquals(Records.range(1, 9), read.seqs());
        assertTrue(read.result().truncation().orElseThrow().reason().contains("CRC32C"));
    }

    @Test
    void flippedBitInTheMiddle_refusedNamingFileAndOffset_fileUntouched() throws IOException {
        Records.writeJournal(dir, 50, JournalWriter.DEFAULT_SEGMENT_BYTES);
        Path seg = onlySegment();
        long size = Files.size(seg);
        flipBit(seg, offsetOf(20) + JournalFiles.RECORD_HEADER_BYTES + 3);

        JournalCorruptException e = assertThrows(JournalCorruptException.class, () -> Records.recover(dir, 1));
        assertEquals(seg, e.file());
        assertEquals(offsetOf(20), e.offset());
        assertTrue(e.getMessage().contains(seg.toString()) && e.getMessage().contains("offset " + offsetOf(20)),
                e.getMessage());
        assertEquals(size, Files.size(seg), "refusal changes nothing on disk");
    }

    @Test
    void flippedBitInALengthField_refused() throws IOException {
        Records.writeJournal(dir, 50, JournalWriter.DEFAULT_SEGMENT_BYTES);
        flipBit(onlySegment(), offsetOf(30) + 2);
        JournalCorruptException e = assertThrows(JournalCorruptException.class, () -> Records.recover(dir, 1));
        assertEquals(offsetOf(30), e.offset());
    }

    @Test
    void corruptionInANonLastSegment_refusedEvenAtItsEnd() throws IOException {
        Records.writeJournal(dir, 300, 4096);
        List<JournalFiles.Segment> segments = JournalFiles.listSegments(dir);
        assertTrue(segments.size() > 2);
        Path first = segments.get(0).file();
        long size = Files.size(first);
        truncate(first, size - 4);
        JournalCorruptException e = assertThrows(JournalCorruptException.class, () -> Records.recover(dir, 1));
        assertEquals(first, e.file());
        assertTrue(e.getMessage().contains("not the last"), e.getMessage());
    }

    @Test
    void missingSegment_sequenceGap_refused() throws IOException {
        Records.writeJournal(dir, 300, 4096);
        List<JournalFiles.Segment> segments = JournalFiles.listSegments(dir);
        Files.delete(segments.get(1).file());
        JournalCorruptException e = assertThrows(JournalCorruptException.class, () -> Records.recover(dir, 1));
        assertEquals(segments.get(2).file(), e.file());
        assertTrue(e.getMessage().contains("sequence gap"), e.getMessage());
    }

    @Test
    void journalStartingAfterTheNeededSeq_refused() throws IOException {
        Records.writeJournal(dir, 300, 4096);
        List<JournalFiles.Segment> segments = JournalFiles.listSegments(dir);
        Files.delete(segments.get(0).file());
        JournalCorruptException e = assertThrows(JournalCorruptException.class, () -> Records.recover(dir, 1));
        assertTrue(e.getMessage().contains("recovery needs seq 1"), e.getMessage());
    }

    @Test
    void recoverFromSeq_deliversOnlyTheTail() throws IOException {
        Records.writeJournal(dir, 300, 4096);
        Records.Read read = Records.recover(dir, 123);
        assertEquals(Records.range(123, 300), read.seqs());
        assertEquals(178, read.result().recordsDelivered());
    }

    @Test
    void lastSegmentWithTornHeader_deleted() throws IOException {
        Records.writeJournal(dir, 10, JournalWriter.DEFAULT_SEGMENT_BYTES);
        Path torn = dir.resolve(JournalFiles.segmentName(11));
        Files.write(torn, new byte[7]);
        Records.Read read = Records.recover(dir, 1);
        assertEquals(Records.range(1, 10), read.seqs());
        assertFalse(Files.exists(torn));
        assertEquals(11, read.result().nextSeq());
    }

    @Test
    void badHeaderOfASegmentWithRecords_refused() throws IOException {
        Records.writeJournal(dir, 10, JournalWriter.DEFAULT_SEGMENT_BYTES);
        flipBit(onlySegment(), 1);
        JournalCorruptException e = assertThrows(JournalCorruptException.class, () -> Records.recover(dir, 1));
        assertEquals(0, e.offset());
    }
}
