package io.marginstream.gateway.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginstream.gateway.GatewayServer;
import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.gateway.engine.AccountEvent;
import io.marginstream.gateway.engine.CommandJournal;
import io.marginstream.gateway.engine.EngineCommand;
import io.marginstream.gateway.engine.EngineListener;
import io.marginstream.gateway.engine.MarginEngine;
import io.marginstream.gateway.engine.MarginSnapshot;
import io.marginstream.gateway.engine.RecoveryTarget;
import io.marginstream.protocol.ProtocolJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.UnaryOperator;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault-injection suite against a live durable gateway over real WebSocket and HTTP connections: a full disk,
 * a throwing journal, a blocking journal and a dead engine thread (the stalled event loop is
 * {@code session.StalledLoopTest}). In each case no refused change is visible, every executed command is
 * answered, {@code /healthz} tells the truth, and what waits is bounded.
 */
class GatewayFaultsTest {
    private static final String KEY = "faults-key";
    private static final String SECRET = "faults-secret-0123456789";

    @TempDir
    Path dataDir;

    private final AtomicBoolean listenerThrows = new AtomicBoolean();

    private static GatewayConfig config(int messageBurst) {
        GatewayConfig c = GatewayConfig.demo(KEY, SECRET);
        return c.withServer(new GatewayConfig.ServerConfig("127.0.0.1", 0, null, null, null, null, null, null, null))
                .withFeed(new GatewayConfig.FeedConfig(false, null, null, null))
                .withLimits(new GatewayConfig.LimitsConfig(1_000_000, null, 1_000_000, messageBurst, null, null,
                        null, null, null, List.of("127.0.0.0/8"), null, null));
    }

    /** A started gateway on {@code storage}, its journal wrapped by {@code wrap}, its listener armable to throw. */
    private GatewayServer gateway(GatewayConfig config, EngineStorage storage, UnaryOperator<CommandJournal> wrap) {
        return new GatewayServer(config, System::currentTimeMillis, listener -> {
            MarginEngine e = new MarginEngine(config, System::currentTimeMillis, throwing(listener),
                    wrap.apply(storage.journal()));
            try {
                storage.recover(e);
            } catch (IOException x) {
                throw new UncheckedIOException(x);
            }
            return e;
        }).start();
    }

    private EngineListener throwing(EngineListener real) {
        return new EngineListener() {
            @Override
            public void onAccountEvents(String accountId, List<AccountEvent> events) {
                if (listenerThrows.get()) {
                    throw new OutOfMemoryError("injected");
                }
                real.onAccountEvents(accountId, events);
            }

            @Override
            public void onMarginRatio(String accountId, MarginSnapshot snapshot) {
                real.onMarginRatio(accountId, snapshot);
            }

            @Override
            public void onMarkPrices(long eventTime, Map<String, BigDecimal> marks) {
                real.onMarkPrices(eventTime, marks);
            }

            @Override
            public void onBatchEnd() {
                real.onBatchEnd();
            }
        };
    }

    private static WsSession logon(GatewayServer gw) throws IOException {
        WsSession s = new WsSession(gw.port());
        s.logon(KEY, SECRET);
        return s;
    }

    private static ObjectNode transfer(String amount) {
        return ProtocolJson.mapper().createObjectNode().put("asset", "USDT").put("amount", amount)
                .put("from", "SPOT").put("to", "CROSS_MARGIN");
    }

    private static BigDecimal spot(WsSession s) throws IOException {
        JsonNode r = s.call("account.balance", ProtocolJson.mapper().createObjectNode().put("asset", "USDT"));
        assertEquals(200, r.path("status").asInt(), r.toString());
        return new BigDecimal(r.get("result").get("spotBalance").asText());
    }

    private static int transfers(WsSession s) throws IOException {
        return s.call("transfer.history", ProtocolJson.mapper().createObjectNode()).get("result").size();
    }

