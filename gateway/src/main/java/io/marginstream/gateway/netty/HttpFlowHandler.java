package io.marginstream.gateway.netty;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Back-pressure for plain HTTP: a client that pipelines requests without reading the answers must not make the
 * server buffer them without bound. While the channel is not writable (its unsent output is over the high-water
 * mark) the connection is not read, so the requests wait in the client's socket, not in our memory; reading
 * resumes when it is writable again. Since one read can still hold many requests, a connection whose unsent
 * output passes {@code outboundBufferBytes} anyway is closed, and one that stays unwritable because its client
 * never reads is closed by the request timeout (no request can complete while it is not read). Removed at the
 * WebSocket upgrade (reading back on).
 * One instance per connection; runs on its event loop.
 */
final class HttpFlowHandler extends ChannelDuplexHandler {
    private static final Logger log = LoggerFactory.getLogger(HttpFlowHandler.class);

    private final long maxPendingBytes;

    HttpFlowHandler(long maxPendingBytes) {
        this.maxPendingBytes = maxPendingBytes;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        ctx.write(msg, promise);
        var ch = ctx.channel();
        if (ch.isWritable()) {
            return;
        }
        ch.config().setAutoRead(false);
        ChannelOutboundBuffer out = ch.unsafe().outboundBuffer();
        if (out != null && out.totalPendingWriteBytes() > maxPendingBytes) {
            log.debug("connection {} from {}: {} bytes of answers unread, closing", ch.id().asShortText(),
                    ch.remoteAddress(), out.totalPendingWriteBytes());
            ctx.close();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().isWritable()) {
            ctx.channel().config().setAutoRead(true);
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        ctx.channel().config().setAutoRead(true);
    }
}
