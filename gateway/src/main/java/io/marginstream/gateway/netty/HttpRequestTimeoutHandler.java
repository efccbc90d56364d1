package io.marginstream.gateway.netty;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The request timeout of the HTTP phase: each request (head and body) must arrive complete within
 * {@code requestTimeoutSeconds} of the connection opening or of the previous request's end; else the connection
 * gets 408 with {@code Connection: close} and is closed once the 408 is written, or after {@link #CLOSE_GRACE_MS}
 * if it cannot be (a client that pipelines without reading). Unlike the idle timeout, which any byte resets, a head
 * trickled one byte at a time (slowloris) cannot stretch it, and a connection that never sends a request is closed
 * too. Removed at the WebSocket upgrade. One instance per connection; runs on its event loop.
 */
final class HttpRequestTimeoutHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(HttpRequestTimeoutHandler.class);
    /** How long the 408 may take to leave before the connection is cut anyway. */
    static final long CLOSE_GRACE_MS = 1000;
    private static final byte[] BODY = "request timeout\n".getBytes(StandardCharsets.UTF_8);

    private final long timeoutMs;
    private ScheduledFuture<?> timer;

    HttpRequestTimeoutHandler(long timeoutMs) {
        this.timeoutMs = timeoutMs;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            start(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (timer == null) {
            start(ctx);
        }
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof LastHttpContent) {
            cancel();
            start(ctx);
        }
        ctx.fireChannelRead(msg);
    }

    private void start(ChannelHandlerContext ctx) {
        timer = ctx.executor().schedule(() -> expire(ctx), timeoutMs, TimeUnit.MILLISECONDS);
    }

    private void expire(ChannelHandlerContext ctx) {
        timer = null;
        if (ctx.isRemoved() || !ctx.channel().isActive()) {
            return;
        }
        log.debug("connection {} from {}: no complete request within {} ms, closing", ctx.channel().id().asShortText(),
                ctx.channel().remoteAddress(), timeoutMs);
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.REQUEST_TIMEOUT,
                Unpooled.wrappedBuffer(BODY));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=UTF-8");
        res.headers().set(HttpHeaderNames.CONTENT_LENGTH, BODY.length);
        res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        ctx.channel().eventLoop().schedule(() -> {
            ctx.channel().close();
        }, CLOSE_GRACE_MS, TimeUnit.MILLISECONDS);
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancel();
        super.channelInactive(ctx);
    }
}
