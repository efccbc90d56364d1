package io.marginstream.gateway.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginstream.protocol.ProtocolJson;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash test, end to end: the gateway ({@code GatewayMain}, as the jar runs it) in a child process, 4
 * concurrent WebSocket sessions sending transfers and market orders, killed with SIGKILL mid-burst at three points
 * and restarted on the same {@code dataDir} each time. Then, over the protocol: every acknowledged transfer is there
 * exactly once (re-sending it with its {@code clientTranId} returns the very same {@code tranId} and moves nothing),
 * nothing unacknowledged is half-applied (balances and positions are explained by the acknowledged commands plus at
 * most the ones in flight at a kill), and each account's USDT is conserved.
 */
class GatewayCrashTest {
    private static final int SESSIONS = 4;
    private static final BigDecimal SPOT_START = new BigDecimal("100000");
    private static final BigDecimal TOTAL_START = new BigDecimal("200000");
    private static final BigDecimal QTY = new BigDecimal("0.010");
    private static final Pattern LISTENING = Pattern.compile("listening on ws://127\\.0\\.0\\.1:(\\d+)/ws");

    @TempDir
    Path tmp;

    /** What the clients saw, per account. */
    private static final class Book {
        final Map<String, JsonNode> ackedTransfers = new ConcurrentHashMap<>();
        final List<ObjectNode> inFlightTransfers = new ArrayList<>();
        BigDecimal ackedSpotDelta = BigDecimal.ZERO;
        BigDecimal ackedPosition = BigDecimal.ZERO;
        int inFlightOrders;
        /** Resting LIMIT orders by clientOrderId: acknowledged as placed, canceled, or either one in flight. */
        final Set<String> ackedResting = new LinkedHashSet<>();
        final Set<String> ackedCanceled = new LinkedHashSet<>();
        final Set<String> inFlightResting = new LinkedHashSet<>();
    }

    private final Book[] books = new Book[SESSIONS];

    @Test
    void killDashNine_midBurst_everyAcknowledgedCommandExactlyOnce_nothingHalfApplied() throws Exception {
        for (int s = 0; s < SESSIONS; s++) {
            books[s] = new Book();
        }
        Path dataDir = tmp.resolve("data");
        Path config = tmp.resolve("gateway.json");
        Files.writeString(config, configJson(), StandardCharsets.UTF_8);

        int[] acksBeforeKill = {400, 1_500, 60};
        for (int round = 0; round < acksBeforeKill.length; round++) {
            Process gateway = start(config, dataDir, round);
            try {
                burstAndKill(gateway, portOf(round), round, acksBeforeKill[round]);
            } finally {
                gateway.destroyForcibly();
            }
        }

        Process gateway = start(config, dataDir, acksBeforeKill.length);
        try {
            int port = portOf(acksBeforeKill.length);
            int acked = 0;
            int canceled = 0;
            for (int s = 0; s < SESSIONS; s++) {
                acked += books[s].ackedTransfers.size();
                canceled += books[s].ackedCanceled.size();
                verifyAccount(port, s);
            }
            assertTrue(acked > 1_000, "a real burst: " + acked + " transfers acknowledged");
            assertTrue(canceled > 10, "resting orders placed and canceled: " + canceled + " cancels acknowledged");
        } finally {
            gateway.destroy();
            assertTrue(gateway.waitFor(60, TimeUnit.SECONDS), "the gateway stops on SIGTERM");
        }
    }

