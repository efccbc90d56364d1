package io.marginstream.gateway.netty;

import io.marginstream.gateway.session.PmStreams;
import io.marginstream.gateway.session.Session;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;

import java.util.ArrayList;
import java.util.List;

/**
 * The bridge of a Binance stream connection (§11), in place of {@code jsonCodec} and {@code sessionBridge}: creates
 * its {@link Session} through {@link PmStreams#open} when the handshake completes (subscribed to the names of its
 * URL), hands it text frames (SUBSCRIBE, UNSUBSCRIBE, LIST_SUBSCRIPTIONS; those that came with the upgrade request
 * are held until then, at most {@link SessionBridgeHandler#MAX_EARLY_MESSAGES}), writability, idleness and the end of
 * the connection. One per connection; runs on its event loop.
 */
final class PmBridgeHandler extends ChannelInboundHandlerAdapter {
    /** The handlers of the plain-HTTP phase that the upgrade leaves behind. */
    private static final List<String> HTTP_PHASE = List.of(NettyPipeline.BINANCE, NettyPipeline.HTTP_ROUTES,
            NettyPipeline.REQUEST_TIMEOUT, NettyPipeline.HTTP_FLOW);

    private final PmStreams streams;
    private final PmStreams.Target target;
    private Session session;
    /** Text of frames that arrived before the handshake completed (with the upgrade request), in order. */
    private List<String> early;
    private boolean handshakeDone;

    PmBridgeHandler(PmStreams streams, PmStreams.Target target) {
        this.streams = streams;
        this.target = target;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            handshakeDone = true;
            Channel ch = ctx.channel();
            for (String name : HTTP_PHASE) {
                if (ch.pipeline().get(name) != null) {
                    ch.pipeline().remove(name);
                }
            }
            Long bannedUntil = ch.attr(NettyServer.BANNED_UNTIL).get();
            if (bannedUntil != null) {
                SessionBridgeHandler.closeWith(ch, 1008, "IP banned until " + bannedUntil + ".");
                return;
            }
            ChannelTransport transport = new ChannelTransport(ch);
            ch.attr(NettyServer.TRANSPORT).set(transport);
            session = streams.open(transport, target);
            List<String> held = early;
            early = null;
            if (held != null) {
                held.forEach(text -> streams.onText(session, text));
            }
            return;
        }
        if (evt instanceof IdleStateEvent) {
            if (session != null) {
                session.onIdle();
            } else {
                ctx.close();
            }
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (!(msg instanceof TextWebSocketFrame frame)) {
                return;
            }
            if (session != null) {
                streams.onText(session, frame.text());
            } else if (!handshakeDone) {
                if (early == null) {
                    early = new ArrayList<>();
                }
                if (early.size() == SessionBridgeHandler.MAX_EARLY_MESSAGES) {
                    ctx.close();
                    return;
                }
                early.add(frame.text());
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (session != null && ctx.channel().isWritable()) {
            session.onWritable();
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (session != null) {
            session.onClosed();
        }
        super.channelInactive(ctx);
    }
}
