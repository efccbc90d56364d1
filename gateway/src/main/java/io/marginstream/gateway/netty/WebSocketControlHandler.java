package io.marginstream.gateway.netty;

import io.marginstream.gateway.metrics.GatewayMetrics;
import io.marginstream.gateway.ratelimit.TokenBucket;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Control frames from the client, before Netty's protocol handler (which would answer every ping, writable or not,
 * outside every limit):
 * <ul>
 *   <li>pings and pongs are charged to a token bucket of the connection's message rate ({@code messagesPerSecond},
 *   {@code messageBurst}); a frame over it is dropped, and {@link #MAX_REJECTED_IN_ROW} in a row close with 1008
 *   (control frames after that are dropped unread);</li>
 *   <li>a ping is answered only while the channel is writable and the session is open (RFC 6455 §5.5.3 lets an
 *   endpoint answer only the latest pings); a client that keeps pinging while its unread output is over
 *   {@code outboundBufferBytes} is closed with 4008, like any slow consumer;</li>
 *   <li>a close frame with a status code RFC 6455 §7.4 does not allow (Netty lets through ≥ 5000 and codes read
 *   as negative) is answered with 1002; the decoder already answers the others with 1002 and a reason that is not
 *   UTF-8 with 1007.</li>
 * </ul>
 * One instance per connection; runs on its event loop.
 */
final class WebSocketControlHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(WebSocketControlHandler.class);
    /** Rate-limited control frames in a row after which the connection is closed with 1008. */
    static final int MAX_REJECTED_IN_ROW = 10;
    /** The close code of a slow consumer (PROTOCOL.md §1). */
    private static final int SLOW_CONSUMER = 4008;

    private final TokenBucket bucket;
    private final long outboundBufferBytes;
    private final GatewayMetrics metrics;
    private int rejectedInRow;
    private boolean closed;

    WebSocketControlHandler(int perSecond, int burst, long outboundBufferBytes, GatewayMetrics metrics) {
        this.bucket = new TokenBucket(perSecond, burst, System::currentTimeMillis);
        this.outboundBufferBytes = outboundBufferBytes;
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (closed && (msg instanceof PingWebSocketFrame || msg instanceof PongWebSocketFrame)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof PingWebSocketFrame ping) {
            onPing(ctx, ping);
        } else if (msg instanceof PongWebSocketFrame pong) {
            pong.release();
            admit(ctx);
        } else if (msg instanceof CloseWebSocketFrame close && !allowedCloseCode(close)) {
            close.release();
            closeWith(ctx, WebSocketCloseStatus.PROTOCOL_ERROR.code(), "Invalid close status code.");
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    private void onPing(ChannelHandlerContext ctx, PingWebSocketFrame ping) {
        if (!admit(ctx)) {
            ping.release();
            return;
        }
        var ch = ctx.channel();
        if (ch.isWritable() && ch.attr(NettyServer.TRANSPORT).get() != null) {
            ch.writeAndFlush(new PongWebSocketFrame(ping.content()), ch.voidPromise());
            return;
        }
        ping.release();
        ChannelOutboundBuffer out = ch.unsafe().outboundBuffer();
        if (out != null && out.totalPendingWriteBytes() > outboundBufferBytes) {
            log.info("connection {} from {}: pings while {} bytes are unread, closing 4008", ch.id().asShortText(),
                    ch.remoteAddress(), out.totalPendingWriteBytes());
            metrics.slowConsumerClosed();
            closeWith(ctx, SLOW_CONSUMER, "slow consumer");
        }
    }

    /** Takes a token for one control frame; false (and maybe a 1008 close) when there is none. */
    private boolean admit(ChannelHandlerContext ctx) {
        if (bucket.tryTake()) {
            rejectedInRow = 0;
            return true;
        }
        if (++rejectedInRow == MAX_REJECTED_IN_ROW) {
            log.info("connection {} from {}: closed 1008 after {} rate-limited control frames in a row",
                    ctx.channel().id().asShortText(), ctx.channel().remoteAddress(), rejectedInRow);
            closeWith(ctx, WebSocketCloseStatus.POLICY_VIOLATION.code(), "Too many control frames.");
        }
        return false;
    }

    private void closeWith(ChannelHandlerContext ctx, int code, String reason) {
        closed = true;
        metrics.closed(code);
        ChannelTransport.close(ctx.channel(), code, reason);
    }

    /** RFC 6455 §7.4: no body, or a code of 1000–1003, 1007–1014 (IANA-registered) or 3000–4999. */
    static boolean allowedCloseCode(CloseWebSocketFrame close) {
        ByteBuf body = close.content();
        if (body.readableBytes() < 2) {
            return true;
        }
        int code = body.getUnsignedShort(body.readerIndex());
        return code >= 1000 && code <= 1003 || code >= 1007 && code <= 1014 || code >= 3000 && code <= 4999;
    }
}
