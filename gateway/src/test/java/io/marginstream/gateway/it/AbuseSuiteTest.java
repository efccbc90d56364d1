package io.marginstream.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginstream.gateway.config.GatewayConfig.KeyConfig;
import io.marginstream.gateway.config.GatewayConfig.LimitsConfig;
import io.marginstream.gateway.config.GatewayConfig.ServerConfig;
import io.marginstream.protocol.auth.Ed25519;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The abuse suite of issue 16: each attack that once crashed the gateway or grew its memory without bound runs
 * against a live gateway (loopback, bounded in count and time), from several connections at once where that makes
 * sense. While it runs, {@code /healthz} must answer (once within 100 ms at least, every time within the socket
 * timeout) and a normal client must log on; afterwards heap and direct memory must be back within a margin of
 * what they were before the attack (read after full collections, polled), and the attacking connections gone.
 * Each test prints what the attack cost per connection.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AbuseSuiteTest {
    /** Growth of live heap or direct memory an attack may leave behind (GC noise, pools, caches). */
    static final long MARGIN_BYTES = 16L << 20;
    static final KeyPair ED = Ed25519.generate();
    static final int REQUEST_TIMEOUT_SECONDS = 3;

    /** Makes each logon's timestamp, so its signature, unique (the test clock stands still). */
    static final AtomicInteger LOGONS = new AtomicInteger();
    static TestGateway gw;
    static ExecutorService attackers;

    @BeforeAll
    static void start() throws Exception {
        gw = TestGateway.start(c -> c
                .withServer(new ServerConfig("127.0.0.1", 0, null, 131_072, null, null, null, null,
                        REQUEST_TIMEOUT_SECONDS))
                .withLimits(new LimitsConfig(null, null, null, null, 100_000, 1000, null, null, null, null, 300, null))
                .withAccounts(List.of(TestGateway.alice(List.of(
                        new KeyConfig(TestGateway.HMAC_KEY, TestGateway.HMAC_SECRET, null, List.of("READ"), null,
                                null),
                        new KeyConfig("alice-ed", null, Ed25519.publicKeyBase64(ED.getPublic()), List.of("READ"),
                                null, null))))));
        attackers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "attacker");
            t.setDaemon(true);
            return t;
        });
        for (int i = 0; i < 3; i++) {
            normalClientServed();
        }
    }

    @AfterAll
    static void stop() {
        attackers.shutdownNow();
        gw.close();
    }

    // ---- the checks every attack must pass ----

    /** {@code /healthz} answers 200 every time, and within 100 ms at least once in 50 tries. */
    static void healthzAnswersQuickly() throws IOException {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 50 && best > 100; i++) {
            try (RawHttp h = RawHttp.connect(gw.port())) {
                long t0 = System.nanoTime();
                h.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
                assertEquals(200, h.read().status());
                best = Math.min(best, (System.nanoTime() - t0) / 1_000_000);
            }
        }
        assertTrue(best <= 100, "/healthz never answered within 100 ms in 50 tries; best " + best + " ms");
    }

    /** A well-behaved client connects, logs on and is answered. */
    static void normalClientServed() {
        try (WsRecorder c = WsRecorder.connect(gw.port())) {
            JsonNode r = c.call("session.logon", Signer.hmac(TestGateway.HMAC_KEY, TestGateway.HMAC_SECRET,
                    gw.clock.get() - LOGONS.incrementAndGet() % 4000));
            assertEquals(200, r.get("status").asInt(), r.toString());
            assertEquals(200, c.call("account.status", null).get("status").asInt());
        }
    }

    /** Memory before an attack, to compare with after it. */
    record Baseline(long heap, long direct, int connections) {
        static Baseline now() throws IOException {
            return new Baseline(MemoryProbe.heap(), MemoryProbe.direct(), HttpHardeningTest.openConnections(gw.port()));
        }
    }

    /**
     * Runs the attack on the attackers' threads while checking the gateway serves others, then checks the
     * aftermath and prints the cost per attacking connection.
     */
    static void underAttack(String name, int connections, Attack attack) throws Exception {
        Baseline before = Baseline.now();
        AtomicInteger duringHeap = new AtomicInteger(-1);
        List<CompletableFuture<Void>> runs = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            int n = i;
            runs.add(CompletableFuture.runAsync(() -> {
                try {
                    attack.run(n);
                } catch (Exception e) {
                    throw new IllegalStateException(name + " attacker " + n + ": " + e, e);
                }
            }, attackers));
        }
        healthzAnswersQuickly();
        normalClientServed();
        if (attack.holdsConnections()) {
            duringHeap.set((int) ((MemoryProbe.heap() - before.heap()) / connections));
        }
        CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).get(90, TimeUnit.SECONDS);
        HttpHardeningTest.awaitConnectionsAtMost(gw.port(), before.connections());
        healthzAnswersQuickly();
        normalClientServed();
        long heap = MemoryProbe.settlesAtMost(MemoryProbe::heap, before.heap() + MARGIN_BYTES, 10);
        long direct = MemoryProbe.settlesAtMost(MemoryProbe::direct, before.direct() + MARGIN_BYTES, 10);
        System.out.printf("abuse %-28s %4d conns: heap %s -> %s, direct %s -> %s, left per connection: heap %d B,"
                        + " direct %d B%s%n", name, connections, MemoryProbe.mib(before.heap()), MemoryProbe.mib(heap),
                MemoryProbe.mib(before.direct()), MemoryProbe.mib(direct), (heap - before.heap()) / connections,
                (direct - before.direct()) / connections,
                duringHeap.get() >= 0 ? ", while held: heap " + duringHeap.get() + " B" : "");
        assertTrue(heap <= before.heap() + MARGIN_BYTES, name + ": heap " + MemoryProbe.mib(before.heap()) + " -> "
                + MemoryProbe.mib(heap));
        assertTrue(direct <= before.direct() + MARGIN_BYTES, name + ": direct " + MemoryProbe.mib(before.direct())
                + " -> " + MemoryProbe.mib(direct));
    }

    /** One attacking connection's work; {@code n} numbers the connection. */
    interface Attack {
        void run(int n) throws Exception;

        /** Whether the attack's connections stay open while the suite checks the gateway (memory read then). */
        default boolean holdsConnections() {
            return false;
        }
    }

    static long closes(int code) throws IOException {
        return RawHttp.metric(gw.port(), "marginstream_closes_total{code=\"" + code + "\"}");
    }

    // ---- the attacks ----

    @Test
    void pingFlood_withoutReading() throws Exception {
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        byte[] payload = new byte[125];
        for (int i = 0; i < 20_000; i++) {
            batch.writeBytes(RawWs.encode(true, 0x9, payload));
        }
        byte[] bytes = batch.toByteArray();
        long closed = closes(1008);
        underAttack("ping flood", 8, n -> {
            try (RawWs ws = RawWs.connect(gw.port(), 4096)) {
                ws.sendBytes(bytes);
                ws.readUntilClose();
            } catch (IOException e) {
                // the server closed the connection under the flood
            }
        });
        assertEquals(closed + 8, closes(1008), "every flooder closed 1008");
    }

    @Test
    void undecodablePercentEscapes_withBodies() throws Exception {
        byte[] request = ("GET /%zz HTTP/1.1\r\nHost: x\r\nContent-Length: 8000\r\n\r\n" + "b".repeat(8000))
                .getBytes(StandardCharsets.US_ASCII);
        underAttack("%-escapes", 8, n -> {
            for (int i = 0; i < 250; i++) {
                try (RawHttp h = RawHttp.connect(gw.port())) {
                    h.send(request);
                    assertEquals(400, h.read().status());
                    assertTrue(h.awaitEnd());
                }
            }
        });
    }

    @Test
    void cacheBustingPaths_onOneKeepAliveConnection() throws Exception {
        int requests = 100_000;
        String pad = "p".repeat(180);
        underAttack("cache-busting paths", 1, n -> {
            try (RawHttp h = RawHttp.connect(gw.port(), 0, 30_000)) {
                CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                    try {
                        StringBuilder b = new StringBuilder();
                        for (int i = 0; i < requests; i++) {
                            b.append("GET /").append(pad).append(i).append(" HTTP/1.1\r\nHost: x\r\n\r\n");
                            if (b.length() > 60_000 || i == requests - 1) {
                                h.send(b.toString());
                                b.setLength(0);
                            }
                        }
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
                for (int i = 0; i < requests; i++) {
                    assertEquals(404, h.read().status());
                }
                writer.join();
            }
        });
    }

    @Test
    void pipeliningWithoutReading() throws Exception {
        byte[] burst = "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n".repeat(20_000).getBytes(StandardCharsets.US_ASCII);
        underAttack("pipelining without reading", 2, n -> {
            try (RawHttp h = RawHttp.connect(gw.port(), 4096, 30_000)) {
                h.send(burst);
                assertTrue(h.awaitEnd(), "the server closes the connection");
            } catch (IOException e) {
                // the server closed the connection mid-burst
            }
        });
    }

    @Test
    void slowloris_andSilentConnections() throws Exception {
        underAttack("slowloris", 100, new Attack() {
            @Override
            public void run(int n) throws Exception {
                try (RawHttp h = RawHttp.connect(gw.port(), 0, 30_000)) {
                    if (n % 2 == 0) {
                        h.send("GET /healthz HTTP/1.1\r\n");
                        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(REQUEST_TIMEOUT_SECONDS * 4L);
                        while (System.nanoTime() < deadline && h.input().available() == 0) {
                            h.send("X");
                            Thread.sleep(250);
                        }
                    }
                    assertEquals(408, h.read().status());
                    assertTrue(h.awaitEnd());
                } catch (java.net.SocketException e) {
                    // cut while trickling
                }
            }

            @Override
            public boolean holdsConnections() {
                return true;
            }
        });
    }

    @Test
    void upgradesWithQueryStringsFragmentsAndEscapes() throws Exception {
        List<String> targets = List.of("/ws?x=1", "/ws#f", "/%77s", "/ws?streams=a@b&x=");
        underAttack("query-string upgrades", 10, n -> {
            for (int i = 0; i < 32; i++) {
                try (RawWs ws = RawWs.connect(gw.port(), targets.get(i % targets.size()), 0, new byte[0])) {
                    ws.sendText("{\"id\":" + i + ",\"method\":\"ping\"}");
                    assertTrue(ws.read().text().contains("\"id\":" + i));
                }
            }
        });
    }

    @Test
    void framesCoalescedWithTheUpgrade() throws Exception {
        ByteArrayOutputStream frames = new ByteArrayOutputStream();
        frames.writeBytes(RawWs.encode(true, 0x1, "{\"id\":1,\"method\":\"ping\"}".getBytes(StandardCharsets.UTF_8)));
        frames.writeBytes(RawWs.encode(true, 0x1, "{\"id\":2,\"method\":\"time\"}".getBytes(StandardCharsets.UTF_8)));
        byte[] after = frames.toByteArray();
        underAttack("frames coalesced with upgrade", 10, n -> {
            for (int i = 0; i < 5; i++) {
                try (RawWs ws = RawWs.connect(gw.port(), "/ws", 0, after)) {
                    assertTrue(ws.read().text().contains("\"id\":1"));
                    assertTrue(ws.read().text().contains("\"id\":2"));
                }
            }
        });
    }

    private static String withNames(List<String> names) {
        StringBuilder b = new StringBuilder("{\"id\":1,\"method\":\"ping\",\"params\":{");
        for (int i = 0; i < names.size(); i++) {
            b.append(i == 0 ? "" : ",").append('"').append(names.get(i)).append("\":0");
        }
        return b.append("}}").toString();
    }

    private static List<String> numbered(int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> Integer.toString(i, 36)).toList();
    }

    /** Names whose Jackson symbol-table hashes collide ("Ab" and "BA" hash alike). */
    private static List<String> colliding(int n) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder b = new StringBuilder();
            for (int bit = 0; bit < 9; bit++) {
                b.append((i >> bit & 1) == 0 ? "Ab" : "BA");
            }
            names.add(b.toString());
        }
        return names;
    }

    @Test
    void symbolTablePoisoning() throws Exception {
        List<String> requests = List.of(withNames(numbered(5000)), withNames(colliding(400)),
                withNames(numbered(8556)));
        underAttack("symbol-table poisoning", 2, n -> {
            try (RawWs ws = RawWs.connect(gw.port(), 0)) {
                for (String r : requests) {
                    ws.sendText(r);
                    RawWs.Frame f = ws.read();
                    assertEquals(0x1, f.opcode(), "answered, not closed");
                    assertTrue(f.text().contains("-1104"), f.text());
                }
            }
        });
        try (WsRecorder c = WsRecorder.connect(gw.port())) {
            c.sendRaw(withNames(numbered(8556)));
            assertEquals(-1104, c.nextResponse().get("error").get("code").asInt(), "large requests still parse");
        }
    }

    @Test
    void ed25519SignatureVariants() throws Exception {
        underAttack("Ed25519 variants", 4, n -> {
            ObjectNode p = Signer.ed25519("alice-ed", ED.getPrivate(), gw.clock.get() - n);
            String sig = p.get("signature").asText();
            try (WsRecorder c = WsRecorder.connect(gw.port())) {
                assertEquals(200, c.call("session.logon", p.deepCopy()).get("status").asInt());
                for (String v : List.of(sig, sig.substring(0, 86), " " + sig, sig + " ", "\t" + sig,
                        sig.substring(0, 85) + (char) (sig.charAt(85) + 1) + "==")) {
                    ObjectNode replay = p.deepCopy();
                    replay.put("signature", v);
                    assertEquals(-1022, c.call("session.logon", replay).get("error").get("code").asInt(), v);
                }
            }
        });
    }
}
