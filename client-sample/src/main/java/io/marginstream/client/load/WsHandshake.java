package io.marginstream.client.load;

import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;

import java.net.URI;

/**
 * The client side of the WebSocket handshake both load testers put in each connection's pipeline: version 13, close
 * frames and pongs left to the connection's own handler, no UTF-8 validation (frames are read as bytes), a 10 s
 * handshake bound. Stateless.
 */
final class WsHandshake {
    private WsHandshake() {}

    static WebSocketClientProtocolHandler handler(URI url, int maxFrameBytes) {
        return new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(url).version(WebSocketVersion.V13)
                .maxFramePayloadLength(maxFrameBytes).handleCloseFrames(false)
                .dropPongFrames(true).withUTF8Validator(false).handshakeTimeoutMillis(10_000).build());
    }
}
