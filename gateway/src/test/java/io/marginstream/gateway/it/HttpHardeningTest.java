package io.marginstream.gateway.it;

import io.marginstream.gateway.config.GatewayConfig.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The plain-HTTP side under hostile input, over raw sockets: undecodable %-escapes, malformed heads, unknown HTTP
 * versions, heads trickled byte by byte (slowloris), pipelining without reading, the per-IP connection cap, and the
 * dashboard's security headers. Every case must end in an HTTP answer or a closed connection, never in silence.
 */
class HttpHardeningTest {
    static TestGateway gw;

    @BeforeAll
    static void start() {
        gw = TestGateway.start(c -> c.withServer(new ServerConfig("127.0.0.1", 0, null, 4096, null, null, null,
                65_536, 2)));
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    /** Open TCP connections as {@code /metrics} reports them (counting the one asking). */
    static int openConnections(int port) throws IOException {
        return (int) RawHttp.metric(port, "marginstream_connections");
    }

    /** Polls until {@code /metrics} shows at most {@code n} open connections (the probe included); bounded. */
    static void awaitConnectionsAtMost(int port, int n) throws IOException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        int open;
        while ((open = openConnections(port)) > n) {
            if (System.nanoTime() > deadline) {
                fail("still " + open + " open connections, expected at most " + n);
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void undecodablePercentEscapes_are400WithConnectionClose() throws Exception {
        for (String target : List.of("/%zz", "/%", "/%7", "/ws%zz")) {
            try (RawHttp h = RawHttp.connect(gw.port())) {
                h.send("GET " + target + " HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc");
                RawHttp.Response r = h.read();
                assertEquals(400, r.status(), target);
                assertEquals("close", r.header("Connection"), target);
                assertTrue(h.awaitEnd(), target + ": connection left open");
            }
        }
    }

    @Test
    void malformedHeads_are400_andTheConnectionCloses() throws Exception {
        for (String head : List.of("GET / HTTP/1.1\r\nHost: x\r\nX-Long: " + "a".repeat(9000) + "\r\n\r\n",
                "GET / HTTP/1.1\r\nHost : x\r\n\r\n",
                "GET /" + "a".repeat(5000) + " HTTP/1.1\r\nHost: x\r\n\r\n")) {
            try (RawHttp h = RawHttp.connect(gw.port())) {
                h.send(head);
                RawHttp.Response r = h.read();
                assertTrue(r.status() >= 400 && r.status() < 500, "status " + r.status());
                assertEquals("close", r.header("Connection"));
                assertTrue(h.awaitEnd(), "connection left open after " + r.status());
            }
        }
    }

    @Test
    void unknownHttpVersions_areRefused505() throws Exception {
        for (String version : List.of("HTTP/9.9", "HTTP/2.0", "HTTP/1.2")) {
            try (RawHttp h = RawHttp.connect(gw.port())) {
                h.send("GET /healthz " + version + "\r\nHost: x\r\n\r\n");
                RawHttp.Response r = h.read();
                assertEquals(505, r.status(), version);
                assertEquals("close", r.header("Connection"));
                assertTrue(h.awaitEnd());
            }
        }
        try (RawHttp h = RawHttp.connect(gw.port())) {
            h.send("GET /healthz HTTP/1.0\r\n\r\n");
            assertEquals(200, h.read().status());
        }
    }

    @Test
    void slowloris_aHeadTrickledByteByByte_isCutAtTheRequestTimeout() throws Exception {
        try (RawHttp h = RawHttp.connect(gw.port(), 0, 20_000)) {
            h.send("GET /healthz HTTP/1.1\r\n");
            CompletableFuture<Void> trickle = CompletableFuture.runAsync(() -> {
                long deadline = System.nanoTime() + 15_000_000_000L;
                try {
                    while (System.nanoTime() < deadline) {
                        h.send("X");
                        Thread.sleep(200);
                    }
                } catch (IOException | InterruptedException e) {
                    // the server cut the connection
                }
            });
            RawHttp.Response r = h.read();
            assertEquals(408, r.status());
            assertEquals("close", r.header("Connection"));
            assertTrue(h.awaitEnd());
            trickle.join();
        }
        try (RawHttp silent = RawHttp.connect(gw.port(), 0, 20_000)) {
            assertTrue(silent.awaitEnd(), "a connection that never sends a request is closed too");
        }
    }

    /**
     * Waits, on the server's clock, until more than twice the request timeout has passed: a fresh connection that
     * sends nothing is answered 408 once the request timeout has run from its opening, and this waits for two such
     * connections one after the other. Bounded by the sockets' read timeout.
     */
    static void awaitTwiceTheRequestTimeout() throws IOException {
        for (int i = 0; i < 2; i++) {
            try (RawHttp silent = RawHttp.connect(gw.port(), 0, 20_000)) {
                assertEquals(408, silent.read().status());
                assertTrue(silent.awaitEnd());
            }
        }
    }

    @Test
    void keepAlive_idleBetweenRequestsLongerThanTheRequestTimeout_isServed_not408() throws Exception {
        try (RawHttp h = RawHttp.connect(gw.port(), 0, 20_000)) {
            h.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(200, h.read().status());
            awaitTwiceTheRequestTimeout();
            h.send("GET /papi/v1/ping HTTP/1.1\r\nHost: x\r\n\r\n");
            RawHttp.Response afterIdle = h.read();
            assertEquals(200, afterIdle.status(), "a keep-alive connection idle between requests got "
                    + afterIdle.status() + " " + afterIdle.text());
            h.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /papi/v1/ping HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(200, h.read().status());
            assertEquals(200, h.read().status());
            awaitTwiceTheRequestTimeout();
            h.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
            RawHttp.Response afterPipelined = h.read();
            assertEquals(200, afterPipelined.status(), "idle after pipelined requests: " + afterPipelined.status());
        }
    }

    @Test
    void keepAlive_aHeadTrickledAfterAnAnsweredRequest_isCutAtTheRequestTimeout() throws Exception {
        try (RawHttp h = RawHttp.connect(gw.port(), 0, 20_000)) {
            h.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(200, h.read().status());
            h.send("GET /healthz HTTP/1.1\r\n");
            CompletableFuture<Void> trickle = CompletableFuture.runAsync(() -> {
                long deadline = System.nanoTime() + 15_000_000_000L;
                try {
                    while (System.nanoTime() < deadline && h.input().available() == 0) {
                        h.send("X");
                        Thread.sleep(200);
                    }
                } catch (IOException | InterruptedException e) {
                    // the server cut the connection
                }
            });
            RawHttp.Response r = h.read();
            assertEquals(408, r.status());
            assertEquals("close", r.header("Connection"));
            assertTrue(h.awaitEnd());
            trickle.join();
        }
    }

    @Test
    void pipeliningWithoutReading_isBounded_andTheConnectionClosed() throws Exception {
        int before = openConnections(gw.port());
        try (RawHttp h = RawHttp.connect(gw.port(), 4096, 20_000)) {
            byte[] burst = "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n".repeat(20_000).getBytes();
            CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
                try {
                    h.send(burst);
                } catch (IOException e) {
                    // the server closed the connection mid-burst
                }
            });
            awaitConnectionsAtMost(gw.port(), before);
            h.socket.close();
            sender.join();
        }
    }

    @Test
    void pipelinedRequests_thatTheClientReads_areAllAnswered() throws Exception {
        try (RawHttp h = RawHttp.connect(gw.port())) {
            h.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n".repeat(300));
            for (int i = 0; i < 300; i++) {
                assertEquals(200, h.read().status());
            }
        }
    }

    @Test
    void connectionsPerIp_capsOpenConnectionsAtAccept_unlessTrusted() throws Exception {
        TestGateway capped = TestGateway.start(c -> c.withLimits(TestGateway.limits(3, List.of())));
        try (RawHttp a = RawHttp.connect(capped.port()); RawHttp b = RawHttp.connect(capped.port());
             RawHttp c = RawHttp.connect(capped.port())) {
            for (RawHttp h : List.of(a, b, c)) {
                h.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
                assertEquals(200, h.read().status());
            }
            try (RawHttp d = RawHttp.connect(capped.port())) {
                assertTrue(d.awaitEnd(), "a fourth connection from the same IP is closed at accept");
            }
            a.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(200, a.read().status());
        } finally {
            capped.close();
        }
        TestGateway trusted = TestGateway.start(c -> c.withLimits(TestGateway.limits(1, List.of("127.0.0.0/8"))));
        try (RawHttp a = RawHttp.connect(trusted.port()); RawHttp b = RawHttp.connect(trusted.port())) {
            for (RawHttp h : List.of(a, b)) {
                h.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
                assertEquals(200, h.read().status());
            }
        } finally {
            trusted.close();
        }
    }

    @Test
    void dashboard_isServedWithCspAndNosniff() throws Exception {
        try (RawHttp h = RawHttp.connect(gw.port())) {
            h.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            RawHttp.Response r = h.read();
            assertEquals(200, r.status());
            assertEquals("default-src 'self'; connect-src 'self'; frame-ancestors 'none'",
                    r.header("Content-Security-Policy"));
            assertEquals("nosniff", r.header("X-Content-Type-Options"));
            h.send("GET /app.js HTTP/1.1\r\nHost: x\r\n\r\n");
            RawHttp.Response js = h.read();
            assertEquals(200, js.status());
            assertNotEquals(0, js.body().length);
            assertEquals("nosniff", js.header("X-Content-Type-Options"));
        }
    }
}
