package io.marginstream.gateway;

import com.sun.management.HotSpotDiagnosticMXBean;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The JVM the gateway runs in. {@code java -jar gateway.jar} starts a JVM with the JDK's defaults (on a 2-core box:
 * G1 with a small young generation that resizes under load, a heap that grows from 1/64 of the RAM); the gateway's
 * tail latency depends on the collector and the heap layout, and neither can be changed once the JVM runs. So when
 * the command line names neither a collector nor a heap size, {@link GatewayMain} starts the gateway in a child JVM
 * with {@link #flags()} — the measured fast configuration (docs/BENCHMARKS.md) — and this process only waits for
 * it: standard streams are shared, SIGTERM / Ctrl-C are passed on (the child shuts down gracefully), the child's
 * exit status is this process's, and a child whose parent dies (even by SIGKILL) shuts itself down.
 *
 * <p>Overrides: any {@code -XX:+Use…GC}, {@code -Xmx}, {@code -Xms}, {@code -XX:MaxHeapSize} or
 * {@code -XX:…RAMPercentage} on the command line is the operator's choice and the gateway runs in that JVM as it
 * is; {@code -Dmarginstream.relaunch=false} (or {@code MARGINSTREAM_RELAUNCH=false}) runs in this JVM whatever it
 * has. Every other JVM option of the command line ({@code -D…}, {@code -Xlog…}) is passed to the child.
 *
 * <p>Used on the main thread at start-up only.
 */
final class JvmRelaunch {
    /** {@code false}: run in this JVM. The child gets it too, so it never relaunches itself. */
    static final String PROPERTY = "marginstream.relaunch";
    static final String ENV = "MARGINSTREAM_RELAUNCH";
    /** The child's system property naming the launcher's pid, which it watches. */
    static final String PARENT_PROPERTY = "marginstream.launcher";
    private static final long MAX_HEAP_BYTES = 4L << 30;
    private static final long MIN_HEAP_BYTES = 512L << 20;

    private JvmRelaunch() {}

    /** Whether this JVM should start the gateway in a child with {@link #flags()}. */
    static boolean wanted(List<String> jvmArgs, String property, String env) {
        if ("false".equalsIgnoreCase(property) || "false".equalsIgnoreCase(env)) {
            return false;
        }
        for (String a : jvmArgs) {
            if (choosesCollectorOrHeap(a)) {
                return false;
            }
        }
        return true;
    }

    /** A JVM option that picks the collector or sizes the heap. */
    static boolean choosesCollectorOrHeap(String arg) {
        return arg.matches("-XX:[+-]Use\\w*GC") || arg.startsWith("-Xmx") || arg.startsWith("-Xms")
                || arg.startsWith("-XX:MaxHeapSize") || arg.startsWith("-XX:InitialHeapSize")
                || arg.matches("-XX:(Max|Min|Initial)RAMPercentage=.*");
    }

    /**
     * The gateway's JVM flags: Shenandoah (concurrent compaction; pauses of 1–6 ms where G1 and Parallel paused for
     * 50–2,400 ms in the same runs) where this JDK has it, else the Parallel collector; the heap fixed at a quarter
     * of the RAM, between 512 MiB and 4 GiB, so it never resizes under load; and touched at start
     * ({@code -XX:+AlwaysPreTouch}: ~2 s for 4 GiB here), so no allocation under load waits for the kernel to fault
     * in and zero a fresh page (9–12 % of the engine's and the event loops' CPU in the first minute of a 20,000
     * transfers/s run; −11 % gateway CPU on 2,000 × {@code marginRatio} at 10/s, docs/BENCHMARKS.md).
     */
    static List<String> flags() {
        long heap = Math.max(MIN_HEAP_BYTES, Math.min(MAX_HEAP_BYTES, physicalMemoryBytes() / 4));
        long mib = heap >> 20;
        List<String> f = new ArrayList<>();
        f.add(hasVmOption("UseShenandoahGC") ? "-XX:+UseShenandoahGC" : "-XX:+UseParallelGC");
        f.add("-Xms" + mib + "m");
        f.add("-Xmx" + mib + "m");
        f.add("-XX:+AlwaysPreTouch");
        return f;
    }

    private static boolean hasVmOption(String name) {
        try {
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).getVMOption(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static long physicalMemoryBytes() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return 4 * MAX_HEAP_BYTES;
    }

    /** The child's command line: this JVM's java, {@link #flags()}, the command line's JVM options, the class path. */
    static List<String> command(List<String> jvmArgs, String[] args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(flags());
        for (String a : jvmArgs) {
            if (!a.startsWith("-D" + PROPERTY + "=") && !a.startsWith("-D" + PARENT_PROPERTY + "=")) {
                cmd.add(a);
            }
        }
        cmd.add("-D" + PROPERTY + "=false");
        cmd.add("-D" + PARENT_PROPERTY + "=" + ProcessHandle.current().pid());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(GatewayMain.class.getName());
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Runs the gateway in a child JVM with the fast flags and returns its exit status. */
    static int run(String[] args) {
        List<String> jvmArgs = ManagementFactory.getRuntimeMXBean().getInputArguments();
        ProcessBuilder pb = new ProcessBuilder(command(jvmArgs, args)).inheritIO();
        Map<String, String> env = pb.environment();
        env.remove("JDK_JAVA_OPTIONS");
        Process child;
        try {
            child = pb.start();
        } catch (java.io.IOException e) {
            System.err.println("marginstream: cannot start the gateway JVM (" + e.getMessage()
                    + "); run with -D" + PROPERTY + "=false to start it in this one");
            return 1;
        }
        Thread forward = new Thread(() -> {
            child.destroy();
            try {
                if (!child.waitFor(GatewayServer.SHUTDOWN_TIMEOUT.toSeconds() + 20, TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "marginstream-launcher-stop");
        Runtime.getRuntime().addShutdownHook(forward);
        try {
            int status = child.waitFor();
            Runtime.getRuntime().removeShutdownHook(forward);
            return status;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (IllegalStateException e) {
            // the JVM is already shutting down (the hook runs): its exit status is the signal's
            return 1;
        }
    }

    /** In the child: when the launcher named by {@link #PARENT_PROPERTY} dies, shut down (the hooks run). */
    static void exitWithLauncher() {
        String pid = System.getProperty(PARENT_PROPERTY);
        if (pid == null) {
            return;
        }
        try {
            ProcessHandle.of(Long.parseLong(pid)).ifPresentOrElse(
                    p -> p.onExit().thenRun(() -> System.exit(0)), () -> System.exit(0));
        } catch (NumberFormatException e) {
            // not set by the launcher: nothing to watch
        }
    }
}
