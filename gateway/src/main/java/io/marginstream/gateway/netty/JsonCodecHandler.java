package io.marginstream.gateway.netty;

import io.marginstream.gateway.metrics.GatewayMetrics;
import io.marginstream.protocol.ProtocolJson;
import io.marginstream.protocol.RequestException;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

/**
 * Text frame → {@link io.marginstream.protocol.Request}, or the {@link RequestException} that says why the text is
 * not a request (its id when readable), for the session to answer with {@code -1013}. Releases the frame. Stateless;
 * shared.
 */
@ChannelHandler.Sharable
final class JsonCodecHandler extends ChannelInboundHandlerAdapter {
    private final GatewayMetrics metrics;

    JsonCodecHandler(GatewayMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof TextWebSocketFrame frame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        String text;
        try {
            text = frame.text();
        } finally {
            frame.release();
        }
        metrics.frameIn();
        Object decoded;
        try {
            decoded = ProtocolJson.parseRequest(text);
        } catch (RequestException e) {
            decoded = e;
        }
        ctx.fireChannelRead(decoded);
    }
}
