package io.marginstream.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginstream.gateway.GatewayServer;
import io.marginstream.protocol.ApiException;
import io.marginstream.protocol.ErrorCode;
import io.marginstream.protocol.ProtocolJson;
import io.marginstream.protocol.message.OrderPlaceParams;
import io.marginstream.protocol.message.OrderType;
import io.marginstream.protocol.message.Side;
import io.marginstream.protocol.message.TimeInForce;
import io.marginstream.protocol.auth.Ed25519;
import io.marginstream.protocol.message.AccountStatus;
import io.marginstream.protocol.message.AccountStatusResult;
import io.marginstream.protocol.message.MarginRatio;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link GatewayClient} against a real gateway on 127.0.0.1:0 with the demo account and the feed running. */
class GatewayClientTest {
    @TempDir
    static Path dataDir;
    static GatewayServer server;
    static KeyPair edKeys;

    @BeforeAll
    static void start() {
        edKeys = Ed25519.generate();
        server = TestGateways.start(TestGateways.demo(dataDir, Ed25519.publicKeyBase64(edKeys.getPublic()), true));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static GatewayClient client(Credentials c, Recorder r) {
        return GatewayClient.builder(TestGateways.url(server)).credentials(c).listener(r).reconnect(false).build();
    }

    private static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    private static ApiException rejected(CompletableFuture<?> f) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
        return assertInstanceOf(ApiException.class, e.getCause());
    }

    @Test
    void logon_hmac_reportsKeyAndPermissions() throws Exception {
        Recorder r = new Recorder();
        try (GatewayClient c = client(Credentials.hmac(TestGateways.API_KEY, TestGateways.SECRET), r)) {
            get(c.connect());
            JsonNode result = get(c.logon());
            assertEquals(TestGateways.API_KEY, result.get("apiKey").asText());
            assertEquals("demo", result.get("accountId").asText());
            assertTrue(result.get("permissions").toString().contains("TRADE"), result.toString());
            assertEquals(GatewayClient.State.LOGGED_ON, c.state());
        }
    }

    @Test
    void logon_ed25519_isAccepted() throws Exception {
        try (GatewayClient c = client(Credentials.ed25519(TestGateways.ED_API_KEY, edKeys.getPrivate()),
                new Recorder())) {
            get(c.connect());
            assertEquals("ed", get(c.logon()).get("accountId").asText());
            assertNotNull(get(c.status()).get("accountStatus"));
        }
    }

    @Test
    void logon_wrongSecret_rejectedWith1022() throws Exception {
        try (GatewayClient c = client(Credentials.hmac(TestGateways.API_KEY, "not-the-secret"), new Recorder())) {
            get(c.connect());
            ApiException e = rejected(c.logon());
            assertEquals(ErrorCode.INVALID_SIGNATURE, e.code());
            assertEquals(400, e.status());
        }
    }

    @Test
    void command_beforeLogon_rejectedWith1002() throws Exception {
        try (GatewayClient c = client(Credentials.hmac(TestGateways.API_KEY, TestGateways.SECRET), new Recorder())) {
            get(c.connect());
            ApiException e = rejected(c.status());
            assertEquals(ErrorCode.UNAUTHORIZED, e.code());
            assertEquals(401, e.status());
        }
    }

