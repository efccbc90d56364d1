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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Plain HTTP routes — {@code GET /} and the dashboard's files, {@code /healthz}, {@code /metrics} — and the
 * admission of WebSocket upgrades ({@code /ws}, and the Binance stream paths that {@code binance} passes on). Routing is on the decoded path, so {@code /ws?x=1} and {@code /%77s} are upgrades to
 * {@code /ws}; every request is answered. An undecodable request (malformed head, bad %-escape) gets 400 and an
 * HTTP version other than 1.0/1.1 gets 505, both with {@code Connection: close}. An upgrade must be well formed
 * ({@link WebSocketUpgrade}); then over {@code maxConnections} → 503, over the per-IP connection rate → 429, both
 * before the handshake allocates anything. Admitted upgrades pass on to the WebSocket protocol handler. Every
 * answer carries {@code X-Content-Type-Options: nosniff}, the dashboard's files also a Content-Security-Policy.
 * The request is released on every path. One instance per connection (removed at the upgrade); runs on the
 * connection's event loop.
 */
final class HttpRoutesHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger log = LoggerFactory.getLogger(HttpRoutesHandler.class);
    /** What the dashboard may load and connect to: only its own origin; no framing. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; connect-src 'self'; frame-ancestors 'none'";
    private static final String TEXT = "text/plain; charset=UTF-8";
    private static final String X_CONTENT_TYPE_OPTIONS = "X-Content-Type-Options";

    private final ServerServices services;

    HttpRoutesHandler(ServerServices services) {
        super(false);
        this.services = services;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        try {
            route(ctx, req);
        } catch (RuntimeException e) {
            log.warn("connection {} from {}: request {} {} failed", ctx.channel().id().asShortText(),
                    ctx.channel().remoteAddress(), req.method(), req.uri(), e);
            if (req.refCnt() > 0) {
                respond(ctx, req, HttpResponseStatus.INTERNAL_SERVER_ERROR, TEXT, bytes("internal error\n"), true,
                        false);
            } else {
                ctx.close();
            }
        }
    }

    private void route(ChannelHandlerContext ctx, FullHttpRequest req) {
        if (!req.decoderResult().isSuccess()) {
            log.debug("connection {} from {}: undecodable request: {}", ctx.channel().id().asShortText(),
                    ctx.channel().remoteAddress(), req.decoderResult().cause().toString());
            respond(ctx, req, HttpResponseStatus.BAD_REQUEST, TEXT, bytes("bad request\n"), true, false);
            return;
        }
        HttpVersion version = req.protocolVersion();
        if (!version.equals(HttpVersion.HTTP_1_1) && !version.equals(HttpVersion.HTTP_1_0)) {
            respond(ctx, req, HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED, TEXT,
                    bytes("only HTTP/1.1 and HTTP/1.0 are served\n"), true, false);
            return;
        }
        String path;
        try {
            path = new QueryStringDecoder(req.uri()).path();
        } catch (IllegalArgumentException e) {
            log.debug("connection {} from {}: undecodable URI: {}", ctx.channel().id().asShortText(),
                    ctx.channel().remoteAddress(), e.getMessage());
            respond(ctx, req, HttpResponseStatus.BAD_REQUEST, TEXT, bytes("bad request: undecodable URI\n"), true,
                    false);
            return;
        }
        if (NettyPipeline.isWebSocketPath(path) || (services.binance() != null && PmStreams.isStreamPath(path))) {
            upgrade(ctx, req);
            return;
        }
        if (!req.method().equals(HttpMethod.GET) && !req.method().equals(HttpMethod.HEAD)) {
            respond(ctx, req, HttpResponseStatus.METHOD_NOT_ALLOWED, TEXT, bytes("method not allowed\n"));
            return;
        }
        switch (path) {
            case "/healthz" -> {
                boolean up = services.healthy().getAsBoolean();
                respond(ctx, req, up ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                        "application/json", bytes(services.health().get()));
            }
            case "/metrics" -> respond(ctx, req, HttpResponseStatus.OK, "text/plain; version=0.0.4; charset=UTF-8",
                    services.metrics().scrape());
            default -> {
                Optional<StaticFiles.Resource> file = services.web().find(path);
                if (file.isPresent()) {
                    respond(ctx, req, HttpResponseStatus.OK, file.get().contentType(), file.get().bytes(), false,
                            true);
                } else {
                    respond(ctx, req, HttpResponseStatus.NOT_FOUND, TEXT, bytes("not found\n"));
                }
            }
        }
    }

    private void upgrade(ChannelHandlerContext ctx, FullHttpRequest req) {
        WebSocketUpgrade.Refusal refusal = WebSocketUpgrade.check(req);
        if (refusal != null) {
            respond(ctx, req, refusal.status(), TEXT, bytes(refusal.reason() + "\n"), true, false);
            return;
        }
        admit(ctx, req);
    }

    private void admit(ChannelHandlerContext ctx, FullHttpRequest req) {
        if (services.connections().get() > services.config().server().maxConnections()) {
            services.metrics().connectionRefused();
            respond(ctx, req, HttpResponseStatus.SERVICE_UNAVAILABLE, TEXT, bytes("too many connections\n"), true,
                    false);
            return;
        }
        var address = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
        Admission a = services.limiter().admitConnection(address);
        if (a == Admission.RATE_LIMITED) {
            services.metrics().connectionRefused();
            respond(ctx, req, HttpResponseStatus.TOO_MANY_REQUESTS, TEXT,
                    bytes("too many new connections from this address\n"), true, false);
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
        respond(ctx, req, status, contentType, body, false, false);
    }

    private static void respond(ChannelHandlerContext ctx, FullHttpRequest req, HttpResponseStatus status,
                                String contentType, byte[] body, boolean close, boolean dashboard) {
        boolean keepAlive = !close && HttpUtil.isKeepAlive(req);
        boolean head = req.method().equals(HttpMethod.HEAD);
        req.release();
        ByteBuf content = head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body);
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        res.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        res.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        res.headers().set(X_CONTENT_TYPE_OPTIONS, "nosniff");
        if (dashboard) {
            res.headers().set(HttpHeaderNames.CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY);
        }
        if (status.equals(HttpResponseStatus.UPGRADE_REQUIRED)) {
            res.headers().set(HttpHeaderNames.SEC_WEBSOCKET_VERSION, "13");
        }
        if (keepAlive) {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(res);
        } else {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
