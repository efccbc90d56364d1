package io.marginstream.gateway.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirLockTest {
    @TempDir
    Path dir;

    @Test
    void secondOwnerInSameJvm_refusedNamingTheDir_thenFreeAfterClose() throws IOException {
        Path dataDir = dir.resolve("data");
        try (DataDirLock first = DataDirLock.acquire(dataDir)) {
            DataDirLockedException e = assertThrows(DataDirLockedException.class, () -> DataDirLock.acquire(dataDir));
            assertTrue(e.getMessage().contains(first.dataDir().toString()), e.getMessage());
            assertEquals(first.dataDir(), e.dataDir());
        }
        try (DataDirLock again = DataDirLock.acquire(dataDir)) {
            assertEquals(dataDir.toAbsolutePath(), again.dataDir());
        }
    }

    @Test
    void secondProcess_refusedWhileFirstHoldsIt_thenFree() throws Exception {
        Path dataDir = dir.resolve("data");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LockHolderMain.class.getName(), dataDir.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).get(60, TimeUnit.SECONDS);
            assertTrue(line != null && line.startsWith("LOCKED"), "child said: " + line);

            DataDirLockedException e = assertThrows(DataDirLockedException.class, () -> DataDirLock.acquire(dataDir));
            assertTrue(e.getMessage().contains(dataDir.toAbsolutePath().toString()), e.getMessage());
            assertTrue(e.getMessage().contains("another gateway process (pid " + child.pid() + ")"), e.getMessage());

            child.getOutputStream().close();
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child exits once its stdin closes");
            assertEquals(0, child.exitValue());
            try (DataDirLock mine = DataDirLock.acquire(dataDir)) {
                assertEquals(dataDir.toAbsolutePath(), mine.dataDir());
            }
        } finally {
            child.destroyForcibly();
        }
    }
}
