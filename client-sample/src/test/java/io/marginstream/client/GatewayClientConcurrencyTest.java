package io.marginstream.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marginstream.gateway.GatewayServer;
import io.marginstream.protocol.auth.Ed25519;
import io.marginstream.protocol.message.AccountStatusResult;
import io.marginstream.protocol.message.MarginRatio;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link GatewayClient} across threads: a connection is never seen before its socket exists, listener callbacks run
 * outside the client's locks, and results from a newer server (extra fields) still decode.
 */
class GatewayClientConcurrencyTest {
    private static final Credentials CREDS = Credentials.hmac(TestGateways.API_KEY, TestGateways.SECRET);

    @TempDir
    Path dataDir;

    private GatewayServer server() {
        return TestGateways.start(TestGateways.demo(dataDir, Ed25519.publicKeyBase64(Ed25519.generate().getPublic()),
                false));
    }

    /** An OkHttpClient whose second and later {@code newWebSocket} wait for {@link #release}; records closes. */
    private static final class GatedHttp extends OkHttpClient {
        final AtomicInteger calls = new AtomicInteger();
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicBoolean gatedSocketClosed = new AtomicBoolean();

        @Override
        public WebSocket newWebSocket(Request request, WebSocketListener listener) {
            if (calls.incrementAndGet() == 1) {
                return super.newWebSocket(request, listener);
            }
            entered.countDown();
            try {
                release.await(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Recording(super.newWebSocket(request, listener), gatedSocketClosed);
        }
    }

    private record Recording(WebSocket ws, AtomicBoolean closed) implements WebSocket {
        @Override
        public Request request() {
            return ws.request();
        }

        @Override
        public long queueSize() {
            return ws.queueSize();
        }

        @Override
        public boolean send(String text) {
            return ws.send(text);
        }

        @Override
        public boolean send(ByteString bytes) {
            return ws.send(bytes);
        }

        @Override
        public boolean close(int code, String reason) {
            closed.set(true);
            return ws.close(code, reason);
        }

        @Override
        public void cancel() {
            closed.set(true);
            ws.cancel();
        }
    }

    @Test
    void closeWhileAReconnectCreatesItsSocket_doesNotThrow_andClosesThatSocket() throws Exception {
        GatedHttp http = new GatedHttp();
        Recorder r = new Recorder();
        try (GatewayServer server = server(); TcpProxy proxy = new TcpProxy(server.port())) {
            GatewayClient c = GatewayClient.builder("ws://127.0.0.1:" + proxy.port() + "/ws").okHttpClient(http)
                    .credentials(CREDS).listener(r).backoff(new Backoff(Duration.ofMillis(10), Duration.ofMillis(50)))
                    .build();
            c.connect().get(10, TimeUnit.SECONDS);
            c.logon().get(10, TimeUnit.SECONDS);
            proxy.down();
            assertTrue(http.entered.await(15, TimeUnit.SECONDS), "no reconnect attempt");
            try {
                assertDoesNotThrow(c::close);
            } finally {
                http.release.countDown();
            }
            r.await(r.states, s -> s == GatewayClient.State.CLOSED, "CLOSED state");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (!http.gatedSocketClosed.get() && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // poll interval, bounded by the deadline
            }
            assertTrue(http.gatedSocketClosed.get(), "the socket created after close() was left open");
            assertEquals(GatewayClient.State.CLOSED, c.state());
        }
    }

    @Test
    void listenerCallbacks_runOutsideTheClientsLocks_soACallbackMayWaitOnTheClient() throws Exception {
        AtomicReference<GatewayClient> client = new AtomicReference<>();
        CompletableFuture<Boolean> otherThreadGotThrough = new CompletableFuture<>();
        GatewayListener listener = new GatewayListener() {
            @Override
            public void onStateChange(GatewayClient.State from, GatewayClient.State to) {
                if (to != GatewayClient.State.OPEN) {
                    return;
                }
                // another thread calls the client while this callback waits for it
                CompletableFuture<Void> call = CompletableFuture.runAsync(() -> client.get().connect());
                try {
                    call.get(5, TimeUnit.SECONDS);
                    otherThreadGotThrough.complete(true);
                } catch (Exception e) {
                    otherThreadGotThrough.complete(false);
                }
            }
        };
        try (GatewayServer server = server();
             GatewayClient c = GatewayClient.builder(TestGateways.url(server)).listener(listener).reconnect(false)
                     .build()) {
            client.set(c);
            c.connect().get(15, TimeUnit.SECONDS);
            assertTrue(otherThreadGotThrough.get(15, TimeUnit.SECONDS),
                    "a call from another thread blocked while the listener ran");
        }
    }

    @Test
    void resultsAndEventsWithFieldsTheClientDoesNotKnow_stillDecode() throws Exception {
        ObjectMapper m = new ObjectMapper();
        try (GatewayServer server = server();
             GatewayClient c = GatewayClient.builder(TestGateways.url(server)).credentials(CREDS).reconnect(false)
                     .build()) {
            c.connect().get(10, TimeUnit.SECONDS);
            c.logon().get(10, TimeUnit.SECONDS);
            JsonNode status = c.status().get(10, TimeUnit.SECONDS);
            com.fasterxml.jackson.databind.node.ObjectNode newer = status.deepCopy();
            newer.put("fieldOfANewerServer", "x");
            AccountStatusResult typed = ResultReader.read(newer, AccountStatusResult.class);
            assertEquals(status.get("accountStatus").asText(), typed.accountStatus().name());
        }
        JsonNode ratio = m.readTree("{\"e\":\"marginRatio\",\"E\":1,\"U\":3,\"u\":\"2.5\",\"eq\":\"1\",\"ae\":\"1\","
                + "\"mm\":\"1\",\"im\":\"1\",\"avb\":\"1\",\"vmw\":\"1\",\"s\":\"NORMAL\",\"new\":[1,2]}");
        try {
            assertInstanceOf(MarginRatio.class, GatewayClient.decodeEvent(ratio));
        } catch (IllegalArgumentException e) {
            throw new AssertionError("an extra field broke the decoding: " + e.getMessage(), e);
        }
    }
}
