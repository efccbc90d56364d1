package io.marginstream.gateway.netty;

import io.marginstream.gateway.session.Session;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * What both WebSocket bridges share (the {@code /ws} {@link SessionBridgeHandler} and the Binance-stream
 * {@link PmBridgeHandler}): when the handshake completes, strip the plain-HTTP handlers, refuse a banned IP with
 * 1008, open the {@link Session} and hand it the messages that came with the upgrade request; hold those messages
 * until then (at most {@link #MAX_EARLY_MESSAGES}, in order); pass on writability, idleness and the end of the
 * connection. A subclass says how a session is opened and how one message reaches it. One per connection; runs on
 * its event loop.
 *
 * @param <M> what the subclass holds before the handshake completes (a decoded request, or a frame's text)
 */
abstract class SessionBridge<M> extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(SessionBridge.class);

    /**
     * Most messages held before the handshake completes; more close the connection without a close frame (the 101
     * has not been written yet).
     */
    static final int MAX_EARLY_MESSAGES = 64;

    private final List<String> httpPhase;
    /** The session, once the handshake has completed; null before and after a refused handshake. */
    protected Session session;
    private List<M> early;
    private boolean handshakeDone;

    /** @param httpPhase the handlers of the plain-HTTP phase that the upgrade leaves behind, by pipeline name */
    SessionBridge(List<String> httpPhase) {
        this.httpPhase = httpPhase;
    }

    /** Opens the session of this connection over {@code transport}. */
    protected abstract Session open(ChannelTransport transport);

    /** Hands one message to the open {@link #session}. */
    protected abstract void deliver(ChannelHandlerContext ctx, M message);

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            handshakeDone = true;
            Channel ch = ctx.channel();
            for (String name : httpPhase) {
                if (ch.pipeline().get(name) != null) {
                    ch.pipeline().remove(name);
                }
            }
            Long bannedUntil = ch.attr(NettyServer.BANNED_UNTIL).get();
            if (bannedUntil != null) {
                log.info("connection {} from {}: IP banned until {}, closing 1008", ch.id().asShortText(),
                        ch.remoteAddress(), bannedUntil);
                ChannelTransport.close(ch, 1008, "IP banned until " + bannedUntil + ".");
                return;
            }
            ChannelTransport transport = new ChannelTransport(ch);
            ch.attr(NettyServer.TRANSPORT).set(transport);
            session = open(transport);
            List<M> held = early;
            early = null;
            if (held != null) {
                held.forEach(m -> deliver(ctx, m));
            }
            return;
        }
        if (evt instanceof IdleStateEvent) {
            log.debug("connection {}: idle, closing", ctx.channel().id().asShortText());
            if (session != null) {
                session.onIdle();
            } else {
                ctx.close();
            }
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    /**
     * Holds a message that arrived before the session exists. Returns false when it cannot be held: after a refused
     * handshake (the caller drops it) or past {@link #MAX_EARLY_MESSAGES} (the connection is being closed).
     */
    protected final boolean hold(ChannelHandlerContext ctx, M message) {
        if (handshakeDone) {
            return false;
        }
        if (early == null) {
            early = new ArrayList<>();
        }
        if (early.size() == MAX_EARLY_MESSAGES) {
            log.debug("connection {} from {}: more than {} messages before the handshake completed, closing",
                    ctx.channel().id().asShortText(), ctx.channel().remoteAddress(), MAX_EARLY_MESSAGES);
            ctx.close();
            return false;
        }
        early.add(message);
        return true;
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