    @Test
    void everyCommand_answersInTheDocumentedShape() throws Exception {
        try (GatewayClient c = client(Credentials.hmac(TestGateways.API_KEY, TestGateways.SECRET), new Recorder())) {
            get(c.connect());
            get(c.logon());

            AccountStatusResult typed = get(c.request("account.status", null, AccountStatusResult.class));
            assertEquals(AccountStatus.NORMAL, typed.accountStatus());
            JsonNode status = get(c.status());
            assertTrue(status.has("uniMMR") && status.has("accountEquity"), status.toString());
            assertEquals("NORMAL", status.get("accountStatus").asText());

            JsonNode balances = get(c.balance(null));
            assertTrue(balances.isArray() && balances.size() > 1, balances.toString());
            JsonNode usdt = get(c.balance("USDT"));
            assertEquals("USDT", usdt.get("asset").asText());

            JsonNode positions = get(c.positions(null));
            assertTrue(positions.isArray() && positions.size() >= 1, positions.toString());
            assertEquals("BTCUSDT", get(c.positions("BTCUSDT")).get(0).get("symbol").asText());

            assertTrue(get(c.riskSettings()).has("riskMultiplier"));
            ObjectNode update = ProtocolJson.mapper().createObjectNode().put("riskMultiplier", "1.1");
            assertEquals(0, new BigDecimal("1.1").compareTo(
                    new BigDecimal(get(c.updateRiskSettings(update)).get("riskMultiplier").asText())));

            JsonNode t = get(c.transfer("USDT", new BigDecimal("100"), "SPOT", "CROSS_MARGIN", "client-test-1"));
            assertEquals("CONFIRMED", t.get("status").asText());
            JsonNode again = get(c.transfer("USDT", new BigDecimal("100"), "SPOT", "CROSS_MARGIN", "client-test-1"));
            assertEquals(t.get("tranId"), again.get("tranId"));
            assertEquals(ErrorCode.CLIENT_TRAN_ID_REUSED, rejected(c.transfer("USDT", new BigDecimal("5"), "SPOT",
                    "CROSS_MARGIN", "client-test-1")).code());
            assertEquals(ErrorCode.INSUFFICIENT_BALANCE, rejected(c.transfer("USDT", new BigDecimal("99999999"),
                    "SPOT", "CROSS_MARGIN", null)).code());

            JsonNode collected = get(c.autoCollection());
            assertEquals("success", collected.get("msg").asText());

            JsonNode order = get(c.placeOrder("BTCUSDT", "BUY", new BigDecimal("0.001"), false));
            assertEquals("FILLED", order.get("status").asText());
            assertEquals(ErrorCode.BAD_SYMBOL, rejected(c.placeOrder("NOPE", "BUY", BigDecimal.ONE, false)).code());

            OrderRequests orders = c.orders();
            JsonNode resting = get(orders.place(new OrderPlaceParams("BTCUSDT", Side.BUY, OrderType.LIMIT,
                    new BigDecimal("0.001"), new BigDecimal("50000"), null, TimeInForce.GTC, false, false, "c-1")));
            assertEquals("NEW", resting.get("status").asText());
            long id = resting.get("orderId").asLong();
            assertEquals(id, get(orders.open("BTCUSDT")).get(0).get("orderId").asLong());
            assertEquals("NEW", get(orders.query("BTCUSDT", id, null)).get("status").asText());
            assertEquals("CANCELED", get(orders.cancel("BTCUSDT", null, "c-1")).get("status").asText());
            assertEquals(ErrorCode.UNKNOWN_ORDER, rejected(orders.cancel("BTCUSDT", id, null)).code());
            get(orders.place(new OrderPlaceParams("BTCUSDT", Side.SELL, OrderType.STOP_MARKET,
                    new BigDecimal("0.001"), null, new BigDecimal("40000"), null, false, false, null)));
            assertEquals(1, get(orders.cancelAll("BTCUSDT")).size());
            assertEquals(0, get(orders.open(null)).size());
            assertEquals(List.of("CANCELED", "CANCELED", "FILLED"), java.util.stream.StreamSupport.stream(
                    get(orders.all("BTCUSDT", 3)).spliterator(), false).map(o -> o.get("status").asText()).toList());
            assertEquals(ErrorCode.POST_ONLY_REJECTED, rejected(orders.place(new OrderPlaceParams("BTCUSDT", Side.BUY,
                    OrderType.LIMIT, new BigDecimal("0.001"), new BigDecimal("70000"), null, TimeInForce.GTX, false,
                    false, null))).code());

            assertTrue(get(c.request("time", null)).has("serverTime"));
        }
    }

    @Test
    void watch_marginRatioAndUserDataEventsArrive() throws Exception {
        Recorder r = new Recorder();
        try (GatewayClient c = client(Credentials.hmac(TestGateways.API_KEY, TestGateways.SECRET), r)) {
            get(c.connect());
            get(c.logon());
            JsonNode sub = get(c.subscribe(List.of("marginRatio", "userData"), 0));
            assertTrue(sub.get("subscribed").toString().contains("marginRatio"), sub.toString());
            JsonNode ratio = r.awaitEventType("marginRatio").data();
            assertTrue(ratio.has("u") && ratio.has("s") && ratio.has("E"), ratio.toString());
            assertInstanceOf(MarginRatio.class, GatewayClient.decodeEvent(ratio));
            get(c.transfer("USDT", BigDecimal.ONE, "SPOT", "CROSS_MARGIN", null));
            r.awaitUserDataU();
        }
    }

    @Test
    void request_whenQueueIsFull_reportsBackpressure() throws Exception {
        try (GatewayClient c = GatewayClient.builder(TestGateways.url(server)).maxQueueBytes(1).reconnect(false)
                .build()) {
            get(c.connect());
            CompletableFuture<JsonNode> f = null;
            for (int i = 0; i < 10_000 && (f == null || !f.isCompletedExceptionally()); i++) {
                f = c.ping();
            }
            ExecutionException e = assertThrows(ExecutionException.class, f::get);
            assertInstanceOf(BackpressureException.class, e.getCause());
        }
    }
}
