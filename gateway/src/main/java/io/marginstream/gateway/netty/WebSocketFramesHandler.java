package io.marginstream.gateway.netty;

import io.marginstream.gateway.metrics.GatewayMetrics;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.util.ReferenceCountUtil;

/**
 * Frame policy after reassembly: binary frames close with 1003; a fragmented message that grew past
 * {@code maxFrameBytes} (reported by the aggregator) closes with 1009. Text frames pass on. Protocol violations
 * that the frame decoder and the UTF-8 validator report (they are configured not to close by themselves, since
 * the decoder sends no close frame after a bad close frame and the protocol handler would then send 1000) close
 * with the code they carry: 1002 (e.g. a bad close code), 1007 (invalid UTF-8, also in a close reason), 1009 (a
 * frame over the limit). Stateless; shared by all connections.
 */
@ChannelHandler.Sharable
final class WebSocketFramesHandler extends ChannelInboundHandlerAdapter {
    /** A close reason must fit a control frame (123 bytes); the decoder's messages are ASCII. */
    private static final int MAX_REASON_CHARS = 100;
    private final GatewayMetrics metrics;

    WebSocketFramesHandler(GatewayMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof BinaryWebSocketFrame) {
            ReferenceCountUtil.release(msg);
            metrics.closed(WebSocketCloseStatus.INVALID_MESSAGE_TYPE.code());
            SessionBridgeHandler.closeWith(ctx.channel(), WebSocketCloseStatus.INVALID_MESSAGE_TYPE.code(),
                    "Binary frames are not supported; send UTF-8 JSON text frames.");
            return;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            metrics.closed(WebSocketCloseStatus.MESSAGE_TOO_BIG.code());
            SessionBridgeHandler.closeWith(ctx.channel(), WebSocketCloseStatus.MESSAGE_TOO_BIG.code(),
                    "Message too large.");
            return;
        }
        if (cause instanceof CorruptedWebSocketFrameException e) {
            int code = e.closeStatus().code();
            String reason = e.getMessage() == null ? e.closeStatus().reasonText() : e.getMessage();
            metrics.closed(code);
            SessionBridgeHandler.closeWith(ctx.channel(), code,
                    reason.length() > MAX_REASON_CHARS ? reason.substring(0, MAX_REASON_CHARS) : reason);
            return;
        }
        ctx.fireExceptionCaught(cause);
    }
}
