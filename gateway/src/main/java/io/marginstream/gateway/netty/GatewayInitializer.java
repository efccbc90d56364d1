package io.marginstream.gateway.netty;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleStateHandler;

import java.util.concurrent.TimeUnit;

/** Builds each connection's pipeline in the order {@link NettyPipeline} draws. */
final class GatewayInitializer extends ChannelInitializer<SocketChannel> {
    private final ServerServices services;
    private final WebSocketServerProtocolConfig wsConfig;
    private final JsonCodecHandler json;
    private final WebSocketFramesHandler frames;

    GatewayInitializer(ServerServices services) {
        this.services = services;
        int maxFrame = services.config().server().maxFrameBytes();
        this.wsConfig = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(NettyPipeline.WS_PATH)
                .checkStartsWith(false)
                .handleCloseFrames(true)
                .dropPongFrames(true)
                .handshakeTimeoutMillis(10_000)
                .forceCloseTimeoutMillis(ChannelTransport.CLOSE_TIMEOUT_MS)
                .decoderConfig(decoderConfig(maxFrame))
                .build();
        this.json = new JsonCodecHandler(services.metrics());
        this.frames = new WebSocketFramesHandler(services.metrics());
    }

    /** The WebSocket decoder settings of every connection: frames up to {@code maxFrame}, no extensions, UTF-8. */
    static WebSocketDecoderConfig decoderConfig(int maxFrame) {
        return WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(maxFrame)
                .allowExtensions(false)
                .closeOnProtocolViolation(true)
                .withUTF8Validator(true)
                .build();
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        services.connections().incrementAndGet();
        ch.closeFuture().addListener(f -> services.connections().decrementAndGet());
        var server = services.config().server();
        ChannelPipeline p = ch.pipeline();
        p.addLast(NettyPipeline.IDLE, new IdleStateHandler(server.idleTimeoutSeconds(), 0, 0, TimeUnit.SECONDS));
        p.addLast(NettyPipeline.HTTP_CODEC, new HttpServerCodec());
        p.addLast(NettyPipeline.HTTP_AGGREGATOR, new RestAwareAggregator(NettyPipeline.MAX_HTTP_REQUEST_BYTES));
        if (services.binance() != null) {
            p.addLast(NettyPipeline.BINANCE, new BinanceRestHandler(services));
        }
        p.addLast(NettyPipeline.HTTP_ROUTES, new HttpRoutesHandler(services));
        p.addLast(NettyPipeline.WS_PROTOCOL, new WebSocketServerProtocolHandler(wsConfig));
        p.addLast(NettyPipeline.WS_AGGREGATOR, new WebSocketFrameAggregator(server.maxFrameBytes()));
        p.addLast(NettyPipeline.WS_FRAMES, frames);
        p.addLast(NettyPipeline.JSON_CODEC, json);
        p.addLast(NettyPipeline.SESSION_BRIDGE, new SessionBridgeHandler(services.sessions()));
        p.addLast(NettyPipeline.LAST_RESORT, LastResortHandler.INSTANCE);
    }
}
