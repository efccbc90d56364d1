package io.marginstream.gateway.netty;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * The end of the pipeline: an exception nobody handled is logged once, with the channel id and the peer address,
 * and the connection is closed. Messages nobody consumed are released. Stateless; shared.
 */
@ChannelHandler.Sharable
final class LastResortHandler extends ChannelInboundHandlerAdapter {
    static final LastResortHandler INSTANCE = new LastResortHandler();
    private static final Logger log = LoggerFactory.getLogger(LastResortHandler.class);

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (ctx.channel().isActive()) {
            if (cause instanceof IOException || cause instanceof CorruptedFrameException) {
                log.debug("connection {} from {}: {}", ctx.channel().id().asShortText(), ctx.channel().remoteAddress(),
                        cause.toString());
            } else {
                log.warn("connection {} from {}: unhandled error, closing", ctx.channel().id().asShortText(),
                        ctx.channel().remoteAddress(), cause);
            }
        }
        ctx.close();
    }
}
