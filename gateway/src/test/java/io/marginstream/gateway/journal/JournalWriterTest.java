package io.marginstream.gateway.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalWriterTest {
    @TempDir
    Path dir;

    @Test
    void groupCommit_manyAppendsOneSync_allDurableAndReadable() throws IOException {
        Path journal = dir.resolve("journal");
        try (JournalWriter w = JournalWriter.open(journal, 1)) {
            for (long s = 1; s <= 5000; s++) {
                w.append(s, Records.payload(s));
            }
            assertEquals(0, w.durableSeq(), "nothing is durable before sync");
            w.sync();
            assertEquals(1, w.syncCount(), "one fsync for the whole group");
            assertEquals(5000, w.durableSeq());
            assertEquals(5001, w.nextSeq());

            Records.Read read = Records.recover(journal, 1);
            assertEquals(Records.range(1, 5000), read.seqs(), "readable while the writer is still open");
            assertTrue(read.result().truncation().isEmpty());
        }
    }

    @Test
    void sync_loneRecord_oneFsync_emptySync_none() throws IOException {
        try (JournalWriter w = JournalWriter.open(dir, 1)) {
            w.sync();
            assertEquals(0, w.syncCount(), "nothing pending: no fsync");
            w.append(1, Records.payload(1));
            w.sync();
            assertEquals(1, w.syncCount());
            assertEquals(1, w.durableSeq());
            w.sync();
            assertEquals(1, w.syncCount());
        }
    }

    @Test
    void append_wrongSeq_rejectedAndNothingAppended() throws IOException {
        try (JournalWriter w = JournalWriter.open(dir, 7)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> w.append(8, Records.payload(8)));
            assertTrue(e.getMessage().contains("expects seq 7"), e.getMessage());
            w.append(7, Records.payload(7));
            w.sync();
            assertEquals(7, w.durableSeq());
        }
        assertEquals(Records.range(7, 7), Records.recover(dir, 7).seqs());
    }

    @Test
    void append_oversizedPayload_rejected() throws IOException {
        try (JournalWriter w = JournalWriter.open(dir, 1)) {
            assertThrows(IllegalArgumentException.class,
                    () -> w.append(1, new byte[JournalFiles.MAX_RECORD_BYTES + 1]));
            assertEquals(1, w.nextSeq());
        }
    }

    @Test
    void segmentRoll_inOneBatch_and_acrossBatches_readsBackInOrder() throws IOException {
        Path journal = dir.resolve("journal");
        try (JournalWriter w = JournalWriter.open(journal, 1, 4096)) {
            Records.appendAndSync(w, 1, 300);
            Records.appendAndSync(w, 301, 310);
            assertEquals(2, w.syncCount());
        }
        List<JournalFiles.Segment> segments = JournalFiles.listSegments(journal);
        assertTrue(segments.size() > 3, "rolled into several segments: " + segments);
        for (JournalFiles.Segment s : segments) {
            assertTrue(Files.size(s.file()) <= 4096, s.file() + " stays within the roll size");
        }
        assertEquals(Records.range(1, 310), Records.recover(journal, 1).seqs());
        assertEquals(Records.range(250, 310), Records.recover(journal, 250).seqs());
    }

    @Test
    void reopen_afterRecovery_continuesInNewSegment() throws IOException {
        Records.writeJournal(dir, 25, JournalWriter.DEFAULT_SEGMENT_BYTES);
        JournalReader.Result r = Records.recover(dir, 1).result();
        assertEquals(26, r.nextSeq());
        try (JournalWriter w = JournalWriter.open(dir, r.nextSeq())) {
            Records.appendAndSync(w, 26, 40);
        }
        assertEquals(2, JournalFiles.listSegments(dir).size());
        assertEquals(Records.range(1, 40), Records.recover(dir, 1).seqs());
    }

    @Test
    void open_behindExistingRecords_refused() throws IOException {
        Records.writeJournal(dir, 25, JournalWriter.DEFAULT_SEGMENT_BYTES);
        IOException e = assertThrows(IOException.class, () -> JournalWriter.open(dir, 1));
        assertTrue(e.getMessage().contains("run recovery"), e.getMessage());
    }

    @Test
    void fsyncFailure_writerFailed_everyLaterCallThrows_durableRecordsSurvive() throws IOException {
        AtomicReference<FaultyChannel> current = new AtomicReference<>();
        JournalWriter w = JournalWriter.open(dir, 1, JournalWriter.DEFAULT_SEGMENT_BYTES, file -> {
            FaultyChannel c = new FaultyChannel(FileChannel.open(file, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE));
            current.set(c);
            return c;
        });
        try (LogCapture log = new LogCapture(JournalWriter.class)) {
            Records.appendAndSync(w, 1, 10);
            current.get().failForce();
            w.append(11, Records.payload(11));
            JournalFailedException e = assertThrows(JournalFailedException.class, w::sync);
            assertTrue(e.getCause().getMessage().contains("injected"), e.toString());
            assertEquals(JournalWriter.State.FAILED, w.state());
            assertTrue(w.failure().isPresent());
            assertEquals(10, w.durableSeq(), "the failed batch is not durable");
            assertThrows(JournalFailedException.class, () -> w.append(12, Records.payload(12)));
            assertThrows(JournalFailedException.class, w::sync);
            assertTrue(log.messages(Level.ERROR).stream().anyMatch(m -> m.contains("FAILED")), "logged");
        }
        w.close();
        Records.Read read = Records.recover(dir, 1);
        assertTrue(read.seqs().size() >= 10 && read.seqs().subList(0, 10).equals(Records.range(1, 10)),
                "acknowledged records survive: " + read.seqs());
    }

    @Test
    void writeFailureMidBatch_tornTailRecoveredAfterwards() throws IOException {
        AtomicReference<FaultyChannel> current = new AtomicReference<>();
        JournalWriter w = JournalWriter.open(dir, 1, JournalWriter.DEFAULT_SEGMENT_BYTES, file -> {
            FaultyChannel c = new FaultyChannel(FileChannel.open(file, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE));
            current.set(c);
            return c;
        });
        Records.appendAndSync(w, 1, 20);
        current.get().failWritesAfter(Records.recordBytes(21) + 5);
        Records.appendAndSync(w, 21, 21);
        w.append(22, Records.payload(22));
        w.append(23, Records.payload(23));
        assertThrows(JournalFailedException.class, w::sync);
        assertEquals(JournalWriter.State.FAILED, w.state());
        w.close();

        Records.Read read = Records.recover(dir, 1);
        assertEquals(Records.range(1, 21), read.seqs(), "the half-written record 22 is cut off");
        assertTrue(read.result().truncation().isPresent());
        assertEquals(22, read.result().nextSeq());
    }

    @Test
    void segmentCreationFailure_atRoll_failsTheSync() throws IOException {
        int[] opened = {0};
        JournalWriter w = JournalWriter.open(dir, 1, 4096, file -> {
            if (++opened[0] > 1) {
                throw new IOException("injected: Read-only file system");
            }
            return FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        });
        Records.appendAndSync(w, 1, 10);
        for (long s = 11; s <= 200; s++) {
            w.append(s, Records.payload(s));
        }
        JournalFailedException e = assertThrows(JournalFailedException.class, w::sync);
        assertTrue(e.getMessage().contains("cannot create journal segment"), e.getMessage());
        assertEquals(JournalWriter.State.FAILED, w.state());
        assertThrows(JournalFailedException.class, () -> w.append(201, Records.payload(201)));
        w.close();
    }

    @Test
    void close_syncsPending_thenRejectsUse() throws IOException {
        JournalWriter w = JournalWriter.open(dir, 1);
        w.append(1, Records.payload(1));
        w.close();
        assertEquals(JournalWriter.State.CLOSED, w.state());
        assertEquals(1, w.durableSeq());
        assertThrows(IllegalStateException.class, () -> w.append(2, Records.payload(2)));
        assertEquals(Records.range(1, 1), Records.recover(dir, 1).seqs());
    }
}
