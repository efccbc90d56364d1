package io.marginstream.gateway.journal;

import java.io.IOException;
import java.nio.file.Path;

/** Start-up is refused because another gateway (process or instance in this JVM) already uses the data directory. */
public final class DataDirLockedException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path dataDir;

    public DataDirLockedException(Path dataDir, String message) {
        super(message);
        this.dataDir = dataDir;
    }

    /** The data directory that is in use. */
    public Path dataDir() {
        return dataDir;
    }
}
