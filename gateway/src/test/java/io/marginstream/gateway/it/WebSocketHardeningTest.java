package io.marginstream.gateway.it;

import io.marginstream.gateway.config.GatewayConfig.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The WebSocket side under hostile input, over raw sockets: upgrades to URIs with a query, a fragment or
 * %-escapes, frames in the same segment as the upgrade, bad {@code Sec-WebSocket-Key}s, invalid close frames, ping
 * floods and fragmented messages left unfinished.
 */
class WebSocketHardeningTest {
    static TestGateway gw;

    @BeforeAll
    static void start() {
        gw = TestGateway.start(c -> c.withServer(new ServerConfig("127.0.0.1", 0, null, 4096, null, 60, null,
                65_536, 2)));
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    private static byte[] text(String json) {
        return RawWs.encode(true, 0x1, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void upgradesToTheDecodedWsPath_withQueryFragmentOrEscapes_get101AndWork() throws Exception {
        for (String target : List.of("/ws?x=1", "/ws?streams=a&b=", "/ws#f", "/%77s", "/%77%73?x")) {
            try (RawWs ws = RawWs.connect(gw.port(), target, 0, new byte[0])) {
                ws.sendText("{\"id\":7,\"method\":\"ping\"}");
                assertTrue(ws.read().text().contains("\"id\":7"), target);
            }
        }
    }

    @Test
    void upgradesToOtherPaths_areAnswered404() throws Exception {
        for (String target : List.of("/ws/x", "/wsx", "/w", "/ws%2f")) {
            try (RawHttp h = RawHttp.connect(gw.port())) {
                h.send(RawHttp.upgrade(target, gw.port()));
                assertEquals(404, h.read().status(), target);
            }
        }
    }

    @Test
    void framesInTheSameSegmentAsTheUpgrade_areKept() throws Exception {
        ByteArrayOutputStream frames = new ByteArrayOutputStream();
        frames.writeBytes(text("{\"id\":1,\"method\":\"ping\"}"));
        frames.writeBytes(text("{\"id\":2,\"method\":\"time\"}"));
        try (RawWs ws = RawWs.connect(gw.port(), "/ws", 0, frames.toByteArray())) {
            assertTrue(ws.read().text().contains("\"id\":1"));
            assertTrue(ws.read().text().contains("\"id\":2"));
            ws.sendText("{\"id\":3,\"method\":\"ping\"}");
            assertTrue(ws.read().text().contains("\"id\":3"));
        }
    }

    @Test
    void framesInTheUpgradeSegment_areHeldUpTo64_moreCloseTheConnection() throws Exception {
        byte[] empty = RawWs.encode(true, 0x1, new byte[0]);
        try (RawHttp h = RawHttp.connect(gw.port())) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            all.writeBytes(RawHttp.upgrade("/ws", gw.port()).getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 100; i++) {
                all.writeBytes(empty);
            }
            h.send(all.toByteArray());
            assertTrue(h.awaitEnd(), "more than 64 requests before the handshake completed");
        }
        ByteArrayOutputStream held = new ByteArrayOutputStream();
        for (int i = 0; i < 64; i++) {
            held.writeBytes(empty);
        }
        try (RawWs ok = RawWs.connect(gw.port(), "/ws", 0, held.toByteArray())) {
            for (int i = 0; i < 64; i++) {
                assertTrue(ok.read().text().contains("-1013"), "64 are held, then answered");
            }
        }
    }

    @Test
    void badWebSocketKeys_are400() throws Exception {
        for (String key : List.of("", "!!!!not*base64!!!!!!!!==", Base64.getEncoder().encodeToString(new byte[17]),
                Base64.getEncoder().encodeToString(new byte[15]), "A".repeat(300))) {
            try (RawHttp h = RawHttp.connect(gw.port())) {
                h.send(RawHttp.upgrade("/ws", gw.port(), key));
                RawHttp.Response r = h.read();
                assertEquals(400, r.status(), "key '" + key + "'");
                assertEquals("close", r.header("Connection"));
                assertTrue(h.awaitEnd());
            }
        }
        try (RawHttp h = RawHttp.connect(gw.port())) {
            h.send("GET /ws HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(400, h.read().status(), "a plain GET of /ws is not an upgrade");
        }
    }

    @Test
    void invalidCloseCodes_areAnswered1002_andANonUtf8Reason1007() throws Exception {
        for (int code : new int[] {0, 999, 1004, 1005, 1006, 1015, 1016, 2000, 2999, 5000, 65535}) {
            try (RawWs ws = RawWs.connect(gw.port(), 0)) {
                ws.sendFrame(true, 0x8, new byte[] {(byte) (code >> 8), (byte) code});
                assertEquals(1002, ws.readUntilClose(), "close code " + code);
            }
        }
        try (RawWs ws = RawWs.connect(gw.port(), 0)) {
            ws.sendFrame(true, 0x8, new byte[] {0x03, (byte) 0xE8, (byte) 0xC3, 0x28});
            assertEquals(1007, ws.readUntilClose(), "invalid UTF-8 in the reason");
        }
        for (int code : new int[] {1000, 1001, 3000, 4999}) {
            try (RawWs ws = RawWs.connect(gw.port(), 0)) {
                ws.sendFrame(true, 0x8, new byte[] {(byte) (code >> 8), (byte) code, 'o', 'k'});
                assertEquals(code, ws.readUntilClose(), "valid close code " + code + " is echoed");
            }
        }
    }

    @Test
    void pingFlood_isChargedToTheMessageRate_andClosed1008() throws Exception {
        byte[] payload = new byte[125];
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        for (int i = 0; i < 20_000; i++) {
            batch.writeBytes(RawWs.encode(true, 0x9, payload));
        }
        String closes1008 = "marginstream_closes_total{code=\"1008\"}";
        long before = RawHttp.metric(gw.port(), closes1008);
        try (RawWs ws = RawWs.connect(gw.port(), 4096)) {
            try {
                ws.sendBytes(batch.toByteArray());
                int pongs = 0;
                while (true) {
                    RawWs.Frame f = ws.read();
                    if (f.opcode() == 0x8) {
                        assertEquals(1008, f.closeCode());
                        break;
                    }
                    assertEquals(0xA, f.opcode());
                    pongs++;
                }
                assertTrue(pongs < 20_000, "pongs: " + pongs);
            } catch (java.net.SocketException | java.io.EOFException e) {
                // the server closed while pings were still in flight, so the kernel reset the connection
            }
        }
        assertEquals(before + 1, RawHttp.metric(gw.port(), closes1008), "closed 1008 for the ping flood");
    }

    @Test
    void aFragmentedMessageLeftUnfinished_isClosed1008AtTheRequestTimeout() throws Exception {
        try (RawWs ws = RawWs.connect(gw.port(), 0)) {
            ws.sendFrame(false, 0x1, "{\"id\":1,".getBytes(StandardCharsets.UTF_8));
            ws.sendFrame(true, 0x9, new byte[0]);
            assertEquals(1008, ws.readUntilClose());
        }
    }
}
