package io.marginstream.client.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway's JVM seen from the same machine, when the load tester knows its PID: live heap after a full GC
 * ({@code jcmd PID GC.run}, then {@code GC.heap_info}) and resident memory ({@code /proc/PID/status}). Measured
 * only before the ramp and after the drain, so the forced GC never lands inside a measured phase.
 */
final class ServerProcess {
    /** One heap's or generation's line: G1's one "garbage-first heap", Parallel's PSYoungGen and ParOldGen. */
    private static final Pattern USED = Pattern.compile("total \\d+K, used (\\d+)K");
    /** Shenandoah's one line, in a unit that depends on the size: {@code 4096M committed, 93206K used}. */
    private static final Pattern SHENANDOAH_USED = Pattern.compile("committed, (\\d+)([BKMG]) used");
    private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");

    private final long pid;

    ServerProcess(long pid) {
        this.pid = pid;
    }

    /** Used heap right after a full GC, in bytes; {@code -1} when jcmd failed. */
    long liveHeapBytes() {
        if (run("GC.run") == null) {
            return -1;
        }
        String info = run("GC.heap_info");
        if (info == null) {
            return -1;
        }
        return usedHeapBytes(info);
    }

    /** The used heap in a {@code GC.heap_info} text: the sum over its heaps or generations; -1 when none. */
    static long usedHeapBytes(String heapInfo) {
        Matcher m = USED.matcher(heapInfo);
        long kib = 0;
        boolean found = false;
        while (m.find()) {
            kib += Long.parseLong(m.group(1));
            found = true;
        }
        if (found) {
            return kib * 1024;
        }
        Matcher shenandoah = SHENANDOAH_USED.matcher(heapInfo);
        if (shenandoah.find()) {
            int shift = switch (shenandoah.group(2)) {
                case "K" -> 10;
                case "M" -> 20;
                case "G" -> 30;
                default -> 0;
            };
            return Long.parseLong(shenandoah.group(1)) << shift;
        }
        return -1;
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
