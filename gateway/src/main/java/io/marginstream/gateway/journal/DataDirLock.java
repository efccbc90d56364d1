package io.marginstream.gateway.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Exclusive ownership of a data directory: an OS file lock ({@code FileChannel.tryLock}) on {@code <dataDir>/LOCK},
 * held from start-up until {@link #close()}. The OS releases it when the process dies, even by {@code kill -9}, so
 * a stale lock file never blocks a restart. The holder's pid is written into the file for the error message of the
 * next would-be owner.
 */
public final class DataDirLock implements AutoCloseable {
    private final Path dataDir;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(Path dataDir, FileChannel channel, FileLock lock) {
        this.dataDir = dataDir;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code dataDir} (created if absent) for this process.
     *
     * @throws DataDirLockedException if another process, or another owner in this JVM, holds it
     */
    public static DataDirLock acquire(Path dataDir) throws IOException {
        Path dir = dataDir.toAbsolutePath().normalize();
        Files.createDirectories(dir);
        Path lockFile = DataDirLayout.lockFile(dir);
        FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            ch.close();
            throw new DataDirLockedException(dir, "data directory " + dir + " is already in use by this process ("
                    + lockFile + " is locked); use a different dataDir");
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        if (lock == null) {
            String holder = readHolder(ch);
            ch.close();
            throw new DataDirLockedException(dir, "data directory " + dir + " is already in use by another gateway "
                    + "process" + holder + " (" + lockFile + " is locked); stop it or use a different dataDir");
        }
        try {
            byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
            ch.truncate(0);
            JournalFiles.writeFully(ch, ByteBuffer.wrap(pid));
        } catch (IOException e) {
            lock.release();
            ch.close();
            throw e;
        }
        return new DataDirLock(dir, ch, lock);
    }

    /** The locked directory, absolute. */
    public Path dataDir() {
        return dataDir;
    }

    /** Releases the lock; the lock file stays (harmless: only the OS lock counts). */
    @Override
    public void close() throws IOException {
        if (channel.isOpen()) {
            try {
                lock.release();
            } finally {
                channel.close();
            }
        }
    }

    private static String readHolder(FileChannel ch) {
        try {
            ByteBuffer b = ByteBuffer.allocate(32);
            ch.read(b, 0);
            String pid = new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII).trim();
            return pid.matches("\\d{1,19}") ? " (pid " + pid + ")" : "";
        } catch (IOException e) {
            return "";
        }
    }
}
