package io.marginstream.gateway.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The request timeout of the HTTP phase: each request (head and body) must arrive complete within
 * {@code requestTimeoutSeconds}, counted from the connection's opening for its first request, from the previous
 * request's end while that request's answer is still owed, and otherwise from the first byte read after the
 * connection was idle; else the connection gets 408 with {@code Connection: close} and is closed once the 408 is
 * written, or after {@link #CLOSE_GRACE_MS} if it cannot be (a client that pipelines without reading). Unlike the
 * idle timeout, which any byte resets, a head trickled one byte at a time (slowloris) cannot stretch it, and a
 * connection that never sends a request is closed too.
 *
 * <p>A keep-alive connection whose requests have all been answered (every answer written to the socket) and that
 * has sent nothing since is idle: the timer stops, and the idle timeout alone bounds how long it may stay so. A 408
 * there would be read by the client as the answer to the next request it sends on that connection. The bytes are
 * seen by {@link #requestStart()}, which stands before the HTTP decoder; request heads and ends after the decoder,
 * here; answers on their way out, here too. Bytes of a next request's head that came in the same read as the end of
 * the previous request and then stop are covered by the idle timeout, not this one (the decoder does not say that
 * it holds them); its next byte starts this timer.
 *
 * <p>Removed with {@link #requestStart()} (pipeline name {@code requestStart}) at the WebSocket upgrade. One
 * instance per connection; runs on its event loop.
 */
final class HttpRequestTimeoutHandler extends ChannelDuplexHandler {
    private static final Logger log = LoggerFactory.getLogger(HttpRequestTimeoutHandler.class);
    /** How long the 408 may take to leave before the connection is cut anyway. */
    static final long CLOSE_GRACE_MS = 1000;
    private static final byte[] BODY = "request timeout\n".getBytes(StandardCharsets.UTF_8);

    private final long timeoutMs;
    private final ChannelHandler requestStart = new RequestStart();
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> timer;
    /** Bytes of a request have been read (or the connection is new) and its end has not. */
    private boolean inRequest = true;
    /** Request heads decoded, and final (non-1xx) answers written to the socket: the difference is owed. */
    private long requests;
    private long answered;
    /** The answer being written is informational (100 Continue, 101): it does not answer the request. */
    private boolean informational;
    /** The 408 has been sent: nothing restarts the timer while the connection closes. */
    private boolean expired;

    HttpRequestTimeoutHandler(long timeoutMs) {
        this.timeoutMs = timeoutMs;
    }

    /** The handler to put before the HTTP decoder: it tells this one that bytes were read. */
    ChannelHandler requestStart() {
        return requestStart;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        if (ctx.channel().isActive()) {
            restart();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (timer == null) {
            restart();
        }
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest) {
            requests++;
            inRequest = true;
            if (timer == null) {
                restart();
            }
        }
        if (msg instanceof LastHttpContent) {
            inRequest = false;
            if (answered >= requests) {
                cancel();
            } else {
                restart();
            }
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse res) {
            informational = res.status().codeClass() == HttpStatusClass.INFORMATIONAL;
        }
        if (msg instanceof LastHttpContent && !informational) {
            ChannelPromise p = promise.unvoid();
            p.addListener(f -> {
                if (f.isSuccess()) {
                    answered++;
                    stopIfIdle();
                }
            });
            ctx.write(msg, p);
            return;
        }
        ctx.write(msg, promise);
    }

    /** Bytes were read, before the decoder: they begin a request unless one is under way. */
    private void bytesRead() {
        inRequest = true;
        if (timer == null) {
            restart();
        }
    }

    private void stopIfIdle() {
        if (!inRequest && answered >= requests) {
            cancel();
        }
    }

    private void restart() {
        cancel();
        if (expired || ctx.isRemoved() || !ctx.channel().isActive()) {
            return;
        }
        timer = ctx.executor().schedule(this::expire, timeoutMs, TimeUnit.MILLISECONDS);
    }

    private void expire() {
        timer = null;
        expired = true;
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

    /** Sees the bytes as they are read, before the HTTP decoder holds them. */
    private final class RequestStart extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ChannelHandlerContext timeout = HttpRequestTimeoutHandler.this.ctx;
            if (msg instanceof ByteBuf b && b.isReadable() && timeout != null && !timeout.isRemoved()) {
                bytesRead();
            }
            ctx.fireChannelRead(msg);
        }
    }
}
