package io.marginstream.gateway.netty;

import io.marginstream.gateway.metrics.GatewayMetrics;
import io.marginstream.protocol.ProtocolJson;
import io.marginstream.protocol.RequestException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

/**
 * Text frame → {@link io.marginstream.protocol.Request} (parsed from the frame's UTF-8 bytes), or the {@link RequestException} that says why the text is
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
        metrics.frameIn();
        Object decoded;
        try {
            ByteBuf content = frame.content();
            int length = content.readableBytes();
            if (content.hasArray()) {
                decoded = ProtocolJson.parseRequest(content.array(), content.arrayOffset() + content.readerIndex(),
                        length);
            } else {
                byte[] bytes = new byte[length];
                content.getBytes(content.readerIndex(), bytes);
                decoded = ProtocolJson.parseRequest(bytes, 0, length);
            }
        } catch (RequestException e) {
            decoded = e;
        } finally {
            frame.release();
        }
        ctx.fireChannelRead(decoded);
    }
}
