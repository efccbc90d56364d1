package io.marginstream.gateway.netty;

import io.marginstream.gateway.binance.BinanceApi;
import io.marginstream.gateway.binance.RestRequest;
import io.marginstream.gateway.binance.RestResponse;
import io.marginstream.gateway.session.PmStreams;
import io.marginstream.protocol.ApiException;
import io.marginstream.protocol.ErrorCode;
import io.marginstream.protocol.ProtocolJson;
import io.marginstream.protocol.binance.BinanceError;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
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
import java.util.ArrayDeque;
import java.util.Map;

/**
 * The Binance-compatible front door (§11), before {@code httpRoutes}: REST requests under {@code /papi},
 * {@code /fapi}, {@code /dapi}, {@code /api} and {@code /sapi} go to {@link BinanceApi} and are answered here, in
 * the order they arrived (keep-alive and pipelining; at most {@link #MAX_IN_FLIGHT} in progress, then the connection
 * is not read until answers leave); WebSocket upgrades to the Binance stream paths
 * ({@link PmStreams#isStreamPath}) are checked (an unknown listenKey or symbol is answered 400, a stream that is not
 * served 404, with Binance's error JSON), and the connection's pipeline is switched to the Binance stream bridge before the upgrade goes on to
 * {@code httpRoutes}' admission and the handshake. Other requests pass on untouched, and so do undecodable ones
 * and other HTTP versions than 1.0 and 1.1 (answered by {@code httpRoutes}). One per connection (removed at
 * an upgrade); runs on the connection's event loop.
 */
final class BinanceRestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    /** Requests of one connection in progress at once; past it the connection is not read until answers leave. */
    static final int MAX_IN_FLIGHT = 16;

    private final ServerServices services;
    private final BinanceApi api;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>(2);

    /** One request's place in the connection's answer order. */
    private static final class Pending {
        final boolean keepAlive;
        final boolean head;
        RestResponse response;

        Pending(boolean keepAlive, boolean head) {
            this.keepAlive = keepAlive;
            this.head = head;
        }
    }

    BinanceRestHandler(ServerServices services) {
        super(false);
        this.services = services;
        this.api = services.binance();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        HttpVersion version = req.protocolVersion();
        if (!req.decoderResult().isSuccess()
                || !(version.equals(HttpVersion.HTTP_1_1) || version.equals(HttpVersion.HTTP_1_0))) {
            ctx.fireChannelRead(req);
            return;
        }
        String path;
        try {
            path = new QueryStringDecoder(req.uri()).path();
        } catch (IllegalArgumentException e) {
            ctx.fireChannelRead(req);
            return;
        }
        if (PmStreams.isStreamPath(path)) {
            upgrade(ctx, req, path);
        } else if (BinanceApi.isRestPath(path)) {
            rest(ctx, req, path);
        } else {
            ctx.fireChannelRead(req);
        }
    }

    private void rest(ChannelHandlerContext ctx, FullHttpRequest req, String path) {
        Pending slot = new Pending(HttpUtil.isKeepAlive(req), req.method().equals(HttpMethod.HEAD));
        pending.add(slot);
        if (pending.size() >= MAX_IN_FLIGHT) {
            ctx.channel().config().setAutoRead(false);
        }
        String uri = req.uri();
        int q = uri.indexOf('?');
        RestRequest r = new RestRequest(req.method().name(), path, q < 0 ? "" : uri.substring(q + 1),
                req.content().toString(StandardCharsets.UTF_8), req.headers().get(HttpHeaderNames.CONTENT_TYPE),
                req.headers().get("X-MBX-APIKEY"), ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress(),
                ctx.executor());
        req.release();
        api.handle(r).whenComplete((res, err) -> {
            RestResponse answer = res != null ? res : BinanceApi.internalError();
            if (ctx.executor().inEventLoop()) {
                done(ctx, slot, answer);
            } else {
                ctx.executor().execute(() -> done(ctx, slot, answer));
            }
        });
    }

    private void done(ChannelHandlerContext ctx, Pending slot, RestResponse res) {
        slot.response = res;
        boolean wrote = false;
        while (!pending.isEmpty() && pending.peek().response != null) {
            Pending p = pending.poll();
            write(ctx, p.response, p.keepAlive, p.head);
            wrote = true;
            if (!p.keepAlive) {
                pending.clear();
                break;
            }
        }
        if (wrote) {
            ctx.flush();
            if (pending.size() < MAX_IN_FLIGHT && !ctx.channel().config().isAutoRead() && ctx.channel().isWritable()) {
                ctx.channel().config().setAutoRead(true);
            }
        }
    }

    /** Writes one JSON answer; closes after it unless the request asked for keep-alive. */
    static void write(ChannelHandlerContext ctx, RestResponse r, boolean keepAlive, boolean head) {
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(r.status()), head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(r.body()));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        res.headers().set(HttpHeaderNames.CONTENT_LENGTH, r.body().length);
        for (Map.Entry<String, String> h : r.headers().entrySet()) {
            res.headers().set(h.getKey(), h.getValue());
        }
        if (keepAlive) {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.write(res);
        } else {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.write(res).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /**
     * A Binance stream upgrade: checks its names, swaps the {@code /ws} request handlers ({@code jsonCodec},
     * {@code sessionBridge}) for {@link PmBridgeHandler}, and passes the request on to {@code httpRoutes}' checks and
     * admission and to the handshake.
     */
    private void upgrade(ChannelHandlerContext ctx, FullHttpRequest req, String path) {
        if (!req.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
            answerNow(ctx, req, 400, new ApiException(ErrorCode.MALFORMED_REQUEST, path + " is a WebSocket stream; "
                    + "connect with a WebSocket client."));
            return;
        }
        String uri = req.uri();
        int q = uri.indexOf('?');
        PmStreams.Target target;
        try {
            target = services.sessions().pmStreams().target(path, q < 0 ? "" : uri.substring(q + 1));
        } catch (ApiException e) {
            answerNow(ctx, req, e.status(), e);
            return;
        }
        ChannelPipeline p = ctx.pipeline();
        p.remove(NettyPipeline.JSON_CODEC);
        p.replace(NettyPipeline.SESSION_BRIDGE, NettyPipeline.PM_BRIDGE,
                new PmBridgeHandler(services.sessions().pmStreams(), target));
        ctx.fireChannelRead(req);
    }

    private static void answerNow(ChannelHandlerContext ctx, FullHttpRequest req, int status, ApiException e) {
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        req.release();
        byte[] body = ProtocolJson.toJson(new BinanceError(e.code().code(), e.getMessage()))
                .getBytes(StandardCharsets.UTF_8);
        write(ctx, new RestResponse(status, body, Map.of()), keepAlive, false);
        ctx.flush();
    }
}
