package io.marginstream.gateway.journal;

import java.nio.file.Path;

/**
 * Child process for {@link DataDirLockTest}: locks the data directory given as the argument, prints {@code LOCKED},
 * and holds the lock until its standard input reaches end of file.
 */
public final class LockHolderMain {
    private LockHolderMain() {}

    public static void main(String[] args) throws Exception {
        try (DataDirLock lock = DataDirLock.acquire(Path.of(args[0]))) {
            System.out.println("LOCKED " + lock.dataDir());
            System.out.flush();
            while (System.in.read() >= 0) {
                continue;
            }
        }
    }
}
