package io.marginstream.client;

import io.marginstream.gateway.GatewayServer;
import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.protocol.auth.Ed25519;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client behind a TCP relay ({@link TcpProxy}) loses its gateway — restarted from its data directory, or just
 * cut off — and comes back by itself: it reconnects, logs on, re-subscribes and re-reads the account; the events it
 * missed meanwhile show as a gap in the next {@code userData} event's {@code U}, which is reported and followed by
 * another re-read.
 */
class ReconnectTest {
    private static final Credentials CREDS = Credentials.hmac(TestGateways.API_KEY, TestGateways.SECRET);

    @TempDir
    Path dataDir;

    private GatewayConfig config() {
        return TestGateways.demo(dataDir, Ed25519.publicKeyBase64(Ed25519.generate().getPublic()), false);
    }

    private static GatewayClient watcher(TcpProxy proxy, Recorder r) throws Exception {
        GatewayClient c = GatewayClient.builder("ws://127.0.0.1:" + proxy.port() + "/ws").credentials(CREDS)
                .listener(r).backoff(new Backoff(Duration.ofMillis(20), Duration.ofMillis(200))).build();
        c.connect().get(10, TimeUnit.SECONDS);
        c.logon().get(10, TimeUnit.SECONDS);
        c.subscribe(List.of("userData"), null).get(10, TimeUnit.SECONDS);
        return c;
    }

    private static GatewayClient direct(GatewayServer s) throws Exception {
        GatewayClient c = GatewayClient.builder(TestGateways.url(s)).credentials(CREDS).reconnect(false).build();
        c.connect().get(10, TimeUnit.SECONDS);
        c.logon().get(10, TimeUnit.SECONDS);
        return c;
    }

    private static void transfer(GatewayClient c) throws Exception {
        c.transfer("USDT", BigDecimal.ONE, "SPOT", "CROSS_MARGIN", null).get(10, TimeUnit.SECONDS);
    }

    @Test
    void serverRestart_reconnectsRereadsTheAccount_andDetectsTheGap() throws Exception {
        GatewayConfig config = config();
        Recorder r = new Recorder();
        GatewayServer first = GatewayServer.durable(config).start();
        try (TcpProxy proxy = new TcpProxy(first.port()); GatewayClient watcher = watcher(proxy, r)) {
            long seenU;
            try (GatewayClient actor = direct(first)) {
                transfer(actor);
                seenU = r.awaitUserDataU();
            }
            proxy.down();
            r.await(r.states, s -> s == GatewayClient.State.RECONNECTING, "RECONNECTING state");
            first.close();

            // the same data directory: balances and U counters come back from the journal
            try (GatewayServer second = GatewayServer.durable(config).start();
                 GatewayClient actor = direct(second)) {
                transfer(actor); // missed by the watcher
                proxy.target(second.port());
                proxy.up();
                GatewayListener.AccountSnapshot reread = r.await(r.accounts, a -> a.reason().equals("reconnect"),
                        "account re-read after reconnect");
                assertTrue(reread.status().has("accountStatus"), reread.status().toString());
                assertTrue(reread.balances().isArray() && reread.positions().isArray());
                assertEquals(GatewayClient.State.LOGGED_ON, watcher.state());
                assertEquals(1, watcher.reconnects());

                transfer(actor); // arrives over the repeated userData subscription, one U past the missed one
                Recorder.Gap gap = r.await(r.gaps, g -> true, "gap report");
                assertTrue(gap.expectedU() > seenU, gap + " after U " + seenU);
                assertTrue(gap.gotU() > gap.expectedU(), gap.toString());
                r.await(r.accounts, a -> a.reason().equals("gap"), "account re-read after the gap");
            }
        } finally {
            first.close();
        }
    }