    private void verifyAccount(int port, int s) throws IOException {
        Book book = books[s];
        try (WsSession c = new WsSession(port)) {
            c.logon("crash-key-" + s, "crash-secret-" + s);
            JsonNode before = balance(c);
            BigDecimal spot = new BigDecimal(before.get("spotBalance").asText());
            BigDecimal total = spot.add(new BigDecimal(before.get("totalWalletBalance").asText()));
            assertEquals(0, TOTAL_START.compareTo(total), "crash-" + s + ": USDT conserved, was " + total);

            BigDecimal low = SPOT_START.add(book.ackedSpotDelta);
            BigDecimal high = low;
            for (ObjectNode t : book.inFlightTransfers) {
                BigDecimal amount = new BigDecimal(t.get("amount").asText());
                if (t.get("from").asText().equals("SPOT")) {
                    low = low.subtract(amount);
                } else {
                    high = high.add(amount);
                }
            }
            assertTrue(spot.compareTo(low) >= 0 && spot.compareTo(high) <= 0, "crash-" + s + ": SPOT " + spot
                    + " is not the acknowledged transfers plus some of the " + book.inFlightTransfers.size()
                    + " in flight [" + low + ", " + high + "]");

            Map<String, CompletableFuture<JsonNode>> resent = new LinkedHashMap<>();
            for (String clientTranId : book.ackedTransfers.keySet()) {
                resent.put(clientTranId, c.send("transfer", transfer(clientTranId)));
            }
            for (Map.Entry<String, CompletableFuture<JsonNode>> e : resent.entrySet()) {
                JsonNode again = WsSession.await(e.getValue());
                assertEquals(200, again.path("status").asInt(), "re-sent " + e.getKey() + ": " + again);
                assertEquals(book.ackedTransfers.get(e.getKey()).get("tranId").asLong(),
                        again.get("result").get("tranId").asLong(), "re-sent " + e.getKey()
                                + " returns the first result");
            }
            assertEquals(before.get("spotBalance").asText(), balance(c).get("spotBalance").asText(),
                    "crash-" + s + ": re-sending acknowledged transfers moved nothing");

            ObjectNode q = ProtocolJson.mapper().createObjectNode().put("symbol", "ETHUSDT");
            JsonNode positions = c.call("account.positions", q).get("result");
            BigDecimal position = BigDecimal.ZERO;
            for (JsonNode p : positions) {
                position = position.add(new BigDecimal(p.get("positionAmt").asText()));
            }
            BigDecimal drift = position.subtract(book.ackedPosition).abs();
            assertTrue(drift.compareTo(QTY.multiply(BigDecimal.valueOf(book.inFlightOrders))) <= 0,
                    "crash-" + s + ": ETHUSDT position " + position + " vs acknowledged " + book.ackedPosition
                            + " with " + book.inFlightOrders + " orders in flight");

            Set<String> open = new LinkedHashSet<>();
            for (JsonNode o : c.call("openOrders", ProtocolJson.mapper().createObjectNode()).get("result")) {
                open.add(o.get("clientOrderId").asText());
            }
            for (String id : book.ackedResting) {
                boolean canceled = book.ackedCanceled.contains(id);
                assertTrue(canceled || open.contains(id) || book.inFlightResting.contains(id),
                        "crash-" + s + ": acknowledged resting order " + id + " is open after the restarts");
                if (canceled) {
                    assertFalse(open.contains(id), "crash-" + s + ": acknowledged cancel of " + id + " held");
                }
            }
            for (String id : open) {
                assertTrue(book.ackedResting.contains(id) || book.inFlightResting.contains(id),
                        "crash-" + s + ": open order " + id + " was never placed");
            }
        }
    }

    private static JsonNode balance(WsSession c) throws IOException {
        JsonNode r = c.call("account.balance", ProtocolJson.mapper().createObjectNode().put("asset", "USDT"));
        assertEquals(200, r.path("status").asInt(), r.toString());
        return r.get("result");
    }

    /** The transfer a clientTranId stands for: {@code r<round>-s<session>-i<i>-<S2C|C2S>}, 1 USDT. */
    private static ObjectNode transfer(String clientTranId) {
        boolean toCross = clientTranId.endsWith("-S2C");
        return ProtocolJson.mapper().createObjectNode().put("asset", "USDT").put("amount", "1")
                .put("from", toCross ? "SPOT" : "CROSS_MARGIN").put("to", toCross ? "CROSS_MARGIN" : "SPOT")
                .put("clientTranId", clientTranId);
    }

    private void burstAndKill(Process gateway, int port, int round, int acksBeforeKill) throws Exception {
        AtomicInteger acks = new AtomicInteger();
        CompletableFuture<Void> enough = new CompletableFuture<>();
        List<CompletableFuture<Void>> sessions = new ArrayList<>();
        for (int s = 0; s < SESSIONS; s++) {
            int session = s;
            WsSession c = new WsSession(port);
            c.logon("crash-key-" + s, "crash-secret-" + s);
            sessions.add(CompletableFuture.runAsync(() -> {
                try {
                    drive(c, round, session, acks, acksBeforeKill, enough);
                } catch (RuntimeException | Error e) {
                    enough.completeExceptionally(e);
                    throw e;
                }
            },
                    command -> {
                        Thread t = new Thread(command, "crash-session-" + session);
                        t.setDaemon(true);
                        t.start();
                    }));
        }
        enough.get(120, TimeUnit.SECONDS);
        gateway.destroyForcibly();
        assertTrue(gateway.waitFor(30, TimeUnit.SECONDS));
        CompletableFuture.allOf(sessions.toArray(new CompletableFuture[0])).get(60, TimeUnit.SECONDS);
    }

