package io.marginstream.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code java -jar gateway.jar} without a collector or heap flag runs the gateway in a child JVM with the fast
 * flags; the operator's own choice or {@code -Dmarginstream.relaunch=false} keeps it in the JVM it was given. The
 * process tests start the real main class and look at the real child.
 */
class JvmRelaunchTest {
    @TempDir
    Path dir;

    @Test
    void wanted_unlessTheCommandLineChoosesACollectorOrAHeap_orSaysNo() {
        assertTrue(JvmRelaunch.wanted(List.of(), null, null));
        assertTrue(JvmRelaunch.wanted(List.of("-Xlog:gc", "-Dfoo=1", "-XX:+HeapDumpOnOutOfMemoryError"), null, null));
        for (String choice : List.of("-XX:+UseG1GC", "-XX:+UseParallelGC", "-XX:-UseShenandoahGC", "-Xmx512m",
                "-Xms1g", "-XX:MaxHeapSize=1g", "-XX:MaxRAMPercentage=50", "-XX:InitialRAMPercentage=10")) {
            assertFalse(JvmRelaunch.wanted(List.of("-Dfoo=1", choice), null, null), choice);
        }
        assertFalse(JvmRelaunch.wanted(List.of(), "false", null));
        assertFalse(JvmRelaunch.wanted(List.of(), null, "FALSE"));
        assertTrue(JvmRelaunch.wanted(List.of(), "true", null));
    }

    @Test
    void command_isTheFastFlags_thenTheOperatorsOptions_thenTheMainClassAndItsArguments() {
        List<String> cmd = JvmRelaunch.command(List.of("-Dfoo=1", "-Dmarginstream.relaunch=true", "-Xlog:gc"),
                new String[] {"--port", "0"});
        List<String> flags = JvmRelaunch.flags();
        assertEquals(flags, cmd.subList(1, 1 + flags.size()));
        assertTrue(flags.stream().anyMatch(f -> f.matches("-XX:\\+Use(Shenandoah|Parallel)GC")), flags.toString());
        assertTrue(flags.stream().anyMatch(f -> f.startsWith("-Xmx")) && flags.stream().anyMatch(f -> f.startsWith("-Xms")));
        assertTrue(cmd.contains("-Dfoo=1") && cmd.contains("-Xlog:gc"));
        assertFalse(cmd.contains("-Dmarginstream.relaunch=true"));
        assertTrue(cmd.contains("-Dmarginstream.relaunch=false"));
        assertEquals(List.of(GatewayMain.class.getName(), "--port", "0"), cmd.subList(cmd.size() - 3, cmd.size()));
        assertTrue(flags.stream().anyMatch(JvmRelaunch::choosesCollectorOrHeap),
                "the child never relaunches itself: " + flags);
        assertTrue(flags.contains("-XX:+AlwaysPreTouch"), "the heap is faulted in at start: " + flags);
    }

    @Test
    void plainStart_runsInAChildWithTheFastFlags_sigtermStopsBoth() throws Exception {
        Process launcher = start();
        try {
            ProcessHandle child = child(launcher);
            String args = Files.readString(Path.of("/proc", Long.toString(child.pid()), "cmdline"),
                    StandardCharsets.UTF_8).replace('\0', ' ');
            assertTrue(args.matches(".*-XX:\\+Use(Shenandoah|Parallel)GC.*") && args.contains("-Xmx"), args);
            launcher.destroy(); // SIGTERM, as an operator's kill or a service manager sends
            assertTrue(launcher.waitFor(60, TimeUnit.SECONDS), "the launcher ends once the gateway stopped");
            assertTrue(child.onExit().get(60, TimeUnit.SECONDS) != null);
            assertTrue(Files.readString(dir.resolve("out.log")).contains("gateway stopped"),
                    "the gateway shut down gracefully");
        } finally {
            launcher.destroyForcibly();
        }
    }

    @Test
    void launcherKilled_theGatewayStopsItself() throws Exception {
        Process launcher = start();
        try {
            ProcessHandle child = child(launcher);
            launcher.destroyForcibly(); // SIGKILL: no hook runs in the launcher
            assertTrue(child.onExit().get(60, TimeUnit.SECONDS) != null, "no orphan gateway is left running");
        } finally {
            launcher.destroyForcibly();
        }
    }

    private Process start() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), GatewayMain.class.getName(),
                "--port", "0", "--data-dir", dir.resolve("data").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile()).start();
    }

    /** The gateway child, once it listens (bounded poll of the shared output). */
    private ProcessHandle child(Process launcher) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String out = Files.exists(dir.resolve("out.log"))
                    ? Files.readString(dir.resolve("out.log"), StandardCharsets.UTF_8) : "";
            Optional<ProcessHandle> child = launcher.children().findFirst();
            if (out.contains("MarginStream gateway listening") && child.isPresent()) {
                return child.get();
            }
            assertTrue(launcher.isAlive(), out);
            Thread.sleep(50);
        }
        throw new AssertionError("the gateway did not start within 60 s");
    }
}