    @Test
    void serverBackWithOlderState_UGoesBack_accountRereadAsReset() throws Exception {
        GatewayConfig config = config();
        Recorder r = new Recorder();
        GatewayServer first = TestGateways.start(config); // in memory: a restart starts from the config again
        try (TcpProxy proxy = new TcpProxy(first.port()); GatewayClient watcher = watcher(proxy, r)) {
            try (GatewayClient actor = direct(first)) {
                transfer(actor);
                long u1 = r.awaitUserDataU();
                transfer(actor);
                long u2 = r.awaitEvent(e -> e.stream().equals("userData") && e.data().path("U").asLong() > u1,
                        "a later userData event").data().get("U").asLong();
                assertTrue(u2 > u1);
            }
            proxy.down();
            r.await(r.states, s -> s == GatewayClient.State.RECONNECTING, "RECONNECTING state");
            first.close();
            try (GatewayServer second = TestGateways.start(config)) {
                proxy.target(second.port());
                proxy.up();
                r.await(r.accounts, a -> a.reason().equals("reconnect"), "account re-read after reconnect");
                try (GatewayClient actor = direct(second)) {
                    transfer(actor);
                    r.await(r.accounts, a -> a.reason().equals("reset"), "account re-read after U went back");
                }
            }
        } finally {
            first.close();
        }
        assertTrue(r.gaps.isEmpty(), "a U going back is a reset, not a gap: " + r.gaps);
    }

    @Test
    void missedEvents_gapInUReported_andAccountReread() throws Exception {
        Recorder r = new Recorder();
        try (GatewayServer server = TestGateways.start(config());
             TcpProxy proxy = new TcpProxy(server.port());
             GatewayClient watcher = watcher(proxy, r);
             GatewayClient actor = direct(server)) {
            transfer(actor);
            long seenU = r.awaitUserDataU();

            proxy.down();
            r.await(r.states, s -> s == GatewayClient.State.RECONNECTING, "RECONNECTING state");
            transfer(actor);
            transfer(actor);
            proxy.up();
            r.await(r.accounts, a -> a.reason().equals("reconnect"), "account re-read after reconnect");

            transfer(actor);
            Recorder.Gap gap = r.await(r.gaps, g -> true, "gap report");
            assertTrue(gap.expectedU() > seenU, gap + " after U " + seenU);
            assertTrue(gap.gotU() > gap.expectedU(), gap.toString());
            r.await(r.accounts, a -> a.reason().equals("gap"), "account re-read after the gap");
        }
    }

    @Test
    void severalNodeUrls_aLostNode_reconnectsToTheNextNode_andResyncsByU() throws Exception {
        GatewayConfig config = config();
        Recorder r = new Recorder();
        GatewayServer first = GatewayServer.durable(config).start();
        try (TcpProxy second = new TcpProxy(first.port())) {
            second.down();
            GatewayClient watcher = GatewayClient.builder(TestGateways.url(first))
                    .failover("ws://127.0.0.1:" + second.port() + "/ws").credentials(CREDS).listener(r)
                    .backoff(new Backoff(Duration.ofMillis(20), Duration.ofMillis(200))).build();
            try (watcher) {
                watcher.connect().get(10, TimeUnit.SECONDS);
                watcher.logon().get(10, TimeUnit.SECONDS);
                watcher.subscribe(List.of("userData"), null).get(10, TimeUnit.SECONDS);
                long seenU;
                try (GatewayClient actor = direct(first)) {
                    transfer(actor);
                    seenU = r.awaitUserDataU();
                }
                first.close(); // the node dies; the other node serves the same accounts and U (here: same journal)
                try (GatewayServer other = GatewayServer.durable(config).start()) {
                    second.target(other.port());
                    second.up();
                    r.await(r.accounts, a -> a.reason().equals("reconnect"), "account re-read on the other node");
                    assertEquals(GatewayClient.State.LOGGED_ON, watcher.state());
                    assertTrue(watcher.url().contains(":" + second.port() + "/"), watcher.url());
                    try (GatewayClient actor = direct(other)) {
                        transfer(actor);
                    }
                    long next = r.awaitUserDataU(u -> u > seenU);
                    assertEquals(seenU + 1, next, "U continues on the other node without a gap");
                }
            }
        }
    }
}
