package io.marginstream.gateway.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs node scripts for the JUnit tests — the dashboard's in {@code gateway/src/test/e2e}, the Binance clients' in
 * {@code gateway/src/test/binance}: output forwarded to the test
 * log line by line, a bounded wait, and on a timeout the process and its children (chromium) killed. Missing tools
 * fail the test with a message naming the set-up step.
 */
public final class NodeRunner {
    public static final Path BASEDIR = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    static final Path E2E_DIR = BASEDIR.resolve("src/test/e2e");
    static final String SETUP = "run gateway/src/test/e2e/setup.sh (it installs chromium with apt-get and runs "
            + "npm ci in gateway/src/test/e2e)";

    /** What a finished run exited with and printed. */
    public record Result(int exitCode, String output) {}

    private NodeRunner() {}

    /** Fails the calling test unless {@code node} runs. */
    public static void requireNode() throws InterruptedException {
        String hint = "install Node.js 20+ (the machine's node, or apt-get install -y nodejs npm), then " + SETUP;
        try {
            Result r = run(List.of("node", "--version"), Map.of(), Duration.ofSeconds(30));
            if (r.exitCode() != 0) {
                fail("node --version failed (" + r.output().strip() + "): " + hint);
            }
        } catch (IOException e) {
            fail("node is not on the PATH (" + e.getMessage() + "): " + hint);
        }
    }

    /** Fails the calling test unless the e2e folder's {@code node_modules} holds {@code packages}. */
    static void requireNodeModules(String... packages) {
        requireNodeModules(E2E_DIR, SETUP, packages);
    }

    /** Fails the calling test unless {@code dir/node_modules} holds {@code packages}; {@code setup} names the fix. */
    public static void requireNodeModules(Path dir, String setup, String... packages) {
        for (String pkg : packages) {
            if (!Files.isDirectory(dir.resolve("node_modules").resolve(pkg))) {
                fail("node package '" + pkg + "' missing in " + dir.resolve("node_modules") + ": " + setup);
            }
        }
    }

    /** Runs {@code command} in the e2e folder with {@code env} added; fails the test if it outlives {@code timeout}. */
    static Result run(List<String> command, Map<String, String> env, Duration timeout)
            throws IOException, InterruptedException {
        return run(E2E_DIR, command, env, timeout);
    }

    /** Runs {@code command} in {@code dir} with {@code env} added; fails the test if it outlives {@code timeout}. */
    public static Result run(Path dir, List<String> command, Map<String, String> env, Duration timeout)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process process = pb.start();
        StringBuilder output = new StringBuilder();
        Thread pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    System.out.println(line);
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                synchronized (output) {
                    output.append("(output lost: ").append(e.getMessage()).append(")\n");
                }
            }
        }, "node-output");
        pump.setDaemon(true);
        pump.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            pump.join(TimeUnit.SECONDS.toMillis(5));
            synchronized (output) {
                fail(String.join(" ", command) + " did not finish within " + timeout.toSeconds() + " s:\n" + output);
            }
        }
        pump.join(TimeUnit.SECONDS.toMillis(10));
        synchronized (output) {
            return new Result(process.exitValue(), output.toString());
        }
    }
}
