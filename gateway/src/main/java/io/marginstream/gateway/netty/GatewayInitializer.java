package io.marginstream.gateway.netty;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleStateHandler;

import java.util.concurrent.TimeUnit;

/**
 * Builds each connection's pipeline in the order {@link NettyPipeline} draws. The WebSocket protocol handler takes
 * every request that reaches it as an upgrade (path {@code /}, prefix match): only {@code httpRoutes} decides which
 * paths are WebSocket endpoints, on the decoded path, and passes on nothing else. The HTTP decoder and encoder are
 * separate handlers (not an {@code HttpServerCodec}) so that the handshake replaces the decoder in place and the
 * frames a client sent right behind its upgrade request reach the frame decoder. Shared handlers are built once;
 * runs on the acceptor's and the event loops' threads.
 */
final class GatewayInitializer extends ChannelInitializer<SocketChannel> {
    private final ServerServices services;
    private final WebSocketServerProtocolConfig wsConfig;
    private final JsonCodecHandler json;
    private final WebSocketFramesHandler frames;
    private final ConnectionsPerIpHandler ipCap;

    GatewayInitializer(ServerServices services) {
        this.services = services;
        int maxFrame = services.config().server().maxFrameBytes();
        this.wsConfig = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/")
                .checkStartsWith(true)
                .handleCloseFrames(true)
                .dropPongFrames(true)
                .handshakeTimeoutMillis(10_000)
                .forceCloseTimeoutMillis(ChannelTransport.CLOSE_TIMEOUT_MS)
                .decoderConfig(WebSocketDecoderConfig.newBuilder()
                        .maxFramePayloadLength(maxFrame)
                        .allowExtensions(false)
                        .closeOnProtocolViolation(false)
                        .withUTF8Validator(true)
                        .build())
                .build();
        this.json = new JsonCodecHandler(services.metrics());
        this.frames = new WebSocketFramesHandler(services.metrics());
        this.ipCap = new ConnectionsPerIpHandler(services.config().limits().connectionsPerIp(), services.limiter(),
                services.metrics());
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        services.connections().incrementAndGet();
        ch.closeFuture().addListener(f -> services.connections().decrementAndGet());
        var server = services.config().server();
        var limits = services.config().limits();
        long requestTimeoutMs = TimeUnit.SECONDS.toMillis(server.requestTimeoutSeconds());
        ChannelPipeline p = ch.pipeline();
        p.addLast(NettyPipeline.IP_CAP, ipCap);
        p.addLast(NettyPipeline.IDLE, new IdleStateHandler(server.idleTimeoutSeconds(), 0, 0, TimeUnit.SECONDS));
        HttpRequestTimeoutHandler requestTimeout = new HttpRequestTimeoutHandler(requestTimeoutMs);
        p.addLast(NettyPipeline.REQUEST_START, requestTimeout.requestStart());
        p.addLast(NettyPipeline.HTTP_DECODER, new HttpRequestDecoder());
        p.addLast(NettyPipeline.HTTP_ENCODER, new HttpResponseEncoder());
        p.addLast(NettyPipeline.HTTP_FLOW, new HttpFlowHandler(server.outboundBufferBytes()));
        p.addLast(NettyPipeline.REQUEST_TIMEOUT, requestTimeout);
        p.addLast(NettyPipeline.HTTP_AGGREGATOR, new RestAwareAggregator(NettyPipeline.MAX_HTTP_REQUEST_BYTES));
        if (services.binance() != null) {
            p.addLast(NettyPipeline.BINANCE, new BinanceRestHandler(services));
        }
        p.addLast(NettyPipeline.HTTP_ROUTES, new HttpRoutesHandler(services));
        p.addLast(NettyPipeline.WS_CONTROL, new WebSocketControlHandler(limits.messagesPerSecond(),
                limits.messageBurst(), server.outboundBufferBytes(), services.metrics()));
        p.addLast(NettyPipeline.WS_PROTOCOL, new WebSocketServerProtocolHandler(wsConfig));
        p.addLast(NettyPipeline.WS_FRAGMENTS, new FragmentTimeoutHandler(requestTimeoutMs, services.metrics()));
        p.addLast(NettyPipeline.WS_AGGREGATOR, new WebSocketFrameAggregator(server.maxFrameBytes()));
        p.addLast(NettyPipeline.WS_FRAMES, frames);
        p.addLast(NettyPipeline.JSON_CODEC, json);
        p.addLast(NettyPipeline.SESSION_BRIDGE, new SessionBridgeHandler(services.sessions()));
        p.addLast(NettyPipeline.LAST_RESORT, LastResortHandler.INSTANCE);
    }
}