    /** {@code /healthz}: status code and body. */
    private static JsonNode health(GatewayServer gw) throws IOException {
        try (Response r = WsSession.HTTP.newCall(new Request.Builder()
                .url("http://127.0.0.1:" + gw.port() + "/healthz").build()).execute()) {
            JsonNode body = ProtocolJson.mapper().readTree(r.body().string());
            assertEquals(body.get("status").asText().equals("UP") ? 200 : 503, r.code(), body.toString());
            return body;
        }
    }

    private static void awaitHealth(GatewayServer gw, String engine) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!health(gw).get("engine").asText().equals(engine)) {
            if (System.nanoTime() > deadline) {
                fail("/healthz did not report " + engine + " within 30 s: " + health(gw));
            }
            LockSupport.parkNanos(20_000_000);
        }
    }

    private static void assertRefused(JsonNode r) {
        assertEquals(503, r.path("status").asInt(), r.toString());
        assertEquals(-1008, r.get("error").get("code").asInt(), r.toString());
    }

    @Test
    void fullDisk_refusedTransferInvisible_healthDown_thenUpByItself_andRestartAgrees() throws Exception {
        FaultyDisk disk = new FaultyDisk();
        BigDecimal expected;
        int acked;
        try (EngineStorage storage = EngineStorage.open(dataDir, EngineStorage.Options.DEFAULT, disk.opener())) {
            GatewayServer gw = gateway(config(50), storage, j -> j);
            try (WsSession s = logon(gw)) {
                BigDecimal start = spot(s);
                assertEquals(200, s.call("transfer", transfer("1")).path("status").asInt());
                assertEquals("UP", health(gw).get("status").asText());

                disk.fill();
                assertRefused(s.call("transfer", transfer("1")));
                JsonNode h = health(gw);
                assertEquals("DOWN", h.get("status").asText());
                assertEquals("STORAGE_FAILED", h.get("engine").asText());
                assertTrue(h.get("reason").asText().contains("No space left on device"), h.toString());
                assertEquals(0, start.subtract(BigDecimal.ONE).compareTo(spot(s)), "the refused transfer is invisible");
                assertEquals(1, transfers(s));
                assertRefused(s.call("transfer", transfer("2")));

                disk.free();
                awaitHealth(gw, "RUNNING");
                assertEquals(200, s.call("transfer", transfer("3")).path("status").asInt());
                expected = start.subtract(new BigDecimal("4"));
                assertEquals(0, expected.compareTo(spot(s)));
                acked = transfers(s);
                assertEquals(2, acked);
            } finally {
                gw.close();
            }
        }
        try (EngineStorage storage = EngineStorage.open(dataDir)) {
            GatewayServer gw = gateway(config(50), storage, j -> j);
            try (WsSession s = logon(gw)) {
                assertEquals(0, expected.compareTo(spot(s)), "after a restart: exactly the acknowledged transfers");
                assertEquals(acked, transfers(s));
            } finally {
                gw.close();
            }
        }
    }

    @Test
    void throwingJournal_refusesChanges_servesReads_recovers() throws Exception {
        AtomicBoolean broken = new AtomicBoolean();
        try (EngineStorage storage = EngineStorage.open(dataDir)) {
            GatewayServer gw = gateway(config(50), storage, real -> new CommandJournal() {
                @Override
                public void append(long seq, long timeMillis, EngineCommand cmd) {
                    if (broken.get()) {
                        throw new UncheckedIOException(new IOException("injected: Input/output error"));
                    }
                    real.append(seq, timeMillis, cmd);
                }

                @Override
                public void sync() throws IOException {
                    real.sync();
                }

                @Override
                public void rollBack() throws IOException {
                    real.rollBack();
                    if (broken.get()) {
                        throw new IOException("injected: Input/output error");
                    }
                }

                @Override
                public void replayDurable(RecoveryTarget target) throws IOException {
                    real.replayDurable(target);
                }
            });
            try (WsSession s = logon(gw)) {
                BigDecimal start = spot(s);
                broken.set(true);
                List<CompletableFuture<JsonNode>> burst = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    burst.add(s.send("transfer", transfer("1")));
                }
                for (CompletableFuture<JsonNode> f : burst) {
                    assertRefused(WsSession.await(f));
                }
                assertEquals("STORAGE_FAILED", health(gw).get("engine").asText());
                assertEquals(0, start.compareTo(spot(s)));
                assertEquals(0, transfers(s));
                broken.set(false);
                awaitHealth(gw, "RUNNING");
                assertEquals(200, s.call("transfer", transfer("1")).path("status").asInt());
                assertEquals(0, start.subtract(BigDecimal.ONE).compareTo(spot(s)));
            } finally {
                gw.close();
            }
        }
    }

    @Test
    void blockingJournal_healthStalled_overTheCapAnsweredAtOnce_thenEverythingAnswered() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean block = new AtomicBoolean();
        int burst = 100;
        int cap = 2 * burst;
        try (EngineStorage storage = EngineStorage.open(dataDir)) {
            GatewayServer gw = gateway(config(burst), storage, real -> new CommandJournal() {
                @Override
                public void append(long seq, long timeMillis, EngineCommand cmd) {
                    real.append(seq, timeMillis, cmd);
                }

                @Override
                public void sync() throws IOException {
                    if (block.get()) {
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    real.sync();
                }

                @Override
                public void rollBack() throws IOException {
                    real.rollBack();
                }

                @Override
                public void replayDurable(RecoveryTarget target) throws IOException {
                    real.replayDurable(target);
                }
            });
            try (WsSession s = logon(gw)) {
                BigDecimal start = spot(s);
                block.set(true);
                CompletableFuture<JsonNode> stuck = s.send("transfer", transfer("1"));
                List<CompletableFuture<JsonNode>> waiting = new ArrayList<>();
                for (int i = 1; i < cap; i++) {
                    waiting.add(s.send("account.status", null));
                }
                List<CompletableFuture<JsonNode>> over = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    over.add(s.send("account.status", null));
                }
                for (CompletableFuture<JsonNode> f : over) {
                    JsonNode r = WsSession.await(f);
                    assertRefused(r);
                    assertTrue(r.get("error").get("msg").asText().contains("waiting for the engine"), r.toString());
                }
                assertTrue(!stuck.isDone(), "the stalled command is still pending");
                awaitHealth(gw, "STALLED");
                assertEquals("DOWN", health(gw).get("status").asText());

                block.set(false);
                release.countDown();
                assertEquals(200, WsSession.await(stuck).path("status").asInt());
                for (CompletableFuture<JsonNode> f : waiting) {
                    assertEquals(200, WsSession.await(f).path("status").asInt());
                }
                awaitHealth(gw, "RUNNING");
                assertEquals(0, start.subtract(BigDecimal.ONE).compareTo(spot(s)));
            } finally {
                release.countDown();
                gw.close();
            }
        }
    }

    @Test
    void deadEngineThread_answersTheDurableCommand_healthFailed_laterCommandsRefusedAtOnce() throws Exception {
        try (EngineStorage storage = EngineStorage.open(dataDir)) {
            GatewayServer gw = gateway(config(50), storage, j -> j);
            try (WsSession s = logon(gw)) {
                BigDecimal start = spot(s);
                listenerThrows.set(true);
                assertEquals(200, s.call("transfer", transfer("1")).path("status").asInt(),
                        "the executed (durable) transfer is answered");
                listenerThrows.set(false);
                awaitHealth(gw, "FAILED");
                JsonNode h = health(gw);
                assertEquals("DOWN", h.get("status").asText());
                assertTrue(h.get("reason").asText().contains("OutOfMemoryError"), h.toString());
                assertRefused(s.call("transfer", transfer("1")));
                assertRefused(s.call("account.status", null));
                gw.close();
                storage.close();
                try (EngineStorage again = EngineStorage.open(dataDir)) {
                    GatewayServer next = gateway(config(50), again, j -> j);
                    try (WsSession t = logon(next)) {
                        assertEquals(0, start.subtract(BigDecimal.ONE).compareTo(spot(t)));
                    } finally {
                        next.close();
                    }
                }
            } finally {
                gw.close();
            }
        }
    }
}
