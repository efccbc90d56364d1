package io.marginstream.gateway.journal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test records with payloads derived from their seq, and helpers to write and read them back. */
final class Records {
    private Records() {}

    /** A payload of varying length (1..80 bytes) that identifies its seq. */
    static byte[] payload(long seq) {
        String s = "record-" + seq + "-" + "x".repeat((int) (seq * 7 % 64));
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** On-disk size of record {@code seq}: header plus payload. */
    static int recordBytes(long seq) {
        return JournalFiles.RECORD_HEADER_BYTES + payload(seq).length;
    }

    /** Appends {@code fromSeq..toSeq} to {@code w} and syncs once. */
    static void appendAndSync(JournalWriter w, long fromSeq, long toSeq) throws IOException {
        for (long s = fromSeq; s <= toSeq; s++) {
            w.append(s, payload(s));
        }
        w.sync();
    }

    /** Writes seqs {@code 1..count} into a fresh journal in {@code journalDir}, syncing every 10 records. */
    static void writeJournal(Path journalDir, long count, long segmentBytes) throws IOException {
        try (JournalWriter w = JournalWriter.open(journalDir, 1, segmentBytes)) {
            for (long s = 1; s <= count; s += 10) {
                appendAndSync(w, s, Math.min(count, s + 9));
            }
        }
    }

    /** What a recovery delivered. */
    record Read(List<Long> seqs, JournalReader.Result result) {}

    /** Recovers from {@code fromSeq}, checking that every delivered payload matches its seq. */
    static Read recover(Path journalDir, long fromSeq) throws IOException {
        List<Long> seqs = new ArrayList<>();
        JournalReader.Result r = JournalReader.recover(journalDir, fromSeq, (seq, payload) -> {
            if (!java.util.Arrays.equals(payload(seq), payload)) {
                throw new AssertionError("payload of seq " + seq + " differs");
            }
            seqs.add(seq);
        });
        return new Read(seqs, r);
    }

    static List<Long> range(long from, long to) {
        List<Long> out = new ArrayList<>();
        for (long s = from; s <= to; s++) {
            out.add(s);
        }
        return out;
    }
}
