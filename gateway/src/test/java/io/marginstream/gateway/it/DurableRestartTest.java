package io.marginstream.gateway.it;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginstream.gateway.GatewayServer;
import io.marginstream.gateway.config.GatewayConfig;
import io.marginstream.protocol.ProtocolJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The gateway as GatewayMain runs it: journaled, recovered from its data directory on restart. */
class DurableRestartTest {

    @Test
    void anAcknowledgedTransferAndRestingOrder_surviveARestart_andTheDataDirIsLocked(@TempDir Path dir) throws Exception {
        GatewayConfig config = TestGateway.base().withDataDir(dir.toString());
        String balanceBefore;
        GatewayServer first = GatewayServer.durable(config).start();
        try (WsRecorder c = WsRecorder.connect(first.port())) {
            c.ok("session.logon", Signer.hmac(TestGateway.HMAC_KEY, TestGateway.HMAC_SECRET,
                    System.currentTimeMillis()));
            ObjectNode t = ProtocolJson.mapper().createObjectNode().put("asset", "USDT").put("amount", "12.5")
                    .put("from", "SPOT").put("to", "CROSS_MARGIN");
            c.ok("transfer", t);
            c.ok("order.place", ProtocolJson.mapper().createObjectNode().put("symbol", "BTCUSDT").put("side", "BUY")
                    .put("type", "LIMIT").put("timeInForce", "GTC").put("quantity", "0.5").put("price", "59000")
                    .put("newClientOrderId", "kept-1"));
            balanceBefore = c.ok("account.balance", ProtocolJson.mapper().createObjectNode().put("asset", "USDT"))
                    .get("spotBalance").asText();
            assertThrows(java.io.IOException.class, () -> GatewayServer.durable(config));
        } finally {
            first.close();
        }
        GatewayServer second = GatewayServer.durable(config).start();
        try (WsRecorder c = WsRecorder.connect(second.port())) {
            c.ok("session.logon", Signer.hmac(TestGateway.HMAC_KEY, TestGateway.HMAC_SECRET,
                    System.currentTimeMillis()));
            String after = c.ok("account.balance", ProtocolJson.mapper().createObjectNode().put("asset", "USDT"))
                    .get("spotBalance").asText();
            assertEquals(balanceBefore, after);
            assertEquals(0, new java.math.BigDecimal(after).compareTo(new java.math.BigDecimal("987.5")));
            var open = c.ok("openOrders", null);
            assertEquals(1, open.size());
            assertEquals("kept-1", open.get(0).get("clientOrderId").asText());
            c.ok("admin.setMarkPrice", ProtocolJson.mapper().createObjectNode().put("symbol", "BTCUSDT")
                    .put("price", "58000"));
            assertEquals("FILLED", c.ok("order.query", ProtocolJson.mapper().createObjectNode()
                    .put("symbol", "BTCUSDT").put("origClientOrderId", "kept-1")).get("status").asText());
        } finally {
            second.close();
        }
    }
}
