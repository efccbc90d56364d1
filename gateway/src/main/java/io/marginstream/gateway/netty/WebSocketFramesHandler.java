package io.marginstream.gateway.netty;

import io.marginstream.gateway.metrics.GatewayMetrics;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.util.ReferenceCountUtil;

/**
 * Frame policy after reassembly: binary frames close with 1003; a fragmented message that grew past
 * {@code maxFrameBytes} (reported by the aggregator) closes with 1009. Text frames pass on. Stateless; shared by
 * all connections.
 */
@ChannelHandler.Sharable
final class WebSocketFramesHandler extends ChannelInboundHandlerAdapter {
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
        ctx.fireExceptionCaught(cause);
    }
}
