package io.marginstream.gateway.netty;

import io.marginstream.gateway.session.PmStreams;
import io.marginstream.gateway.session.Session;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.ReferenceCountUtil;

import java.util.List;

/**
 * The bridge of a Binance stream connection (§11), in place of {@code jsonCodec} and {@code sessionBridge}: creates
 * its {@link Session} through {@link PmStreams#open} when the handshake completes (subscribed to the names of its
 * URL) and hands it the text of frames (SUBSCRIBE, UNSUBSCRIBE, LIST_SUBSCRIPTIONS; those that came with the upgrade
 * request are held until then), writability, idleness and the end of the connection ({@link SessionBridge}). One per
 * connection; runs on its event loop.
 */
final class PmBridgeHandler extends SessionBridge<String> {
    /** The handlers of the plain-HTTP phase that the upgrade leaves behind. */
    private static final List<String> HTTP_PHASE = List.of(NettyPipeline.BINANCE, NettyPipeline.HTTP_ROUTES,
            NettyPipeline.REQUEST_TIMEOUT, NettyPipeline.REQUEST_START, NettyPipeline.HTTP_FLOW);

    private final PmStreams streams;
    private final PmStreams.Target target;

    PmBridgeHandler(PmStreams streams, PmStreams.Target target) {
        super(HTTP_PHASE);
        this.streams = streams;
        this.target = target;
    }

    @Override
    protected Session open(ChannelTransport transport) {
        return streams.open(transport, target);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof TextWebSocketFrame frame) {
                if (session != null) {
                    deliver(ctx, frame.text());
                } else {
                    hold(ctx, frame.text());
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    protected void deliver(ChannelHandlerContext ctx, String text) {
        streams.onText(session, text);
    }
}
