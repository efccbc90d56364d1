package io.marginstream.gateway.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Append-only writer of journal segments with group commit (format: {@link JournalFiles}).
 *
 * <p>{@link #append} only copies the record into a reused direct buffer; {@link #sync} writes everything appended
 * since the previous sync with as few {@code write} calls as possible and then calls {@code FileChannel.force(false)}
 * once, so a batch of any size costs one fsync, and a lone record waits for exactly one. When the current segment
 * would grow past {@code segmentBytes}, the next record starts a new segment: the old one is written, forced and
 * closed first, and the new file and its directory entry are made durable before any record in it is acknowledged.
 *
 * <p>Lifecycle: {@code OPEN} → {@code CLOSED}, or {@code OPEN} → {@code FAILED} when a write, fsync or segment
 * creation throws. A {@code FAILED} writer throws {@link JournalFailedException} from {@code append} and
 * {@code sync} until {@link #rollBack} succeeds: it cuts whatever the failed sync left on disk after the last
 * durable record (the tail of that record's segment, and every later segment), starts a new segment at the next
 * seq and is {@code OPEN} again. On an {@code OPEN} writer {@code rollBack} drops the records appended since the
 * last sync. Either way a rolled-back record never becomes durable.
 *
 * <p>Threading: owned by one thread (the engine thread) for {@code append}/{@code sync}/{@code close};
 * {@link #state()}, {@link #failure()}, {@link #durableSeq()} and {@link #syncCount()} may be read from any thread.
 */
public final class JournalWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JournalWriter.class);

    /** Default size at which a segment is rolled. */
    public static final long DEFAULT_SEGMENT_BYTES = 64L * 1024 * 1024;
    private static final int INITIAL_BUFFER_BYTES = 1024 * 1024;

    /** Lifecycle of a writer. */
    public enum State { OPEN, FAILED, CLOSED }

    /** Opens segment files; a test seam to inject I/O faults around a real channel. */
    @FunctionalInterface
    interface ChannelOpener {
        FileChannel open(Path file) throws IOException;
    }

    static final ChannelOpener REAL_FILES = file -> FileChannel.open(file,
            StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

    /** A segment boundary inside the pending buffer: bytes from {@code bufferPos} on go to a new segment. */
    private record Roll(int bufferPos, long firstSeq) {}

    private final Path journalDir;
    /** The engine config fingerprint written into every segment header. */
    private final long fingerprint;
    private final long segmentBytes;
    private final ChannelOpener opener;
    private final CRC32C crc = new CRC32C();
    private final List<Roll> rolls = new ArrayList<>(2);

    private ByteBuffer buffer = ByteBuffer.allocateDirect(INITIAL_BUFFER_BYTES);
    private ByteBuffer crcView = buffer.duplicate();
    private FileChannel channel;
    private Path segmentFile;
    /** Bytes of the newest segment counting what is still pending in the buffer. */
    private long segmentSize;
    private long nextSeq;
    private int pendingRecords;
    /** The segment holding the last durable record (or, if it holds none, the newest one), its first seq and end. */
    private Path durableFile;
    private long durableFirstSeq;
    private long durableOffset;

    private volatile State state = State.OPEN;
    private volatile IOException failure;
    private volatile long durableSeq;
    private volatile long syncCount;

    private JournalWriter(Path journalDir, long nextSeq, long segmentBytes, ChannelOpener opener, long fingerprint) {
        this.journalDir = journalDir;
        this.fingerprint = fingerprint;
        this.nextSeq = nextSeq;
        this.durableSeq = nextSeq - 1;
        this.segmentBytes = segmentBytes;
        this.opener = opener;
    }

    /**
     * Opens a writer whose first record will have {@code nextSeq}, starting a new segment
     * {@code journal-<nextSeq>.log} in {@code journalDir} (created if absent). Run {@link JournalReader#recover}
     * first: it repairs a torn tail and tells the next seq.
     *
     * @throws IOException if the segment cannot be created, or the journal already holds records at or after
     *     {@code nextSeq}
     */
    public static JournalWriter open(Path journalDir, long nextSeq) throws IOException {
        return open(journalDir, nextSeq, DEFAULT_SEGMENT_BYTES, REAL_FILES, JournalFiles.NO_FINGERPRINT);
    }

    /** As {@link #open(Path, long)} with a segment roll size of {@code segmentBytes} (at least 4096). */
    public static JournalWriter open(Path journalDir, long nextSeq, long segmentBytes) throws IOException {
        return open(journalDir, nextSeq, segmentBytes, REAL_FILES, JournalFiles.NO_FINGERPRINT);
    }

    static JournalWriter open(Path journalDir, long nextSeq, long segmentBytes, ChannelOpener opener)
            throws IOException {
        return open(journalDir, nextSeq, segmentBytes, opener, JournalFiles.NO_FINGERPRINT);
    }

    /** As {@link #open(Path, long, long)}, segments opened by {@code opener}, headers carrying {@code fingerprint}. */
    static JournalWriter open(Path journalDir, long nextSeq, long segmentBytes, ChannelOpener opener,
                              long fingerprint) throws IOException {
        if (nextSeq < 1) {
            throw new IllegalArgumentException("nextSeq must be >= 1, was " + nextSeq);
        }
        if (segmentBytes < 4096 || segmentBytes > (1L << 30)) {
            throw new IllegalArgumentException("segmentBytes must be in [4096, 2^30], was " + segmentBytes);
        }
        Files.createDirectories(journalDir);
        for (JournalFiles.Segment s : JournalFiles.listSegments(journalDir)) {
            boolean empty = Files.size(s.file()) <= JournalFiles.SEGMENT_HEADER_BYTES;
            if (s.firstSeq() > nextSeq || (s.firstSeq() == nextSeq && !empty)) {
                throw new IOException("journal " + journalDir + " already holds " + s.file().getFileName()
                        + " at or after seq " + nextSeq + "; run recovery to find the next seq");
            }
            if (s.firstSeq() == nextSeq) {
                Files.delete(s.file());
            }
        }
        JournalWriter w = new JournalWriter(journalDir, nextSeq, segmentBytes, opener, fingerprint);
        try {
            w.startSegment(nextSeq);
        } catch (IOException | RuntimeException e) {
            throw w.fail("cannot create journal segment " + w.segmentFile, e);
        }
        w.markDurable(nextSeq);
        return w;
    }

    /**
     * Buffers one record. Nothing reaches the disk until {@link #sync()}.
     *
     * @param seq must be exactly {@link #nextSeq()}
     * @param payload at most 16 MiB
     * @throws JournalFailedException if the writer has failed
     * @throws IllegalArgumentException on a wrong seq or an oversized payload (nothing is appended)
     * @throws IllegalStateException if the writer is closed
     */
    public void append(long seq, byte[] payload) throws JournalFailedException {
        ensureOpen();
        if (seq != nextSeq) {
            throw new IllegalArgumentException("journal expects seq " + nextSeq + ", got " + seq);
        }
        if (payload.length > JournalFiles.MAX_RECORD_BYTES) {
            throw new IllegalArgumentException("journal record of " + payload.length + " bytes exceeds the limit of "
                    + JournalFiles.MAX_RECORD_BYTES);
        }
        int size = JournalFiles.RECORD_HEADER_BYTES + payload.length;
        if (segmentSize > JournalFiles.SEGMENT_HEADER_BYTES && segmentSize + size > segmentBytes) {
            rolls.add(new Roll(buffer.position(), seq));
            segmentSize = JournalFiles.SEGMENT_HEADER_BYTES;
        }
        ensureCapacity(size);
        int start = buffer.position();
        buffer.putInt(payload.length).putInt(0).putLong(seq).put(payload);
        crc.reset();
        crcView.limit(start + 4).position(start);
        crc.update(crcView);
        crcView.limit(start + size).position(start + 8);
        crc.update(crcView);
        buffer.putInt(start + 4, (int) crc.getValue());
        segmentSize += size;
        nextSeq++;
        pendingRecords++;
    }

    /**
     * Writes every record appended since the last sync and forces it to disk with one fsync (plus one per segment
     * rolled in between). Returns at once when nothing is pending. On return, {@link #durableSeq()} is the last
     * appended seq.
     *
     * @throws JournalFailedException if this or an earlier write/fsync failed; the writer is then {@code FAILED}
     * @throws IllegalStateException if the writer is closed
     */
    public void sync() throws JournalFailedException {
        ensureOpen();
        if (pendingRecords == 0) {
            return;
        }
        long lastRoll = rolls.isEmpty() ? -1 : rolls.get(rolls.size() - 1).firstSeq();
        try {
            buffer.flip();
            int end = buffer.limit();
            for (Roll roll : rolls) {
                buffer.limit(roll.bufferPos());
                JournalFiles.writeFully(channel, buffer);
                channel.force(false);
                channel.close();
                buffer.limit(end);
                try {
                    startSegment(roll.firstSeq());
                } catch (IOException | RuntimeException e) {
                    throw fail("cannot create journal segment " + segmentFile, e);
                }
            }
            JournalFiles.writeFully(channel, buffer);
            channel.force(false);
        } catch (JournalFailedException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw fail("journal write/fsync failed on " + segmentFile, e);
        } finally {
            buffer.clear();
            rolls.clear();
        }
        if (lastRoll >= 0) {
            durableFirstSeq = lastRoll;
        }
        pendingRecords = 0;
        durableSeq = nextSeq - 1;
        durableFile = segmentFile;
        durableOffset = segmentSize;
        syncCount++;
    }

    /**
     * Makes sure no record appended since the last successful {@link #sync} ever becomes durable, and that appends
     * can resume at {@link #durableSeq()} + 1. On an {@code OPEN} writer it drops the pending records. On a
     * {@code FAILED} one it also truncates the segment of the last durable record to that record's end, deletes
     * every later segment, and starts a new segment at the next seq (which is the probe that the disk works again);
     * then the writer is {@code OPEN} and {@link #failure()} is empty. Idempotent.
     *
     * @throws IOException when the disk still fails (the writer stays {@code FAILED}; call again later)
     * @throws IllegalStateException if the writer is closed
     */
    public void rollBack() throws IOException {
        if (state == State.CLOSED) {
            throw new IllegalStateException("journal writer for " + journalDir + " is closed");
        }
        buffer.clear();
        rolls.clear();
        pendingRecords = 0;
        nextSeq = durableSeq + 1;
        if (state == State.OPEN) {
            segmentSize = durableOffset;
            return;
        }
        cutAfterDurable();
        try {
            startSegment(nextSeq);
        } catch (IOException | RuntimeException e) {
            closeChannel();
            throw new IOException("journal " + journalDir + " still cannot be written (" + e + ")", e);
        }
        markDurable(nextSeq);
        failure = null;
        state = State.OPEN;
        LOG.info("journal {}: rolled back to seq {} and writable again in {}", journalDir, durableSeq, segmentFile);
    }

    /** Right after a segment for {@code firstSeq} was started: it is the durable end, holding no record yet. */
    private void markDurable(long firstSeq) {
        durableFile = segmentFile;
        durableFirstSeq = firstSeq;
        durableOffset = JournalFiles.SEGMENT_HEADER_BYTES;
        segmentSize = JournalFiles.SEGMENT_HEADER_BYTES;
    }

    /** Deletes everything a failed sync may have left after the last durable record. */
    private void cutAfterDurable() throws IOException {
        closeChannel();
        for (JournalFiles.Segment s : JournalFiles.listSegments(journalDir)) {
            if (s.firstSeq() > durableFirstSeq) {
                Files.deleteIfExists(s.file());
            }
        }
        if (durableFirstSeq == nextSeq) {
            Files.deleteIfExists(durableFile);
        } else if (Files.exists(durableFile)) {
            try (FileChannel ch = FileChannel.open(durableFile, StandardOpenOption.WRITE)) {
                if (ch.size() > durableOffset) {
                    ch.truncate(durableOffset);
                }
                ch.force(true);
            }
        }
        JournalFiles.fsyncDirectory(journalDir);
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the channel is abandoned; its file is cut or deleted next
            }
            channel = null;
        }
    }

    /** The seq the next {@link #append} must carry. */
    public long nextSeq() {
        return nextSeq;
    }

    /** The last seq known to be on disk (forced); {@code nextSeq - 1} right after open. */
    public long durableSeq() {
        return durableSeq;
    }

    /** Number of completed syncs that wrote something (each costs one fsync per segment touched). */
    public long syncCount() {
        return syncCount;
    }

    public State state() {
        return state;
    }

    /** The I/O error that put the writer into {@code FAILED}, if any. */
    public Optional<IOException> failure() {
        return Optional.ofNullable(failure);
    }

    /** The segment being written. */
    public Path currentSegment() {
        return segmentFile;
    }

    /**
     * Syncs what is pending (if open) and closes the segment. Closing a {@code FAILED} writer only releases the
     * file; closing twice does nothing.
     */
    @Override
    public void close() throws IOException {
        if (state == State.CLOSED) {
            return;
        }
        try {
            if (state == State.OPEN) {
                sync();
            }
        } finally {
            state = State.CLOSED;
            if (channel != null) {
                channel.close();
            }
        }
    }

    private void ensureOpen() throws JournalFailedException {
        State s = state;
        if (s == State.FAILED) {
            throw new JournalFailedException("journal " + journalDir + " has failed and accepts nothing more",
                    failure);
        }
        if (s == State.CLOSED) {
            throw new IllegalStateException("journal writer for " + journalDir + " is closed");
        }
    }

    private JournalFailedException fail(String message, Exception cause) {
        IOException io = cause instanceof IOException e ? e : new IOException(cause);
        failure = io;
        state = State.FAILED;
        LOG.error("{}: {}; the journal is FAILED and no further state change can be acknowledged", message,
                cause.toString());
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException suppressed) {
                io.addSuppressed(suppressed);
            }
        }
        return new JournalFailedException(message, io);
    }

    /** Creates {@code journal-<firstSeq>.log}, writes and forces its header, and makes its name durable. */
    private void startSegment(long firstSeq) throws IOException {
        Path file = journalDir.resolve(JournalFiles.segmentName(firstSeq));
        segmentFile = file;
        channel = opener.open(file);
        ByteBuffer header = ByteBuffer.allocate(JournalFiles.SEGMENT_HEADER_BYTES);
        header.putInt(JournalFiles.SEGMENT_MAGIC).putInt(JournalFiles.SEGMENT_VERSION).putLong(firstSeq)
                .putLong(fingerprint).flip();
        JournalFiles.writeFully(channel, header);
        channel.force(true);
        JournalFiles.fsyncDirectory(journalDir);
        LOG.debug("journal segment {} started", file);
    }

    private void ensureCapacity(int size) {
        if (buffer.remaining() >= size) {
            return;
        }
        long needed = (long) buffer.position() + size;
        long capacity = buffer.capacity();
        while (capacity < needed) {
            capacity *= 2;
        }
        if (capacity > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("journal batch too large: sync before appending " + size + " more bytes");
        }
        ByteBuffer bigger = ByteBuffer.allocateDirect((int) capacity);
        buffer.flip();
        bigger.put(buffer);
        buffer = bigger;
        crcView = buffer.duplicate();
    }
}
