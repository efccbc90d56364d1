package io.marginstream.gateway.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures what each attack of issue 16 costs the gateway per attacking connection: starts the gateway jar's main
 * class in a child JVM ({@code -Xmx512m}, native memory tracking on), opens N attacking connections and holds them
 * in the attack's worst state, then reads the child's live heap (the total of {@code jcmd GC.class_histogram}) and
 * its off-heap "Other" memory, where direct buffers are counted ({@code jcmd VM.native_memory}), against the
 * readings before; then closes them and reads again. Prints one line per attack. A benchmark, not a test: run it
 * with {@code scripts/abuse-footprint.sh} (bounded: about a minute, loopback only).
 */
public final class AbuseFootprint {
    private static final Pattern HEAP_LIVE = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)\\s*$");
    private static final Pattern OTHER = Pattern.compile("-\\s+Other \\(reserved=\\d+KB, committed=(\\d+)KB\\)");

    private final long pid;
    private final int port;

    private AbuseFootprint(long pid, int port) {
        this.pid = pid;
        this.port = port;
    }

    /** One attacking connection, left open in the attack's worst state. */
    interface Opener {
        AutoCloseable open(int port) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path dir = Files.createTempDirectory("abuse-footprint");
        Path config = dir.resolve("config.json");
        Files.writeString(config, "{\"server\": {\"host\": \"127.0.0.1\", \"port\": " + port + "},"
                + " \"dataDir\": \"" + dir.resolve("data") + "\", \"feed\": {\"enabled\": false},"
                + " \"limits\": {\"connectionsPerIp\": 5000, \"connectionsPerIpPer5Minutes\": 1000000}}");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process gateway = new ProcessBuilder(java, "-Xmx512m", "-XX:NativeMemoryTracking=summary",
                "-cp", System.getProperty("java.class.path"), "io.marginstream.gateway.GatewayMain",
                "--config", config.toString())
                .redirectOutput(dir.resolve("gateway.log").toFile()).redirectErrorStream(true).start();
        try {
            AbuseFootprint f = new AbuseFootprint(gateway.pid(), port);
            f.awaitUp();
            f.run(args.length > 0 ? Integer.parseInt(args[0]) : 1);
        } finally {
            gateway.destroy();
            if (!gateway.waitFor(20, TimeUnit.SECONDS)) {
                gateway.destroyForcibly();
            }
        }
    }

    private void awaitUp() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (RawHttp h = RawHttp.connect(port)) {
                h.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
                if (h.read().status() == 200) {
                    return;
                }
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private void run(int scale) throws Exception {
        byte[] fragment = RawWs.encode(false, 0x1, "x".repeat(60_000).getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream pings = new ByteArrayOutputStream();
        for (int i = 0; i < 40; i++) {
            pings.writeBytes(RawWs.encode(true, 0x9, new byte[125]));
        }
        byte[] pipeline = "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n".repeat(20_000).getBytes(StandardCharsets.US_ASCII);
        String partialHead = "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Pad: " + "a".repeat(7900);
        String escapeWithPartialBody = "GET /%zz HTTP/1.1\r\nHost: x\r\nContent-Length: 8000\r\n\r\n"
                + "b".repeat(7000);
        System.out.printf("%-44s %6s %14s %14s %14s%n", "attack (held state)", "conns", "heap/conn", "other/conn",
                "left/conn");
        measure("idle WebSocket session (reference)", 500 * scale, p -> RawWs.connect(p, 0));
        measure("slowloris: 7.9 KiB of an unfinished head", 500 * scale, p -> {
            RawHttp h = RawHttp.connect(p, 0, 30_000);
            h.send(partialHead);
            return h;
        });
        measure("%-escape request, body 7000 of 8000 B", 200 * scale, p -> {
            RawHttp h = RawHttp.connect(p, 0, 30_000);
            h.send(escapeWithPartialBody);
            return h;
        });
        measure("ping flood within the burst, not reading", 200 * scale, p -> {
            RawWs ws = RawWs.connect(p, 4096);
            ws.sendBytes(pings.toByteArray());
            return ws;
        });
        measure("unfinished 60 KB fragmented message", 100 * scale, p -> {
            RawWs ws = RawWs.connect(p, 0);
            ws.sendBytes(fragment);
            return ws;
        });
        measure("20,000 pipelined GET /metrics, not reading", 20 * scale, p -> {
            RawHttp h = RawHttp.connect(p, 4096, 30_000);
            Thread t = new Thread(() -> {
                try {
                    h.send(pipeline);
                } catch (IOException e) {
                    // closed by the server
                }
            });
            t.setDaemon(true);
            t.start();
            return h;
        });
        measure("100,000 distinct 404 paths (one connection)", 1, p -> {
            RawHttp h = RawHttp.connect(p, 0, 30_000);
            String pad = "p".repeat(180);
            for (int i = 0; i < 100_000; i += 1000) {
                StringBuilder b = new StringBuilder();
                for (int j = i; j < i + 1000; j++) {
                    b.append("GET /").append(pad).append(j).append(" HTTP/1.1\r\nHost: x\r\n\r\n");
                }
                h.send(b.toString());
                for (int j = 0; j < 1000; j++) {
                    h.read();
                }
            }
            return h;
        });
    }

    private void measure(String name, int n, Opener opener) throws Exception {
        long heap0 = heapKb();
        long other0 = otherKb();
        List<AutoCloseable> open = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            open.add(opener.open(port));
        }
        Thread.sleep(1000);
        long heap1 = heapKb();
        long other1 = otherKb();

        for (AutoCloseable c : open) {
            c.close();
        }
        Thread.sleep(1000);
        long heap2 = heapKb();
        long other2 = otherKb();
        System.out.printf("%-44s %6d %11d B %11d B %11d B%n", name, n, (heap1 - heap0) * 1024 / n,
                (other1 - other0) * 1024 / n, (heap2 + other2 - heap0 - other0) * 1024 / n);
    }

    /** Live heap: the total of a class histogram, which runs a full collection first (a reading of "used" would
     * count what busy event loops allocated since the last collection). */
    private long heapKb() throws Exception {
        jcmd("GC.run");
        return first(HEAP_LIVE, jcmd("GC.class_histogram")) / 1024;
    }

    private long otherKb() throws Exception {
        return first(OTHER, jcmd("VM.native_memory", "summary"));
    }

    private static long first(Pattern p, String text) {
        Matcher m = p.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no " + p + " in:\n" + text);
        }
        return Long.parseLong(m.group(1));
    }

    private String jcmd(String... command) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        cmd.add(Long.toString(pid));
        cmd.addAll(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed:\n" + out);
        }
        return out;
    }
}
