package io.marginstream.client.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway's JVM seen from the same machine, when the load tester knows its PID: live heap ({@code jcmd PID
 * GC.class_histogram}: a full GC, then the bytes of the objects still reachable, whatever the collector) and resident
 * memory ({@code /proc/PID/status}). Measured only before the ramp, after it and after the drain, so the forced GC
 * never lands inside a measured phase. The histogram is read rather than {@code GC.heap_info}'s "used" because that
 * counts whole allocation buffers and regions: with Shenandoah's 2 MiB regions it read 2–5× the reachable bytes
 * (137 MiB for 55 MiB of objects, 576 MiB for 141 MiB, 2026-12-01).
 */
final class ServerProcess {
    /** The histogram's last line: {@code Total   3155094   147326480} (instances, bytes). */
    private static final Pattern TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)\\s*$");
    private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");

    private final long pid;

    ServerProcess(long pid) {
        this.pid = pid;
    }

    /** Bytes of the objects reachable after a full GC; {@code -1} when jcmd failed. */
    long liveHeapBytes() {
        String histogram = run("GC.class_histogram");
        return histogram == null ? -1 : liveBytes(histogram);
    }

    /** The total bytes of a {@code GC.class_histogram} text; -1 when it has no total line. */
    static long liveBytes(String histogram) {
        Matcher m = TOTAL.matcher(histogram);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /**
     * CPU time the process used so far (user + system), in ns, from {@code /proc/PID/stat} (clock ticks of 10 ms,
     * Linux's {@code USER_HZ} of 100); {@code -1} when unknown.
     */
    long cpuNanos() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after "pid (comm) ": state is f[0]; utime and stime are fields 14 and 15 of the line, f[11] and f[12]
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Resident set size in bytes; {@code -1} when unknown. */
    long rssBytes() {
        try {
            Matcher m = RSS.matcher(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
            return m.find() ? Long.parseLong(m.group(1)) * 1024 : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    private String run(String command) {
        try {
            Process p = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 ? text : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
