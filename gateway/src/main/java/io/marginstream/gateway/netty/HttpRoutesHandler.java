package io.marginstream.gateway.netty;

import io.marginstream.gateway.ratelimit.RateLimiter.Admission;
import io.marginstream.gateway.session.PmStreams;
import io.marginstream.gateway.web.StaticFiles;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Plain HTTP routes — {@code GET /} and the dashboard's files, {@code /healthz}, {@code /metrics} — and the admission
 * check of {@code /ws} upgrades (and of the Binance stream upgrades that {@code binance} passes on): over {@code maxConnections} → 503, over the per-IP connection rate → 429, both
 * before the handshake allocates anything. Admitted upgrades pass on to the WebSocket protocol handler. One instance
 * per connection (removed at the upgrade); runs on the connection's event loop.
 */
final class HttpRoutesHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final ServerServices services;

    HttpRoutesHandler(ServerServices services) {
        super(false);
        this.services = services;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        if (!req.decoderResult().isSuccess()) {
            respond(ctx, req, HttpResponseStatus.BAD_REQUEST, "text/plain; charset=UTF-8", bytes("bad request\n"));
            return;
        }
        String path = new QueryStringDecoder(req.uri()).path();
        if (path.equals(NettyPipeline.WS_PATH) || (services.binance() != null && PmStreams.isStreamPath(path))) {
            admit(ctx, req);
            return;
        }
        if (!req.method().equals(HttpMethod.GET) && !req.method().equals(HttpMethod.HEAD)) {
            respond(ctx, req, HttpResponseStatus.METHOD_NOT_ALLOWED, "text/plain; charset=UTF-8",
                    bytes("method not allowed\n"));
            return;
        }
        switch (path) {
            case "/healthz" -> {
                boolean up = services.healthy().getAsBoolean();
                respond(ctx, req, up ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                        "application/json", bytes(services.health().get()));
            }
            case "/metrics" -> respond(ctx, req, HttpResponseStatus.OK, "text/plain; version=0.0.4; charset=UTF-8",
                    bytes(services.metrics().render()));
            default -> {
                Optional<StaticFiles.Resource> file = services.web().find(path);
                if (file.isPresent()) {
                    respond(ctx, req, HttpResponseStatus.OK, file.get().contentType(), file.get().bytes());
                } else {
                    respond(ctx, req, HttpResponseStatus.NOT_FOUND, "text/plain; charset=UTF-8",
                            bytes("not found\n"));
                }
            }
        }
    }

    private void admit(ChannelHandlerContext ctx, FullHttpRequest req) {
        if (services.connections().get() > services.config().server().maxConnections()) {
            services.metrics().connectionRefused();
            respond(ctx, req, HttpResponseStatus.SERVICE_UNAVAILABLE, "text/plain; charset=UTF-8",
                    bytes("too many connections\n"), true);
            return;
        }
        var address = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
        Admission a = services.limiter().admitConnection(address);
        if (a == Admission.RATE_LIMITED) {
            services.metrics().connectionRefused();
            respond(ctx, req, HttpResponseStatus.TOO_MANY_REQUESTS, "text/plain; charset=UTF-8",
                    bytes("too many new connections from this address\n"), true);
            return;
        }
        if (a == Admission.BANNED) {
            ctx.channel().attr(NettyServer.BANNED_UNTIL).set(services.limiter()
                    .bannedUntil("ip:" + address.getHostAddress()));
        }
        ctx.fireChannelRead(req);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void respond(ChannelHandlerContext ctx, FullHttpRequest req, HttpResponseStatus status,
                                String contentType, byte[] body) {
        respond(ctx, req, status, contentType, body, false);
    }

    private static void respond(ChannelHandlerContext ctx, FullHttpRequest req, HttpResponseStatus status,
                                String contentType, byte[] body, boolean close) {
        boolean keepAlive = !close && HttpUtil.isKeepAlive(req);
        boolean head = req.method().equals(HttpMethod.HEAD);
        req.release();
        ByteBuf content = head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body);
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        res.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        res.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        if (keepAlive) {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(res);
        } else {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
