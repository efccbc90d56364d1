package io.marginstream.gateway.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writing child process with SIGKILL mid-burst, several times over the same directory, and checks after
 * each kill that every acknowledged record is there exactly once, in order, intact, and that the journal continues
 * without a gap.
 */
class JournalCrashTest {
    @TempDir
    Path dir;

    @Test
    void killDashNine_midBurst_everyAcknowledgedRecordSurvivesExactlyOnce() throws Exception {
        long[] killAfter = {500, 3_000, 1, 10_000};
        long expectedStart = 1;
        for (long acksBeforeKill : killAfter) {
            Round round = runAndKill(acksBeforeKill);
            assertEquals(expectedStart, round.start, "the child continued right after the recovered journal");

            Records.Read read = Records.recover(dir, 1);
            long last = read.result().lastSeq();
            assertTrue(last >= round.lastAcked, "acknowledged up to " + round.lastAcked + " but recovered only to "
                    + last);
            assertEquals(Records.range(1, last), read.seqs(), "every record once, in order, payload intact");
            expectedStart = last + 1;
        }
    }

    private record Round(long start, long lastAcked) {}

    private Round runAndKill(long acksBeforeKill) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                CrashWriterMain.class.getName(), dir.toString()).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8));
            return CompletableFuture.supplyAsync(() -> {
                try {
                    String first = in.readLine();
                    while (first != null && !first.startsWith("START ")) {
                        first = in.readLine();
                    }
                    assertTrue(first != null, "the child ended before it started writing");
                    long start = Long.parseLong(first.substring(6));
                    long lastAcked = start - 1;
                    String line;
                    // SIGKILL through the handle, which leaves our end of the pipe open: read to the end, since
                    // acknowledgements printed before the kill landed still count
                    while ((line = in.readLine()) != null) {
                        if (!line.startsWith("ACK ")) {
                            continue;
                        }
                        lastAcked = Long.parseLong(line.substring(4));
                        if (lastAcked - start + 1 >= acksBeforeKill) {
                            child.toHandle().destroyForcibly();
                        }
                    }
                    assertTrue(child.waitFor(30, TimeUnit.SECONDS));
                    return new Round(start, lastAcked);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).get(120, TimeUnit.SECONDS);
        } finally {
            child.destroyForcibly();
        }
    }
}
