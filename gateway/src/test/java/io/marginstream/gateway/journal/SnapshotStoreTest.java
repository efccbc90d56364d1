package io.marginstream.gateway.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotStoreTest {
    @TempDir
    Path dataDir;

    private Path journal() {
        return DataDirLayout.journalDir(dataDir);
    }

    private static byte[] state(long lastSeq) {
        return ("state-after-" + lastSeq).getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void noSnapshot_latestEmpty() throws IOException {
        assertTrue(SnapshotStore.open(dataDir).latest().isEmpty());
    }

    @Test
    void write_thenLatest_returnsNewest() throws IOException {
        SnapshotStore store = SnapshotStore.open(dataDir);
        store.write(10, 7L, state(10));
        store.write(20, 7L, state(20));
        SnapshotStore.Snapshot s = store.latest().orElseThrow();
        assertEquals(20, s.lastSeq());
        assertArrayEquals(state(20), s.state());
        assertTrue(Files.exists(s.file()));
    }

    @Test
    void snapshotPlusTail_replaysOnlyTheTail() throws IOException {
        Records.writeJournal(journal(), 100, JournalWriter.DEFAULT_SEGMENT_BYTES);
        SnapshotStore store = SnapshotStore.open(dataDir);
        store.write(60, 7L, state(60));

        SnapshotStore.Snapshot s = store.latest().orElseThrow();
        Records.Read tail = Records.recover(journal(), s.lastSeq() + 1);
        assertEquals(Records.range(61, 100), tail.seqs());
        assertEquals(101, tail.result().nextSeq());
    }

    @Test
    void corruptNewestSnapshot_skippedLoggedAndMovedAside_olderOneUsed() throws IOException {
        SnapshotStore store = SnapshotStore.open(dataDir);
        store.write(10, 7L, state(10));
        Path newest = store.write(20, 7L, state(20));
        try (RandomAccessFile raf = new RandomAccessFile(newest.toFile(), "rw")) {
            raf.seek(raf.length() - 1);
            raf.write('!');
        }
        try (LogCapture log = new LogCapture(SnapshotStore.class)) {
            SnapshotStore.Snapshot s = store.latest().orElseThrow();
            assertEquals(10, s.lastSeq());
            assertArrayEquals(state(10), s.state());
            List<String> warns = log.messages(Level.WARN);
            assertEquals(1, warns.size());
            assertTrue(warns.get(0).contains(newest.toString()) && warns.get(0).contains("CRC32C"), warns.get(0));
        }
        assertFalse(Files.exists(newest));
        assertTrue(Files.exists(newest.resolveSibling(newest.getFileName() + ".corrupt")));
    }

    @Test
    void truncatedSnapshot_skipped() throws IOException {
        SnapshotStore store = SnapshotStore.open(dataDir);
        Path only = store.write(10, 7L, state(10));
        try (RandomAccessFile raf = new RandomAccessFile(only.toFile(), "rw")) {
            raf.setLength(10);
        }
        assertTrue(store.latest().isEmpty());
    }

    @Test
    void staleTempFile_removedAtOpen() throws IOException {
        Path snaps = DataDirLayout.snapshotDir(dataDir);
        Files.createDirectories(snaps);
        Path tmp = snaps.resolve(JournalFiles.snapshotName(5) + ".tmp");
        Files.write(tmp, new byte[100]);
        SnapshotStore store = SnapshotStore.open(dataDir);
        assertFalse(Files.exists(tmp));
        assertTrue(store.latest().isEmpty());
    }

    @Test
    void segmentRollAndDeletion_segmentsCoveredByOldestRetainedSnapshotDeleted() throws IOException {
        Records.writeJournal(journal(), 1000, 4096);
        List<JournalFiles.Segment> before = JournalFiles.listSegments(journal());
        assertTrue(before.size() > 10, "rolled: " + before.size());
        SnapshotStore store = SnapshotStore.open(dataDir);

        store.write(400, 7L, state(400));
        assertEquals(before, JournalFiles.listSegments(journal()), "one snapshot of two retained: nothing deleted");

        store.write(800, 7L, state(800));
        List<JournalFiles.Segment> after = JournalFiles.listSegments(journal());
        assertTrue(after.size() < before.size());
        assertTrue(after.get(0).firstSeq() <= 401, "the segment holding seq 401 is kept: " + after.get(0));
        assertTrue(after.size() == 1 || after.get(1).firstSeq() > 401, "and nothing wholly before it");
        assertEquals(Records.range(401, 1000), Records.recover(journal(), 401).seqs());

        store.write(900, 7L, state(900));
        assertEquals(List.of(900L, 800L), JournalFiles.listSnapshots(DataDirLayout.snapshotDir(dataDir)).stream()
                .map(JournalFiles.SnapshotFile::lastSeq).toList(), "two snapshots retained");
        assertEquals(Records.range(801, 1000), Records.recover(journal(), 801).seqs());
    }

    @Test
    void singleRetainedSnapshot_deletesWhatItCovers_keepsSegmentHoldingNextSeq() throws IOException {
        Records.writeJournal(journal(), 1000, 4096);
        SnapshotStore store = new SnapshotStore(DataDirLayout.snapshotDir(dataDir), journal(), 1);
        store.write(500, 7L, state(500));
        List<JournalFiles.Segment> after = JournalFiles.listSegments(journal());
        assertTrue(after.get(0).firstSeq() <= 501 && (after.size() == 1 || after.get(1).firstSeq() > 501),
                after.toString());
        assertEquals(Records.range(501, 1000), Records.recover(journal(), 501).seqs());
    }

    @Test
    void deleteSegmentsCoveredBy_neverDeletesTheLastSegment() throws IOException {
        Records.writeJournal(journal(), 1000, 4096);
        List<JournalFiles.Segment> before = JournalFiles.listSegments(journal());
        int deleted = SnapshotStore.deleteSegmentsCoveredBy(journal(), 5000);
        assertEquals(before.size() - 1, deleted);
        assertEquals(List.of(before.get(before.size() - 1)), JournalFiles.listSegments(journal()));
    }
}