    /**
     * One session's closed loop until the kill: transfer to CROSS_MARGIN, transfer back, an ETHUSDT MARKET order; and
     * every 8th step a resting LIMIT BUY far below the mark, every 16th a cancel of the one placed 8 steps before.
     */
    private void drive(WsSession c, int round, int s, AtomicInteger acks, int acksBeforeKill,
            CompletableFuture<Void> enough) {
        Book book = books[s];
        for (int i = 0; ; i++) {
            String id = "r" + round + "-s" + s + "-i" + i;
            if (i % 8 == 7 && !resting(c, book, id + "-L",
                    i % 16 == 15 ? "r" + round + "-s" + s + "-i" + (i - 8) + "-L" : null)) {
                return;
            }
            boolean order = i % 3 == 2;
            ObjectNode params = order
                    ? ProtocolJson.mapper().createObjectNode().put("symbol", "ETHUSDT")
                            .put("side", (i / 3) % 2 == 0 ? "BUY" : "SELL").put("type", "MARKET")
                            .put("quantity", QTY.toPlainString()).put("newClientOrderId", id)
                    : transfer(id + (i % 3 == 0 ? "-S2C" : "-C2S"));
            JsonNode r;
            try {
                r = c.call(order ? "order.place" : "transfer", params.deepCopy());
            } catch (IOException e) {
                synchronized (book) {
                    if (order) {
                        book.inFlightOrders++;
                    } else {
                        book.inFlightTransfers.add(params);
                    }
                }
                return;
            }
            assertEquals(200, r.path("status").asInt(), "nothing is rejected before the kill: " + r);
            synchronized (book) {
                if (order) {
                    BigDecimal q = new BigDecimal(r.get("result").get("executedQty").asText());
                    book.ackedPosition = book.ackedPosition.add(params.get("side").asText().equals("BUY") ? q
                            : q.negate());
                } else {
                    String ctid = params.get("clientTranId").asText();
                    book.ackedTransfers.put(ctid, r.get("result"));
                    book.ackedSpotDelta = ctid.endsWith("-S2C") ? book.ackedSpotDelta.subtract(BigDecimal.ONE)
                            : book.ackedSpotDelta.add(BigDecimal.ONE);
                }
            }
            if (acks.incrementAndGet() >= acksBeforeKill) {
                enough.complete(null);
            }
        }
    }

    /** Places resting order {@code id}, or cancels {@code cancel}; false once the gateway is gone. */
    private static boolean resting(WsSession c, Book book, String id, String cancel) {
        ObjectNode p = ProtocolJson.mapper().createObjectNode().put("symbol", "ETHUSDT");
        String name = cancel != null ? cancel : id;
        if (cancel != null) {
            p.put("origClientOrderId", cancel);
        } else {
            p.put("side", "BUY").put("type", "LIMIT").put("timeInForce", "GTC").put("quantity", QTY.toPlainString())
                    .put("price", "100").put("newClientOrderId", id);
        }
        JsonNode r;
        try {
            r = c.call(cancel != null ? "order.cancel" : "order.place", p);
        } catch (IOException e) {
            synchronized (book) {
                book.inFlightResting.add(name);
            }
            return false;
        }
        assertEquals(200, r.path("status").asInt(), "nothing is rejected before the kill: " + r);
        synchronized (book) {
            (cancel != null ? book.ackedCanceled : book.ackedResting).add(name);
        }
        return true;
    }

    private Process start(Path config, Path dataDir, int round) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = tmp.resolve("gateway-" + round + ".log");
        return new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "io.marginstream.gateway.GatewayMain", "--config", config.toString(), "--data-dir",
                dataDir.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Bounded poll of the child's output for its listening line. */
    private int portOf(int round) throws IOException {
        Path log = tmp.resolve("gateway-" + round + ".log");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log)) {
                Matcher m = LISTENING.matcher(Files.readString(log, StandardCharsets.UTF_8));
                if (m.find()) {
                    return Integer.parseInt(m.group(1));
                }
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        throw new AssertionError("gateway did not start within 60 s; its output:\n"
                + (Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(none)"));
    }

    private static String configJson() {
        StringBuilder accounts = new StringBuilder();
        for (int s = 0; s < SESSIONS; s++) {
            accounts.append(s == 0 ? "" : ",").append("{\"id\":\"crash-").append(s).append("\",\"keys\":[{\"apiKey\":")
                    .append("\"crash-key-").append(s).append("\",\"secret\":\"crash-secret-").append(s)
                    .append("\",\"permissions\":[\"READ\",\"TRANSFER\",\"TRADE\"]}],\"balances\":{\"SPOT\":")
                    .append("{\"USDT\":\"100000\"},\"CROSS_MARGIN\":{\"USDT\":\"100000\"}}}");
        }
        return "{\"server\":{\"host\":\"127.0.0.1\",\"port\":0},\"feed\":{\"enabled\":false},"
                + "\"limits\":{\"requestWeightPerMinute\":100000000,\"ordersPerMinute\":100000000,"
                + "\"messagesPerSecond\":1000000,\"messageBurst\":1000000,\"trustedNetworks\":[\"127.0.0.0/8\"]},"
                + "\"accounts\":[" + accounts + "]}";
    }
}
